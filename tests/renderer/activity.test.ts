// The case's activity in words: entries name their record, translation work reads as such, and
// a burst of autosaves of one record by one profile is one item with the count (pure functions).
import { describe, expect, it } from 'vitest';
import type { AuditListEntry } from '../../shared/domain';
import { BURST_GAP_MS, describeEntry, groupActivity } from '../../renderer/src/features/cases/activity';

let seq = 100;
function entry(at: string, fields: Partial<AuditListEntry>): AuditListEntry {
  return {
    seq: seq--, at, actorId: 'p1', action: 'statement.update', recordType: 'statement', recordId: 's1', changes: {},
    prevHash: '', hash: '', title: 'Nujaba statement', ...fields,
  };
}

describe('groupActivity', () => {
  it('folds consecutive saves of one record by one profile a few minutes apart into one item, keeping the first before and last after', () => {
    const t = (m: number) => new Date(Date.UTC(2023, 10, 1, 10, m)).toISOString();
    const items = groupActivity([
      entry(t(9), { changes: { summary: ['Nujaba s', 'Nujaba statement'] } }),
      entry(t(7), { changes: { summary: ['Nu', 'Nujaba s'], platform: [null, 'X'] } }),
      entry(t(5), { changes: { summary: ['', 'Nu'] } }),
      entry(t(4), { actorId: 'p2', changes: { summary: ['x', ''] } }),
      entry(t(3), { action: 'statement.create' }),
    ]);
    expect(items.map((i) => [i.latest.action, i.latest.actorId, i.count])).toEqual([
      ['statement.update', 'p1', 3], ['statement.update', 'p2', 1], ['statement.create', 'p1', 1],
    ]);
    expect(items[0]!.changes).toEqual({ summary: ['', 'Nujaba statement'], platform: [null, 'X'] });
    expect(items[0]!.earliest.at).toBe(t(5));
  });

  it('keeps saves further apart than the burst gap, and other records, apart', () => {
    const at = (ms: number) => new Date(Date.UTC(2023, 10, 1) + ms).toISOString();
    const items = groupActivity([
      entry(at(BURST_GAP_MS + 1), {}), entry(at(0), {}), entry(at(-1000), { recordId: 's2' }),
    ]);
    expect(items.map((i) => i.count)).toEqual([1, 1, 1]);
  });
});

describe('describeEntry', () => {
  it('names the record, and says what happened to a translation or a case item', () => {
    expect(describeEntry(entry('2023-11-01T10:00:00Z', { action: 'translation.approve', recordType: 'translation', title: 'Nujaba statement (en)' })))
      .toEqual({ verb: 'approved the translation of', title: 'Nujaba statement (en)', what: 'statement', after: '' });
    expect(describeEntry(entry('2023-11-01T10:00:00Z', { action: 'case.add_item', recordType: 'case', changes: { 'source:abc': [null, 'added'] }, title: 'A post' })))
      .toMatchObject({ verb: 'added source', title: 'A post', after: 'to the case' });
    expect(describeEntry(entry('2023-11-01T10:00:00Z', { action: 'statement.correct_original' }))).toMatchObject({ verb: 'corrected the original of statement' });
  });
});
