import { describe, expect, it } from 'vitest';
import {
  formatCitation, formatQuotation, insertReference, parseBody, parseReferences,
} from '../../shared/report/references';

const S1 = '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b';
const S2 = '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2c';
const ST = '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2d';
const RV = '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2e';

describe('parseReferences', () => {
  it('finds citations with and without locators, several in a row, with their offsets', () => {
    const body = `Kaabi posted it[@${S1}] and again[@${S1}, at 02:13][@${S2}, p. 4].`;
    const refs = parseReferences(body);
    expect(refs.map((r) => r.kind === 'cite' && [r.sourceId, r.locator])).toEqual([[S1, ''], [S1, 'at 02:13'], [S2, 'p. 4']]);
    for (const r of refs) expect(body.slice(r.start, r.end)).toMatch(/^\[@.*\]$/);
    expect(body.slice(refs[1]!.start, refs[1]!.end)).toBe(`[@${S1}, at 02:13]`);
  });

  it('tells a block quotation (alone on its line) from an inline one, and the two wordings', () => {
    const body = [
      `The statement reads: "{{quote statement=${ST} wording=published}}" It ends.`,
      '',
      `  {{quote statement=${ST} revision=${RV}}}  `,
    ].join('\n');
    const [inline, block] = parseReferences(body);
    expect(inline).toMatchObject({ kind: 'quote', statementId: ST, revisionId: null, wording: 'published', block: false });
    expect(block).toMatchObject({ kind: 'quote', statementId: ST, revisionId: RV, wording: 'translation', block: true });
    expect(body.slice(block!.start, block!.end)).toBe(`{{quote statement=${ST} revision=${RV}}}`);
  });

  it('accepts the attributes in either order', () => {
    expect(parseReferences(`{{quote revision=${RV} statement=${ST}}}`)).toMatchObject([{ statementId: ST, revisionId: RV }]);
  });

  it('counts offsets in UTF-16 code units, past Arabic and emoji', () => {
    const body = `قال الكعبي 🙂 [@${S1}]`;
    const [r] = parseReferences(body);
    expect(body.slice(r!.start, r!.end)).toBe(`[@${S1}]`);
  });

  it('leaves prose in brackets alone: [@handle] and [@ text]', () => {
    expect(parseBody('Posted by [@akram_kaabi] and [@ someone].')).toEqual({ references: [], problems: [] });
  });

  it('reports reference-like mistakes with their line, and keeps the good references', () => {
    const body = [
      `ok[@${S1}]`,
      '[@0190a1b2-c3d4] truncated id',
      `{{quote statement=${ST}}}`,
      `{{quote statement=${ST} revision=${RV} wording=published}}`,
      `{{quote statement=${ST} wording=original}}`,
      `{{quote statement=${ST} colour=red}}`,
      '{{quote statement=12 wording=published}}',
      `{{quote statement=${ST} wording=published`,
      `[@${S1},  ]`,
      `[@${S1}, ${'x'.repeat(201)}]`,
    ].join('\n');
    const { references, problems } = parseBody(body);
    expect(references).toHaveLength(1);
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/full source id/),
      expect.stringMatching(/no translation revision/),
      expect.stringMatching(/not both/),
      expect.stringMatching(/wording=original is not known/),
      expect.stringMatching(/unknown quotation attribute "colour"/),
      expect.stringMatching(/statement=12 is not a statement id/),
      expect.stringMatching(/closed by \}\}/),
      expect.stringMatching(/no locator/),
      expect.stringMatching(/longer than 200/),
    ]);
  });
});

describe('writing references', () => {
  it('writes each form so that it parses back to the same reference', () => {
    const c = formatCitation(S1, ' at 02:13 ');
    expect(c).toBe(`[@${S1}, at 02:13]`);
    expect(parseReferences(c)).toMatchObject([{ kind: 'cite', sourceId: S1, locator: 'at 02:13' }]);
    expect(formatCitation(S1)).toBe(`[@${S1}]`);
    const q = formatQuotation({ statementId: ST, revisionId: RV });
    expect(parseReferences(q)).toMatchObject([{ kind: 'quote', statementId: ST, revisionId: RV, wording: 'translation', block: true }]);
    expect(parseReferences(formatQuotation({ statementId: ST, wording: 'published' }))).toMatchObject([{ wording: 'published', revisionId: null }]);
  });

  it('refuses what could not be read back', () => {
    expect(() => formatCitation(S1, 'p. [4]')).toThrow(/"\]"/);
    expect(() => formatCitation('smith2020')).toThrow(/not a source id/);
    expect(() => formatCitation(S1, 'x'.repeat(201))).toThrow(/200/);
    expect(() => formatQuotation({ statementId: ST, revisionId: 'r1' })).toThrow(/revision id/);
  });

  it('inserts a block quotation on a line of its own, an inline reference where asked', () => {
    const q = formatQuotation({ statementId: ST, wording: 'published' });
    const mid = insertReference('First paragraph. Second.', 16, q, { block: true });
    expect(mid.body).toBe(`First paragraph.\n\n${q}\n\n Second.`);
    expect(mid.body.slice(mid.start, mid.end)).toBe(q);
    expect(parseReferences(mid.body)[0]).toMatchObject({ block: true });
    expect(insertReference('', 0, q, { block: true }).body).toBe(q);
    const inline = insertReference('He said it.', 10, formatCitation(S1));
    expect(inline.body).toBe(`He said it[@${S1}].`);
    expect(insertReference('abc', 99, 'X').body).toBe('abcX');
  });
});
