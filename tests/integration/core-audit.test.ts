import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson, digestRows, entryHash, GENESIS } from '../../electron/core/audit/chain';
import { HEAD_FILE } from '../../electron/core/audit/head';
import {
  auditRows, changeLogCount, makeDesk, newActor, newCase, newSource, newStatement, NO_SUCH_ID, openCore,
  refused, sideConnection, tableCounts, useCleanup, type AuditRow, type Desk,
} from './helpers';

useCleanup();

function lastSeq(d: Desk): number {
  return (d.core.db.prepare('SELECT coalesce(max(seq), 0) FROM audit_log').pluck().get() as number);
}

function headFile(d: Desk): { seq: number; hash: string } {
  return JSON.parse(fs.readFileSync(path.join(d.dir, HEAD_FILE), 'utf8')) as { seq: number; hash: string };
}

/** A desk with some history: 3 profiles + 10 more writes. */
async function deskWithHistory(): Promise<Desk> {
  const d = await makeDesk();
  const c = await newCase(d);
  await d.core.invoke('cases.update', { as: d.analyst.id, id: c.id, rev: c.rev, summary: 's' });
  const a = await newActor(d);
  await newStatement(d, { speakerId: a.id });
  await newSource(d);
  await d.core.invoke('notes.create', { as: d.analyst.id, targetType: 'case', targetId: c.id, body: 'n' });
  await d.core.invoke('reports.create', { as: d.analyst.id, headline: 'h' });
  await newActor(d, { name: 'Second' });
  await newActor(d, { name: 'Third' });
  await newActor(d, { name: 'Fourth' });
  expect(lastSeq(d)).toBe(13);
  expect((await d.core.invoke('audit.verify', { as: d.admin.id })).ok).toBe(true);
  return d;
}

/** Another connection with the append-only triggers dropped, as an attacker with file access would do it (sqlite3 leaves foreign keys off). */
function attacker(d: Desk) {
  const db = sideConnection(d.core);
  db.pragma('foreign_keys = OFF');
  db.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;');
  return db;
}

/** Cuts the log after entry `after`, with the row images of the entries cut, as a careful attacker would. */
function cutTail(d: Desk, after: number) {
  const db = attacker(d);
  db.exec('DROP TRIGGER IF EXISTS audit_rows_no_delete');
  db.prepare('DELETE FROM audit_rows WHERE seq > ?').run(after);
  db.prepare('DELETE FROM audit_log WHERE seq > ?').run(after);
}

async function expectBroken(d: Desk, seq: number | null, message: RegExp) {
  const v = await d.core.invoke('audit.verify', { as: d.admin.id });
  expect(v.ok).toBe(false);
  expect(v.firstBroken?.seq).toBe(seq);
  expect(v.firstBroken?.message).toMatch(message);
  const report = await d.core.check();
  expect(report.ok).toBe(false);
  expect(report.problems.join('\n')).toMatch(message);
}

describe('every write is audited once, with its change-log row', () => {
  it('create, update, trash and restore each leave one entry naming the action, actor, record and changed fields', async () => {
    const d = await makeDesk();

    /** Runs one write; returns the changes of the one audit entry it left, after checking it and its change-log row. */
    async function one<T>(
      fn: () => Promise<T>, action: string, actor: string, recordType: string, recordId: ((r: T) => string) | string,
      keys?: string[],
    ): Promise<{ result: T; changes: Record<string, [unknown, unknown]> }> {
      const seq = lastSeq(d);
      const cl = changeLogCount(d.core);
      const result = await fn();
      const id = typeof recordId === 'string' ? recordId : recordId(result);
      const rows = auditRows(d.core.db, seq);
      expect(rows, action).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action, actor_id: actor, record_type: recordType, record_id: id });
      const changes = JSON.parse(rows[0]!.changes) as Record<string, [unknown, unknown]>;
      if (keys) expect(Object.keys(changes).sort(), action).toEqual([...keys].sort());
      expect(changeLogCount(d.core), action).toBe(cl + 1);
      const row = d.core.db.prepare('SELECT record_type, record_id, at FROM change_log ORDER BY seq DESC LIMIT 1').get();
      expect(row).toEqual({ record_type: recordType, record_id: id, at: rows[0]!.at });
      return { result, changes };
    }

    const c = (await one(() => newCase(d, { title: 'T', summary: 'S' }), 'case.create', d.admin.id, 'case', (r) => r.id)).result;
    const upd = await one(() => d.core.invoke('cases.update', { as: d.analyst.id, id: c.id, rev: c.rev, summary: 'S2', title: 'T' }), 'case.update', d.analyst.id, 'case', c.id, ['summary']);
    expect(upd.changes.summary).toEqual(['S', 'S2']);

    const created = await one(() => newActor(d, { name: 'Akram' }), 'actor.create', d.analyst.id, 'actor', (r) => r.id);
    expect(created.changes.name).toEqual([null, 'Akram']);
    expect(created.changes).not.toHaveProperty('rev');
    expect(created.changes).not.toHaveProperty('updatedAt');
    const actor = created.result;
    const trashed = (await one(() => d.core.invoke('actors.trash', { as: d.analyst.id, id: actor.id, rev: actor.rev }), 'actor.trash', d.analyst.id, 'actor', actor.id, ['deletedAt'])).result;
    await one(() => d.core.invoke('actors.restore', { as: d.analyst.id, id: actor.id, rev: trashed.rev }), 'actor.restore', d.analyst.id, 'actor', actor.id, ['deletedAt']);

    const st = await newStatement(d, { originalText: 'نص #وسم' });
    const stUpd = await one(() => d.core.invoke('statements.update', { as: d.analyst.id, id: st.id, rev: st.rev, summary: 'only the summary' }), 'statement.update', d.analyst.id, 'statement', st.id, ['summary']);
    expect(stUpd.changes.summary).toEqual(['', 'only the summary']);
    await one(() => d.core.invoke('profiles.update', { as: d.admin.id, id: d.reviewer.id, rev: d.reviewer.rev, initials: 'RV' }), 'profile.update', d.admin.id, 'profile', d.reviewer.id, ['initials']);

    const src = await newSource(d);
    await one(() => d.core.invoke('citations.add', { as: d.analyst.id, citingType: 'statement', citingId: st.id, sourceId: src.id, locator: '' }), 'citation.add', d.analyst.id, 'statement', st.id);
    const kase = await newCase(d);
    await one(() => d.core.invoke('cases.addItem', { as: d.analyst.id, caseId: kase.id, itemType: 'source', itemId: src.id }), 'case.add_item', d.analyst.id, 'case', kase.id, [`source:${src.id}`]);
    const n = await one(() => d.core.invoke('notes.create', { as: d.reviewer.id, targetType: 'source', targetId: src.id, body: 'n' }), 'note.create', d.reviewer.id, 'note', (r) => r.id);
    await one(() => d.core.invoke('notes.update', { as: d.reviewer.id, id: n.result.id, rev: n.result.rev, pinned: true }), 'note.update', d.reviewer.id, 'note', n.result.id, ['pinned']);
    const b = await newActor(d);
    const link = await one(() => d.core.invoke('actors.link', { as: d.analyst.id, fromActorId: actor.id, relation: 'member_of', toActorId: b.id, note: '' }), 'actor.link', d.analyst.id, 'actor_relation', (r) => r.id);
    await one(async () => { await d.core.invoke('actors.unlink', { as: d.analyst.id, relationId: link.result.id }); return link.result; }, 'actor.unlink', d.analyst.id, 'actor_relation', link.result.id);
  });

  it('a save that changes nothing writes nothing', async () => {
    const d = await makeDesk();
    const c = await newCase(d, { summary: 'same' });
    const counts = tableCounts(d.core.db);
    const again = await d.core.invoke('cases.update', { as: d.analyst.id, id: c.id, rev: c.rev, summary: 'same' });
    expect(again).toEqual(c);
    expect(tableCounts(d.core.db)).toEqual(counts);
  });

  it('a statement created into a case leaves one entry per record touched, all in one transaction', async () => {
    const d = await makeDesk();
    const kase = await newCase(d);
    const seq = lastSeq(d);
    const st = await newStatement(d, { caseIds: [kase.id] });
    expect(auditRows(d.core.db, seq).map((r) => [r.action, r.record_id])).toEqual([['statement.create', st.id], ['case.add_item', kase.id]]);
  });

  it('a refused write leaves no record, no audit entry and no change-log row (unknown case in caseIds)', async () => {
    const d = await makeDesk();
    const kase = await newCase(d);
    const counts = tableCounts(d.core.db);
    const head = headFile(d);
    await refused(newStatement(d, { caseIds: [kase.id, NO_SUCH_ID] }), 'not_found');
    expect(tableCounts(d.core.db)).toEqual(counts);
    expect(headFile(d)).toEqual(head);
  });

  it('a write that fails halfway (after the record and its audit entry) is rolled back entirely', async () => {
    const d = await makeDesk();
    const kase = await newCase(d);
    const counts = tableCounts(d.core.db);
    const head = headFile(d);
    // Make the last step of the write fail, as a full disk or a crash would: the case link.
    sideConnection(d.core).exec("CREATE TRIGGER fail_link BEFORE INSERT ON case_items BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;");
    await expect(newStatement(d, { caseIds: [kase.id], summary: 'half' })).rejects.toThrow(/simulated failure/);
    expect(tableCounts(d.core.db)).toEqual(counts);
    expect(d.core.db.prepare("SELECT count(*) FROM statements WHERE summary = 'half'").pluck().get()).toBe(0);
    expect(headFile(d)).toEqual(head);

    // And when the change-log row is the part that fails.
    const side = sideConnection(d.core);
    side.exec("DROP TRIGGER fail_link; CREATE TRIGGER fail_cl BEFORE INSERT ON change_log BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;");
    await expect(newActor(d)).rejects.toThrow(/simulated failure/);
    expect(tableCounts(d.core.db)).toEqual(counts);
    side.exec('DROP TRIGGER fail_cl');
    expect((await d.core.check()).problems).toEqual([]);
  });
});

describe('tamper detection', () => {
  it('an edited entry is named by its seq', async () => {
    const d = await deskWithHistory();
    attacker(d).prepare("UPDATE audit_log SET changes = ? WHERE seq = 5").run(canonicalJson({ title: [null, 'Forged'] }));
    await expectBroken(d, 5, /entry 5 was altered/);
  });

  it('an edited actor (who did it) is named too', async () => {
    const d = await deskWithHistory();
    attacker(d).prepare('UPDATE audit_log SET actor_id = ? WHERE seq = 7').run(d.reviewer.id);
    await expectBroken(d, 7, /entry 7/);
  });

  it('a deleted middle entry is named as missing', async () => {
    const d = await deskWithHistory();
    attacker(d).prepare('DELETE FROM audit_log WHERE seq = 6').run();
    await expectBroken(d, 6, /entry 6 is missing/);
  });

  it('a cut tail (last 3 entries deleted) is detected through the head file, also after a reopen', async () => {
    const d = await deskWithHistory();
    cutTail(d, 10);
    await expectBroken(d, 11, /tail was cut off/);
    d.core.close();
    const again = openCore(d.dir);
    await expectBroken({ ...d, core: again }, 11, /tail was cut off/);
  });

  it('a cut tail whose row images were left behind is detected without the head file, and refuses further writes', async () => {
    const d = await deskWithHistory();
    attacker(d).prepare('DELETE FROM audit_log WHERE seq > 10').run();
    fs.rmSync(path.join(d.dir, HEAD_FILE));
    await expectBroken(d, 11, /ends at entry 10, but row images of entry 11 remain: the tail was cut off/);
    const refusal = await refused(newActor(d, { name: 'Written after the cut' }), 'failed');
    expect(refusal.message).toMatch(/audit trail is damaged: it ends at entry 10.*nothing was saved/);
  });

  it('a cut tail stays detected after the next ordinary write', async () => {
    const d = await deskWithHistory();
    cutTail(d, 10);
    await newActor(d, { name: 'Written after the cut' });
    const v = await d.core.invoke('audit.verify', { as: d.admin.id });
    expect(v.ok).toBe(false);
    expect((await d.core.check()).ok).toBe(false);
  });

  it('a cut tail with the head file deleted too is reported (the end cannot be confirmed)', async () => {
    const d = await deskWithHistory();
    cutTail(d, 10);
    fs.rmSync(path.join(d.dir, HEAD_FILE));
    await expectBroken(d, null, /head file .* is missing/);
  });

  it('a consistently rewritten chain (every hash recomputed) is detected by the head file', async () => {
    const d = await deskWithHistory();
    const db = attacker(d);
    const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
    let prev = GENESIS;
    db.transaction(() => {
      for (const r of rows) {
        const changes = JSON.parse(r.changes) as Record<string, [unknown, unknown]>;
        if (r.seq === 4) changes.title = [null, 'A title that was never written'];
        const base = { seq: r.seq, at: r.at, actorId: r.actor_id, action: r.action, recordType: r.record_type, recordId: r.record_id, changes, prevHash: prev };
        const hash = entryHash({ ...base, format: 2, rowsDigest: digestRows(db, r.seq).digest });
        db.prepare('UPDATE audit_log SET changes = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(canonicalJson(changes), prev, hash, r.seq);
        prev = hash;
      }
    })();
    await expectBroken(d, 13, /rewritten/);
    // …and an ordinary write afterwards does not launder it.
    await newActor(d, { name: 'After the rewrite' });
    expect((await d.core.invoke('audit.verify', { as: d.admin.id })).ok).toBe(false);
  });

  it('a head file one entry behind (crash between commit and head write) is reconciled on open', async () => {
    const d = await deskWithHistory();
    const older = fs.readFileSync(path.join(d.dir, HEAD_FILE));
    await newActor(d, { name: 'The last write before the crash' });
    const newest = headFile(d);
    expect(newest.seq).toBe(14);
    d.core.close();
    fs.writeFileSync(path.join(d.dir, HEAD_FILE), older);

    const again = openCore(d.dir);
    const report = await again.check();
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(d.dir, HEAD_FILE), 'utf8'))).toEqual(newest);
  });

  it('a head file behind a tampered chain is not reconciled over the tampering', async () => {
    const d = await deskWithHistory();
    const older = fs.readFileSync(path.join(d.dir, HEAD_FILE));
    await newActor(d);
    d.core.close();
    fs.writeFileSync(path.join(d.dir, HEAD_FILE), older);
    const db = openCore(d.dir);
    const side = sideConnection(db);
    side.exec('DROP TRIGGER audit_no_update');
    side.prepare("UPDATE audit_log SET action = 'actor.forged' WHERE seq = 14").run();
    db.close();
    const again = openCore(d.dir);
    const report = await again.check();
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(/entry 14/);
  });

  it('the append-only triggers refuse edits from an ordinary connection', async () => {
    const d = await deskWithHistory();
    const db = sideConnection(d.core);
    expect(() => db.prepare("UPDATE audit_log SET action = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 13').run()).toThrow(/append-only/);
    expect((await d.core.check()).ok).toBe(true);
  });
});

describe('audit.list', () => {
  it('lists newest first and filters by record, actor and case', async () => {
    const d = await makeDesk();
    const kase = await newCase(d);
    const st = await newStatement(d, { caseIds: [kase.id] });
    await d.core.invoke('statements.update', { as: d.admin.id, id: st.id, rev: st.rev, summary: 'x' });
    const byRecord = await d.core.invoke('audit.list', { as: d.admin.id, recordType: 'statement', recordId: st.id });
    expect(byRecord.map((e) => e.action)).toEqual(['statement.update', 'statement.create']);
    const byActor = await d.core.invoke('audit.list', { as: d.admin.id, actorId: d.analyst.id });
    expect(byActor.map((e) => e.action)).toEqual(['case.add_item', 'statement.create']);
    const byCase = await d.core.invoke('audit.list', { as: d.admin.id, caseId: kase.id });
    expect(byCase.map((e) => e.action)).toEqual(['statement.update', 'case.add_item', 'statement.create', 'case.create']);
    const limited = await d.core.invoke('audit.list', { as: d.admin.id, limit: 2 });
    expect(limited.map((e) => e.seq)).toEqual([lastSeq(d), lastSeq(d) - 1]);
    const older = await d.core.invoke('audit.list', { as: d.admin.id, beforeSeq: 3 });
    expect(older.map((e) => e.seq)).toEqual([2, 1]);
  });
});
