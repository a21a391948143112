import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Writes files into the real tree, under a fresh folder inside each given layer folder, so the
 * house's own checkers judge them exactly as they would judge a contributor's file. Returns the
 * repo-relative paths written and a function that removes every folder it made.
 */
export function plant(files: Record<string, string>): { paths: Record<string, string>; remove: () => void } {
  const tag = `__planted_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const dirs = new Set<string>();
  const paths: Record<string, string> = {};
  try {
    for (const [name, text] of Object.entries(files)) {
      // "<folder>/<file>" goes to <folder>/__planted_x/<file>; a bare "<file>" to __planted_x/<file>
      // at the root, outside every layer.
      const at = name.lastIndexOf('/');
      const dir = at < 0 ? tag : path.join(name.slice(0, at), tag);
      const rel = path.join(dir, name.slice(at + 1)).split(path.sep).join('/');
      fs.mkdirSync(path.join(repoRoot, dir), { recursive: true });
      dirs.add(path.join(repoRoot, dir));
      fs.writeFileSync(path.join(repoRoot, rel), text);
      paths[name] = rel;
    }
  } catch (err) {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    throw err;
  }
  return { paths, remove: () => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); } };
}
