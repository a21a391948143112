// The renderer's lint rule against literal words in JSX (eslint.config.mjs): the real config judges
// planted components, so a word that bypasses the catalogues fails `npm run lint`.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './plant';

const eslint = new ESLint({ cwd: repoRoot });
// Components as the renderer writes them (function declarations, PascalCase): the rule skips an
// ALL_CAPS constant's value, so a component named A would slip through a test, not the codebase.
async function literalErrors(code: string, file = 'renderer/src/components/Planted.tsx'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot}/${file}` });
  return result!.messages.filter((m) => m.ruleId === 'i18next/no-literal-string').map((m) => m.message);
}

describe('no literal words in the renderer', () => {
  it('fails on text, on words in expressions and on the attributes people read', async () => {
    const planted = [
      'export function Empty() { return <p>Nothing here yet.</p>; }',
      "export function State({ on }: { on: boolean }) { return <p>{on ? 'Saved' : 'Not saved'}</p>; }",
      'export function Close() { return <button type="button" aria-label="Close the dialog">×</button>; }',
      'export function Find() { return <input placeholder="Search records" />; }',
      'export function Tick() { return <span title="Approved text">✓</span>; }',
    ];
    for (const code of planted) expect(await literalErrors(code), code).not.toEqual([]);
  });

  it('lets catalogue words, symbols, class names, ids and code values through', async () => {
    const fine = [
      "import { useTranslation } from 'react-i18next';\nexport function Fine() { const { t } = useTranslation('common'); return <p className=\"muted small\" id=\"x\" data-testid=\"y\" aria-label={t('close')}>{t('empty')} · × ▾ ✓ 3</p>; }",
      "export function Value({ c }: { c?: string }) { return <span dir=\"auto\">{c ?? 'mine'} {12}%</span>; }",
    ];
    for (const code of fine) expect(await literalErrors(code), code).toEqual([]);
  });
});
