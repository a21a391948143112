import { Option } from 'commander';
import { Marking } from '../../../shared/domain';
import { int } from '../input';
import type { Session } from '../session';
import type { Method } from '../../../shared/ipc/contract';

export const revOption = () => new Option('--rev <n>', 'the revision you are changing (default: the current one); a stale one is refused as a conflict').argParser(int(1));
export const markingOption = (what: string) => new Option('--marking <marking>', `distribution marking of the ${what}`).choices(Marking.options);
export const limitOption = () => new Option('--limit <n>', 'how many to show').argParser(int(1)).default(100);
export const offsetOption = () => new Option('--offset <n>', 'skip this many first').argParser(int(0)).default(0);

type GetMethod = Extract<Method, `${string}.get`>;

/** The revision an update applies to: --rev when given (so a stale one is a conflict), else the saved one. */
export async function revFor(s: Session, get: GetMethod, id: string, given: number | undefined): Promise<number> {
  if (given !== undefined) return given;
  const current = (await s.invoke(get, { as: await s.as(), id })) as { rev: number };
  return current.rev;
}

/** Profile id -> initials, for compact "by" columns. */
export async function whoFn(s: Session): Promise<(id: string | null | undefined) => string> {
  const ps = await s.profiles();
  const byId = new Map(ps.map((p) => [p.id, p.initials]));
  return (id) => (id ? byId.get(id) ?? id.slice(0, 8) : '');
}
