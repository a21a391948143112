// from:/to: as index tokens must keep exactly the records the plain comparison keeps
// (date >= from, date <= to and anything to:2023-11 starts, such as 2023-11-30), for
// dates given to the year, the month, the day or the minute.
import { describe, expect, it } from 'vitest';
import { dateRangeTokens } from '../../electron/core/search/compile';
import { dateTokens } from '../../electron/core/search/documents';

const DATES = [
  '2021', '2022', '2023', '2024',
  '2022-12', '2023-01', '2023-02', '2023-11', '2023-12', '2024-01',
  '2022-12-31', '2023-01-01', '2023-02-28', '2023-11-01', '2023-11-15', '2023-11-30', '2023-12-01', '2024-01-15',
  '2023-11-15T14:30Z', '2023-11-30T23:59:59.999Z',
];
const BOUNDS = [null, '2022', '2023', '2024', '2023-01', '2023-11', '2023-12', '2022-12-31', '2023-01-01', '2023-11-15', '2023-11-30'];

describe('date filters as index tokens', () => {
  it('keep exactly the dates the comparison keeps, for every pair of bounds', () => {
    for (const from of BOUNDS) {
      for (const to of BOUNDS) {
        if (from === null && to === null) continue;
        const wanted = new Set(dateRangeTokens(from, to, [2021, 2024]));
        for (const date of DATES) {
          const expected = (from === null || date >= from) && (to === null || date <= `${to}\uffff`);
          const found = dateTokens(date).some((t) => wanted.has(t));
          expect(found, `${date} with from:${from} to:${to}`).toBe(expected);
        }
      }
    }
  });

  it('use whole years and months where it can', () => {
    expect(dateRangeTokens('2018', '2020-06', [2015, 2024])).toEqual(['dy2018', 'dy2019', 'do2020', 'dm202001', 'dm202002', 'dm202003', 'dm202004', 'dm202005', 'dm202006']);
    expect(dateRangeTokens('2023-11-01', '2023-11-01', [2015, 2024])).toEqual(['dd20231101']);
    expect(dateRangeTokens('2030', null, [2015, 2024])).toEqual([]);
  });
});
