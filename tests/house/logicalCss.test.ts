// The renderer's CSS mirrors for Arabic only if it says start/end: every physical left/right
// declaration in it fails here, and the checker itself is shown to catch each kind.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cssFiles, physicalDeclarations } from '../../scripts/logicalCss';
import { repoRoot } from './plant';

describe('logical CSS', () => {
  it('finds no left/right in the renderer stylesheets', () => {
    const files = cssFiles(path.join(repoRoot, 'renderer', 'src'));
    expect(files.length).toBeGreaterThan(5);
    const found = files.flatMap((f) => physicalDeclarations(fs.readFileSync(f, 'utf8')).map((d) => `${path.relative(repoRoot, f)}:${d.line} ${d.declaration}`));
    expect(found).toEqual([]);
  });

  it('catches each physical property and value it exists for', () => {
    const planted = [
      '.a { margin-left: 1rem; }', '.a { padding-right: 0; }', '.a { border-left: 1px solid; }', '.a { border-right-color: red; }',
      '.a { position: absolute; left: 0; }', '.a { right: 2px }', '.a { text-align: right; }', '.a { float: left; }',
      '.a { border-top-left-radius: 3px; }', '.a { transform: translateX(4px); }', '.a { background-position: left top; }',
    ];
    for (const css of planted) expect(physicalDeclarations(css), css).toHaveLength(1);
  });

  it('lets logical properties, selectors and comments through', () => {
    const fine = [
      '.a { margin-inline-start: 1rem; padding-inline: 0; inset-inline-end: 0; text-align: start; border-inline-end: 1px solid; }',
      'a:hover { color: red; }', '/* margin-left: 1rem */ .a { top: 0; bottom: 0; }', '.a { transform: rotate(90deg) translateY(2px); }',
    ];
    for (const css of fine) expect(physicalDeclarations(css), css).toEqual([]);
  });
});
