// The whole-database JSON export and import (electron/core/io/json.ts), in process.
import { beforeAll, describe, expect, it } from 'vitest';
import { readChainHead } from '../../electron/core/audit/chain';
import { HEAD_FILE, readHeadFile } from '../../electron/core/audit/head';
import { verifyAudit } from '../../electron/core/audit/verify';
import { CoreError } from '../../electron/core/errors';
import { exportJson, importJson, type ExportDoc } from '../../electron/core/io/json';
import type { Core } from '../../electron/core/index';
import { makeDesk, newActor, newCase, newSource, newStatement, openCore, tableCounts, useCleanup, type Desk } from './helpers';

useCleanup();

/** A desk with a bit of everything: the sample, a trashed record, a correction, an attachment, an event, a report. */
async function fullDesk(): Promise<Desk> {
  const d = await makeDesk();
  const { caseId } = await d.core.invoke('sample.load', { as: d.analyst.id });
  const kase = await newCase(d, { tags: ['x'], assignees: [d.analyst.id] });
  const actor = await newActor(d, { aliases: [{ alias: 'أبو علي', kind: 'kunya', lang: 'ar' }] });
  const st = await newStatement(d, { speakerId: actor.id, caseIds: [kase.id], originalText: 'قال\u200d \u202eabc #وسم' });
  await d.core.invoke('statements.update', { as: d.analyst.id, id: st.id, rev: st.rev, originalText: 'قال', correctionReason: 'typo' });
  const src = await newSource(d, { caseIds: [caseId] });
  await d.core.invoke('citations.add', { as: d.analyst.id, citingType: 'statement', citingId: st.id, sourceId: src.id, locator: 'p. 2' });
  await d.core.invoke('attachments.add', { as: d.analyst.id, ownerType: 'source', ownerId: src.id, fileName: 'shot.png', data: new Uint8Array([1, 2, 3]) });
  await d.core.invoke('events.create', { as: d.analyst.id, caseId: kase.id, occurredAt: '2023-11', datePrecision: 'month', title: 'Strike' });
  await d.core.invoke('reports.create', { as: d.admin.id, headline: 'Draft', caseIds: [kase.id] });
  const note = await d.core.invoke('notes.create', { as: d.analyst.id, targetType: 'actor', targetId: actor.id, body: 'n', pinned: true });
  await d.core.invoke('notes.trash', { as: d.analyst.id, id: note.id, rev: note.rev });
  return d;
}

function emptyCounts(core: Core) {
  return Object.entries(tableCounts(core.db)).filter(([t, n]) => n > 0 && !t.startsWith('search_') && t !== 'sqlite_sequence');
}

function refusal(fn: () => unknown): CoreError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CoreError);
    return e as CoreError;
  }
  throw new Error('the import should have been refused');
}

const clone = (doc: ExportDoc) => structuredClone(doc) as ExportDoc & { tables: Record<string, Record<string, unknown>[]> };

describe('exportJson', () => {
  it('holds every table (audit and change log included) as stored, ordered by primary key, with no timestamp', async () => {
    const d = await fullDesk();
    const doc = exportJson(d.core);
    expect(Object.keys(doc)).toEqual(['format', 'schemaVersion', 'head', 'tables']);
    // The head of the trail, signed by this desk's key.
    expect(doc.head).toMatchObject({ deskId: d.core.state.key.deskId, publicKey: d.core.state.key.publicKey, seq: doc.tables.audit_log?.length });
    expect(doc.format).toBe('casefile-export');
    const tables = Object.keys(doc.tables);
    expect(tables).toEqual([...tables].sort());
    for (const t of ['profiles', 'cases', 'actors', 'actor_relations', 'statements', 'statement_relations', 'sources', 'citations',
      'case_items', 'attachments', 'notes', 'events', 'reports', 'audit_log', 'audit_rows', 'change_log', 'translations', 'translation_revisions']) {
      expect(doc.tables[t]?.length, t).toBeGreaterThan(0);
    }
    // The search index is derived from the records: not exported.
    expect(tables.filter((t) => t.startsWith('search_') || t.startsWith('sqlite_'))).toEqual([]);
    // As stored: snake_case columns, JSON columns as their text.
    const actor = doc.tables.actors?.find((a) => a.aliases !== '[]');
    expect(typeof actor?.aliases).toBe('string');
    expect(Object.keys(doc.tables.statements?.[0] ?? {})).toContain('original_text');
    const seqs = (doc.tables.audit_log ?? []).map((r) => r.seq as number);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const ids = (doc.tables.statements ?? []).map((r) => r.id as string);
    expect(ids).toEqual([...ids].sort());
    expect(JSON.stringify(exportJson(d.core))).toBe(JSON.stringify(doc));
  });
});

describe('importJson', () => {
  it('round-trips: export -> import -> export gives the same tables, the chain verifies, the head file is signed, the Core carries on', async () => {
    const d = await fullDesk();
    const doc = exportJson(d.core);
    const target = openCore();
    const res = importJson(target, JSON.parse(JSON.stringify(doc)));
    expect(res.counts.audit_log).toBe(doc.tables.audit_log?.length);
    expect(res.signedBy).toEqual({ deskId: d.core.state.key.deskId, deskName: 'Casefile desk', fingerprint: d.core.state.key.fingerprint });
    const again = exportJson(target);
    expect(JSON.stringify(again.tables)).toBe(JSON.stringify(doc.tables));
    // The same history, now vouched for by the desk that holds it.
    expect(again.head).toMatchObject({ seq: doc.head.seq, hash: doc.head.hash, at: doc.head.at, publicKey: target.state.key.publicKey });

    expect(verifyAudit(target.db, target.dataDir)).toMatchObject({ ok: true, entries: doc.tables.audit_log?.length });
    expect(readHeadFile(target.dataDir)).toMatchObject({ ...readChainHead(target.db), fingerprint: target.state.key.fingerprint });

    // Records read back through the contract, and new writes extend the imported chain.
    const cases = await target.invoke('cases.list', { as: d.admin.id });
    expect(cases.total).toBe(2);
    await target.invoke('cases.create', { as: d.admin.id, title: 'After the import' });
    expect(verifyAudit(target.db, target.dataDir).ok).toBe(true);

    // The attachment's record came, its file did not (the bundle format carries files).
    const check = await target.check();
    expect(check.problems.some((p) => /stored file is missing/.test(p))).toBe(true);
    expect(check.problems.filter((p) => !/stored file is missing/.test(p))).toEqual([]);
  });

  it('builds the search index from the imported records, so the desk is searchable and checks clean at once', async () => {
    const d = await makeDesk();
    await d.core.invoke('cases.create', { as: d.admin.id, title: 'قضية الكعبي المستوردة' });
    const doc = exportJson(d.core);
    const target = openCore();
    importJson(target, doc);
    const found = await target.invoke('search.query', { as: d.admin.id, q: 'المستورده' });
    expect(found.hits.map((h) => h.title)).toEqual(['قضية الكعبي المستوردة']);
    expect((await target.check()).problems).toEqual([]);
  });

  it('refuses a folder that already holds records, and changes nothing', async () => {
    const d = await makeDesk();
    const doc = exportJson(d.core);
    const before = tableCounts(d.core.db);
    const err = refusal(() => importJson(d.core, doc));
    expect(err.body.message).toMatch(/already holds records.*import into an empty folder/);
    expect(tableCounts(d.core.db)).toEqual(before);
  });

  describe('refuses a bad document, names what is wrong, and writes nothing', () => {
    type Doc = ReturnType<typeof clone>;
    const cases: [string, (doc: Doc) => unknown, RegExp][] = [
      ['not an export', () => ({ hello: 'world' }), /format: .*not a Casefile JSON export/],
      ['another schema version', (doc) => ({ ...doc, schemaVersion: 999 }), /schemaVersion: the export is from database schema 999/],
      ['an unknown table', (doc) => { doc.tables.secrets = []; return doc; }, /tables\.secrets: is not a table/],
      ['a missing table', (doc) => { delete doc.tables.reports; return doc; }, /tables\.reports: is missing/],
      ['an unknown column', (doc) => { doc.tables.cases![0]!.colour = 'red'; return doc; }, /cases\[0\] \(id [^)]+\): Unrecognized key: "colour"/],
      ['a missing column', (doc) => { delete doc.tables.cases![0]!.title; return doc; }, /cases\[0\] \(id [^)]+\)\.title: Invalid input/],
      ['a wrong column type', (doc) => { doc.tables.cases![0]!.rev = '1'; return doc; }, /cases\[0\] \(id [^)]+\)\.rev: Invalid input: expected number/],
      ['a null in a NOT NULL column', (doc) => { doc.tables.profiles![0]!.name = null; return doc; }, /profiles\[0\] \(id [^)]+\)\.name/],
      ['a bad enum value', (doc) => { doc.tables.cases![0]!.status = 'bogus'; return doc; }, /cases\[0\] \(id [^)]+\)\.status: Invalid option/],
      ['a bad value inside a JSON column', (doc) => {
        doc.tables.actors![0]!.aliases = JSON.stringify([{ alias: 'x', kind: 'nickname', lang: null }]);
        return doc;
      }, /actors\[0\] \(id [^)]+\)\.aliases\[0\]\.kind: Invalid option/],
      ['a JSON column that is not JSON', (doc) => { doc.tables.profiles![0]!.roles = 'admin'; return doc; }, /profiles\[0\] \(id [^)]+\)\.roles: is not valid JSON text/],
      ['a bad date', (doc) => { doc.tables.cases![0]!.created_at = 'yesterday'; return doc; }, /cases\[0\] \(id [^)]+\)\.created_at/],
      ['a lone surrogate', (doc) => { doc.tables.cases![0]!.summary = 'a\ud800b'; return doc; }, /cases\[0\] \(id [^)]+\)\.summary: contains invalid Unicode/],
      ['a bad link-table row', (doc) => { doc.tables.citations![0]!.citing_type = 'actor'; return doc; }, /citations\[0\] \(id [^)]+\)\.citing_type: Invalid option/],
      ['a duplicate primary key', (doc) => { doc.tables.actors!.push({ ...doc.tables.actors![0]! }); return doc; }, /actors\[\d\] \(id [^)]+\): UNIQUE constraint failed: actors\.id/],
      ['a dangling foreign key', (doc) => { doc.tables.statements![0]!.speaker_id = '00000000-0000-7000-8000-000000000000'; return doc; },
        /statements \(id [^)]+\)\.speaker_id: points at actors row 00000000-0000-7000-8000-000000000000, which is not in the document/],
      ['a dangling typed reference', (doc) => { doc.tables.notes![0]!.target_id = '00000000-0000-7000-8000-000000000000'; return doc; },
        /notes \([^)]+\)\.target_id: points at case 00000000-0000-7000-8000-000000000000, which is not in the document/],
      ['an edited audit entry', (doc) => { doc.tables.audit_log![4]!.record_id = 'x'; return doc; }, /audit_log \(seq 5\): Audit entry 5 was altered/],
      ['a removed audit entry', (doc) => { doc.tables.audit_log!.splice(2, 1); return doc; }, /audit_log \(seq 3\): Audit entry 3 is missing/],
    ];

    let doc: ExportDoc;
    beforeAll(async () => {
      const desk = await makeDesk();
      await desk.core.invoke('sample.load', { as: desk.analyst.id });
      doc = exportJson(desk.core);
    });

    it.each(cases)('%s', (_name, spoil, message) => {
      const target = openCore();
      const err = refusal(() => importJson(target, spoil(clone(doc))));
      expect(err.body.code).toBe('invalid_input');
      expect(err.body.message).toMatch(/^The import was refused and nothing was written\./);
      expect(err.body.message).toMatch(message);
      expect(emptyCounts(target)).toEqual([]);
      expect(readHeadFile(target.dataDir)).toMatchObject({ seq: 0, hash: '0'.repeat(64) });
    });

    it('names several problems at once', () => {
      const bad = clone(doc);
      bad.tables.cases![0]!.status = 'bogus';
      bad.tables.sources![1]!.kind = 'rumour';
      const err = refusal(() => importJson(openCore(), bad));
      expect(err.body.message).toMatch(/cases\[0\].*status.*; sources\[1\].*kind/);
      expect(err.body.field).toMatch(/^cases\[0\]/);
    });
  });

  it('the head file names the imported chain head', async () => {
    const d = await makeDesk();
    const target = openCore();
    importJson(target, exportJson(d.core));
    expect(HEAD_FILE).toBe('audit-head.json');
    expect(readHeadFile(target.dataDir)?.seq).toBe(3);
  });
});
