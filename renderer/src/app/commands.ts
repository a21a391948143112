import { createContext, useContext, useEffect, useMemo } from 'react';

export interface Command {
  id: string;
  label: string;
  /** Extra words the palette matches on. */
  keywords?: string;
  shortcut?: string;
  run(): void;
}

export interface Commands {
  list: Command[];
  run(id: string): void;
  openPalette(): void;
  openHelp(): void;
}

export const CommandsContext = createContext<Commands>({ list: [], run: () => {}, openPalette: () => {}, openHelp: () => {} });

export function useCommands(): Commands {
  return useContext(CommandsContext);
}

/** Where a screen offers the palette what it can do while it is shown (the Shell keeps them). */
export const ScreenCommandsContext = createContext<(owner: symbol, list: readonly Command[] | null) => void>(() => {});

/**
 * The commands of the screen on show (insert a citation, export, publish…), in the palette for as
 * long as it is mounted. Pass a memoized list: each new list replaces the screen's previous one.
 */
export function useScreenCommands(list: readonly Command[]): void {
  const set = useContext(ScreenCommandsContext);
  const owner = useMemo(() => Symbol('screen commands'), []);
  useEffect(() => { set(owner, list); }, [set, owner, list]);
  useEffect(() => () => set(owner, null), [set, owner]);
}
