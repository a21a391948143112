// The search index follows the change log: each write's transaction ends by taking in the
// change-log rows after search_state 'indexed_seq', each touched record once.
import { describe, expect, it } from 'vitest';
import { indexedSeq, indexPendingChanges, pendingChanges } from '../../electron/core/search/indexWriter';
import { makeDesk, newCase, newStatement, refused, sideConnection, useCleanup } from './helpers';

useCleanup();

const lastSeq = (db: { prepare(sql: string): { pluck(): { get(): unknown } } }) => db.prepare('SELECT coalesce(max(seq), 0) FROM change_log').pluck().get() as number;

describe('the search index follows the change log', () => {
  it('every write takes in its own change-log rows before it commits; a refused write leaves both as they were', async () => {
    const d = await makeDesk();
    const c = await newCase(d);
    const st = await newStatement(d, { summary: 'Kaabi threatens', caseIds: [c.id] });
    expect(indexedSeq(d.core.db)).toBe(lastSeq(d.core.db));
    expect(pendingChanges(d.core.db).count).toBe(0);

    const before = indexedSeq(d.core.db);
    await refused(d.core.invoke('statements.update', { as: d.analyst.id, id: st.id, rev: 1, originalText: 'changed without a reason' }), 'invalid_input');
    expect([indexedSeq(d.core.db), lastSeq(d.core.db)]).toEqual([before, before]);

    await d.core.invoke('statements.update', { as: d.analyst.id, id: st.id, rev: 1, summary: 'Nujaba answers' });
    expect(indexedSeq(d.core.db)).toBe(lastSeq(d.core.db));
    const found = await d.core.invoke('search.query', { as: d.analyst.id, q: 'Nujaba' });
    expect(found.hits.map((h) => h.id)).toEqual([st.id]);
  });

  it('a change the log names is indexed by the next write, whatever that write is about; check reports it until then', async () => {
    const d = await makeDesk();
    const st = await newStatement(d, { summary: 'First wording' });
    // A change written behind the Core's back, with its change-log row, as a sync from another machine would leave it.
    const side = sideConnection(d.core);
    side.prepare('UPDATE statements SET summary = ? WHERE id = ?').run('Synchronised wording', st.id);
    side.prepare("INSERT INTO change_log (record_type, record_id, op, at) VALUES ('statement', ?, 'update', ?)").run(st.id, new Date().toISOString());

    const report = await d.core.check();
    expect(JSON.stringify(report)).toMatch(/1 change-log entry has not been taken into the index/);
    expect((await d.core.invoke('search.query', { as: d.analyst.id, q: 'Synchronised' })).total).toBe(0);

    await newCase(d, { title: 'Unrelated' });
    expect(pendingChanges(d.core.db).count).toBe(0);
    const found = await d.core.invoke('search.query', { as: d.analyst.id, q: 'Synchronised' });
    expect(found.hits.map((h) => h.id)).toEqual([st.id]);
    expect(JSON.stringify(await d.core.check())).not.toMatch(/change-log/);
  });

  it('indexes each touched record once per transaction, however many rows name it', async () => {
    const d = await makeDesk();
    const c = await newCase(d);
    const st = await newStatement(d, { caseIds: [c.id] });
    const tv = await d.core.invoke('translations.start', { as: d.analyst.id, statementId: st.id, targetLang: 'en' });
    const db = d.core.db;
    const log = db.prepare("INSERT INTO change_log (record_type, record_id, op, at) VALUES (?, ?, 'update', 't')");
    const synced = db.transaction(() => {
      log.run('statement', st.id);
      log.run('statement', st.id);
      log.run('translation', tv.translation.id); // lives in its statement's document
      log.run('case', c.id);
      log.run('case', c.id);
      log.run('profile', d.admin.id); // not searchable
      return indexPendingChanges(db);
    }).immediate();
    expect(synced).toBe(2);
    expect(indexedSeq(db)).toBe(lastSeq(db));
  });
});
