import { createContext, useContext } from 'react';

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
