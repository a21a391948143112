import { describe, expect, it } from 'vitest';
import { balanceBidi, isolate } from '../../../shared/text/isolate';
import { findHiddenCharacters } from '../../../shared/text';

const RLO = '\u202E';
const LRE = '\u202A';
const PDF = '\u202C';
const RLI = '\u2067';
const FSI = '\u2068';
const PDI = '\u2069';

describe('balanceBidi and isolate: captured text inside a sentence', () => {
  it('closes what the text leaves open, innermost first', () => {
    expect(balanceBidi(`${RLO}evil`)).toBe(`${RLO}evil${PDF}`);
    expect(balanceBidi(`${RLI}a${LRE}b`)).toBe(`${RLI}a${LRE}b${PDF}${PDI}`);
    expect(isolate(`${RLO}evil`)).toBe(`${FSI}${RLO}evil${PDF}${PDI}`);
  });

  it('drops closers with nothing to close, so the isolation cannot be ended from inside', () => {
    expect(balanceBidi(`a${PDI}${RLO}b`)).toBe(`a${RLO}b${PDF}`);
    expect(balanceBidi(`a${PDF}b`)).toBe('ab');
    // A PDF never closes across an isolate; a PDI closes its isolate and what was opened inside it.
    expect(balanceBidi(`${RLO}${RLI}x${PDF}y`)).toBe(`${RLO}${RLI}xy${PDI}${PDF}`);
    expect(balanceBidi(`${RLI}${RLO}x${PDI}y`)).toBe(`${RLI}${RLO}x${PDI}y`);
  });

  it('keeps balanced text as it is, and turns line and paragraph breaks into spaces', () => {
    expect(balanceBidi(`plain ${RLO}نص${PDF} ${RLI}@h${PDI}`)).toBe(`plain ${RLO}نص${PDF} ${RLI}@h${PDI}`);
    expect(balanceBidi('a\nb\u2029c\rd')).toBe('a b c d');
  });
});

describe('findHiddenCharacters', () => {
  it('reports direction controls and zero-width characters, not the Persian non-joiner', () => {
    const found = findHiddenCharacters(`a${RLO}b\u200Bc\u200Dd\u00ADe\u2060f\uFEFFg\u200Ch`);
    expect(found.map((c) => [c.index, c.name, c.kind])).toEqual([
      [1, 'RLO', 'direction'], [3, 'ZWSP', 'invisible'], [5, 'ZWJ', 'invisible'], [7, 'SHY', 'invisible'],
      [9, 'WJ', 'invisible'], [11, 'ZWNBSP', 'invisible'],
    ]);
  });
});
