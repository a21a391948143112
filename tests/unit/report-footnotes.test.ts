// The shipped house citation style over the CSL mapping of sources: what a footnote reads.
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import type { Source } from '../../shared/domain';
import { sourceToCsl } from '../../electron/core/io/csl';
import { findCslDir, formatFootnotes, loadCitationStyle } from '../../electron/core/io/report/citations';

const style = loadCitationStyle(findCslDir(), os.tmpdir());
const ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

function footnote(fields: Partial<Source>, locator = ''): string {
  const src = { id: ID, kind: 'social_post', title: 'Kaabi on X, November 1', author: null, publisher: null, url: null, publishedAt: null, accessedAt: null, ...fields } as Source;
  return formatFootnotes(style, new Map([[ID, sourceToCsl(src)]]), [{ sourceId: ID, locator }])[0]!.text;
}

describe('house citation style', () => {
  it('cites a social post by platform, account and date', () => {
    expect(footnote({ publisher: 'X (formerly Twitter)', author: '@akramalkaabi', publishedAt: '2023-11-01' })).toBe('X (formerly Twitter), @akramalkaabi, November 1, 2023.');
  });

  // A post captured with its title only (no platform, account or date yet) printed
  // "[CSL STYLE ERROR: reference with no printed form.]" into the exports.
  it('falls back to the title for a social post known by its title only', () => {
    expect(footnote({})).toBe('“Kaabi on X, November 1.”');
    expect(footnote({}, 'at 02:13')).toBe('“Kaabi on X, November 1,” at 02:13.');
  });
});
