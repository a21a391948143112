// The renderer's CSS says start and end, never left and right, so the layout mirrors for Arabic
// (dir="rtl" on <html>). Lists every physical-direction declaration in a stylesheet;
// tests/house/logicalCss.test.ts runs it over renderer/src as part of `npm test`.
import fs from 'node:fs';
import path from 'node:path';

export interface PhysicalDeclaration { line: number; declaration: string; use: string }

const RULES: [RegExp, (prop: string) => string][] = [
  [/^(margin|padding)-(left|right)$/, (p) => `${p.split('-')[0]}-inline-${p.endsWith('left') ? 'start' : 'end'}`],
  [/^border-(left|right)(-(width|style|color))?$/, (p) => p.replace(/left|right/, (s) => (s === 'left' ? 'inline-start' : 'inline-end'))],
  [/^border-(top|bottom)-(left|right)-radius$/, () => 'border-start-start-radius and its kin'],
  [/^(left|right)$/, (p) => `inset-inline-${p === 'left' ? 'start' : 'end'}`],
  [/^scroll-(margin|padding)-(left|right)$/, () => 'scroll-*-inline-start/end'],
];
const VALUE_RULES: [RegExp, RegExp, string][] = [
  [/^(text-align|float|clear|caption-side|justify-self|justify-items)$/, /\b(left|right)\b/, 'start or end'],
  [/^(transform|translate)$/, /translateX\(|translate\(\s*-?[\d.]+(px|rem|em|%)?\s*[,)]/, 'a logical layout, or a [dir] rule beside it'],
  [/^(background-position|background-position-x)$/, /\b(left|right)\b/, 'a [dir] rule, or center'],
];

/** The physical-direction declarations in one stylesheet's text, with line numbers. */
export function physicalDeclarations(css: string): PhysicalDeclaration[] {
  const found: PhysicalDeclaration[] = [];
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  const decl = /([a-z-]+)\s*:\s*([^;{}]+)(?=[;}])/g;
  for (const m of text.matchAll(decl)) {
    const prop = m[1]!;
    const value = m[2]!;
    const line = text.slice(0, m.index).split('\n').length;
    // A selector like `a:hover` is not a declaration: it is followed by `{`, which the lookahead refuses.
    for (const [re, fix] of RULES) if (re.test(prop)) found.push({ line, declaration: `${prop}: ${value.trim()}`, use: fix(prop) });
    for (const [re, bad, fix] of VALUE_RULES) if (re.test(prop) && bad.test(value)) found.push({ line, declaration: `${prop}: ${value.trim()}`, use: fix });
  }
  return found;
}

export function cssFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.css'))
    .map((e) => path.join(e.parentPath, e.name));
}
