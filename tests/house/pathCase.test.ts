// macOS and Windows file systems ignore case by default: there `./Diff` finds `diff.ts` when
// `Diff.tsx` sits beside it. No two paths in the repository may differ only by case, whether
// as files, as folders, or as the module names imports use (the path without its extension).
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { plant, repoRoot } from './plant';

const MODULE_EXTENSION = /(?:\.d)?\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs|json)$/;

/** Groups of spellings that a case-insensitive file system would take for one path. */
function caseClashes(paths: readonly string[]): string[][] {
  const spellings = new Map<string, Set<string>>();
  const add = (p: string) => {
    const key = p.toLowerCase();
    if (!spellings.has(key)) spellings.set(key, new Set());
    spellings.get(key)!.add(p);
  };
  for (const file of paths) {
    const parts = file.split('/');
    for (let i = 1; i < parts.length; i++) add(parts.slice(0, i).join('/'));
    add(file);
    if (MODULE_EXTENSION.test(file)) add(file.replace(MODULE_EXTENSION, ''));
  }
  return [...spellings.values()].filter((s) => s.size > 1).map((s) => [...s].sort());
}

/** Every path git tracks, plus new files it would track (not ignored). */
function repoPaths(): string[] {
  return execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\0').filter(Boolean);
}

let planted: ReturnType<typeof plant> | undefined;
afterEach(() => { planted?.remove(); planted = undefined; });

describe('paths that differ only by case', () => {
  it('are absent from the repository', () => {
    expect(caseClashes(repoPaths().filter((p) => !p.includes('__planted_')))).toEqual([]);
  });

  it('are found when a component sits beside a module of the same name, as Diff.tsx did beside diff.ts', () => {
    planted = plant({ 'renderer/src/Diff.tsx': 'export {};\n', 'renderer/src/diff.ts': 'export {};\n' });
    const clashes = caseClashes(repoPaths());
    expect(clashes).toEqual([[planted.paths['renderer/src/Diff.tsx']!.replace(/\.tsx$/, ''), planted.paths['renderer/src/diff.ts']!.replace(/\.ts$/, '')]]);
  });

  it('are found between two files, and between two folders', () => {
    expect(caseClashes(['docs/README.md', 'docs/readme.md'])).toEqual([['docs/README.md', 'docs/readme.md']]);
    expect(caseClashes(['Shared/a.ts', 'shared/b.ts'])).toEqual([['Shared', 'shared']]);
    expect(caseClashes(['renderer/src/Markdown.tsx', 'renderer/src/renderMarkdown.ts', 'a/index.ts', 'a/b/index.ts'])).toEqual([]);
  });
});
