// A desk holding one of every kind of record, and the tools of someone who has its data folder
// and sqlite3 but not the desk key: for the tamper suite and the custody tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { canonicalJson, digestRows, entryHash, GENESIS, rowToEntry, type AuditRow } from '../../electron/core/audit/chain';
import { DB_FILE } from '../../electron/core/index';
import type { TranslationView } from '../../shared/domain';
import { makeDesk, tempDir, type Desk } from './helpers';

export const ORIGINAL = 'بسم الله الرحمن الرحيم. فلم تقتلوهم ولكن الله قتلهم، وما رميت إذ رميت؛ ولكن الله رمى! هل انتهى؟';
const TARGETS = [
  'In the Name of Allah—the Most Compassionate, Most Merciful.',
  'It was not you who killed them, but it was Allah Who did so.',
  'Is it over?',
];

export interface Populated {
  dir: string;
  ids: {
    admin: string; analyst: string; reviewer: string; case: string; actor: string; otherActor: string; statement: string; related: string;
    source: string; citation: string; attachment: string; attachmentSha: string; note: string; event: string; report: string;
    translation: string; revision: string; comment: string;
  };
}

/**
 * Builds the desk through the Core (so its trail is complete), closes it, and returns its
 * folder: its own, outlasting each test (remove it with `fs.rmSync` after all of them).
 */
export async function populatedDesk(): Promise<Populated> {
  const d: Desk = await makeDesk({}, fs.mkdtempSync(path.join(os.tmpdir(), 'cf-populated-')));
  const as = d.analyst.id;
  const kase = await d.core.invoke('cases.create', { as: d.admin.id, title: 'Kataib al-Nujaba', marking: 'internal', tags: ['Iraq'] });
  const actor = await d.core.invoke('actors.create', {
    as, kind: 'person', name: 'Akram al-Kaabi', nameOriginal: 'أكرم الكعبي', aliases: [{ alias: 'al-Ka\'bi', kind: 'transliteration', lang: 'en' }],
  });
  const org = await d.core.invoke('actors.create', { as, kind: 'organization', name: 'Harakat al-Nujaba' });
  await d.core.invoke('actors.link', { as, fromActorId: actor.id, relation: 'leader_of', toActorId: org.id, note: '' });
  const st = await d.core.invoke('statements.create', { as, speakerId: actor.id, originalText: ORIGINAL, language: 'ar', caseIds: [kase.id], saidAt: '2023-11-01', summary: 'Basmala' });
  const related = await d.core.invoke('statements.create', { as, originalText: 'بيان سابق', language: 'ar', caseIds: [kase.id] });
  await d.core.invoke('statements.relate', { as, statementId: st.id, relatedId: related.id });
  const src = await d.core.invoke('sources.create', { as, kind: 'social_post', title: 'Post on X', reliability: 'B', credibility: '2', caseIds: [kase.id] });
  const cit = await d.core.invoke('citations.add', { as, citingType: 'statement', citingId: st.id, sourceId: src.id, locator: 'para. 2' });
  const att = await d.core.invoke('attachments.add', { as, ownerType: 'source', ownerId: src.id, fileName: 'post.txt', data: new TextEncoder().encode('the captured post\n') });
  const note = await d.core.invoke('notes.create', { as, targetType: 'case', targetId: kase.id, body: 'Check the Oct 30 video.' });
  const event = await d.core.invoke('events.create', { as, caseId: kase.id, occurredAt: '2023-10-30', title: 'Video released' });
  const report = await d.core.invoke('reports.create', { as, headline: 'Al-Nujaba threatens', caseIds: [kase.id] });
  const ref = (v: TranslationView) => ({ id: v.translation.id, rev: v.translation.rev });
  let v = await d.core.invoke('translations.start', { as, statementId: st.id, targetLang: 'en' });
  v = await d.core.invoke('translations.edit', { as, ...ref(v), segments: TARGETS.map((target, i) => ({ id: `s${i + 1}`, target })) });
  v = await d.core.invoke('translations.submit', { as, ...ref(v) });
  const comment = await d.core.invoke('translations.comment', { as: d.reviewer.id, revisionId: v.latest.id, segmentId: 's2', body: 'Good.' });
  v = await d.core.invoke('translations.approve', { as: d.reviewer.id, ...ref(v) });
  const check = await d.core.check();
  if (!check.ok) throw new Error(`the populated desk does not check clean: ${check.problems.join('; ')}`);
  d.core.close();
  return {
    dir: d.dir,
    ids: {
      admin: d.admin.id, analyst: d.analyst.id, reviewer: d.reviewer.id, case: kase.id, actor: actor.id, otherActor: org.id, statement: st.id,
      related: related.id, source: src.id, citation: cit.id, attachment: att.id, attachmentSha: att.sha256, note: note.id, event: event.id,
      report: report.id, translation: v.translation.id, revision: v.latest.id, comment: comment.id,
    },
  };
}

/** A copy of the desk's folder to spoil (the Core that built it is closed, so the WAL is folded in). */
export function copyDesk(p: Populated): string {
  const dir = path.join(tempDir(), 'desk');
  fs.cpSync(p.dir, dir, { recursive: true });
  return dir;
}

/**
 * Runs `fn` on the database as sqlite3 would: no Casefile, foreign keys off, and (with
 * `dropGuards`) the append-only triggers of the trail dropped.
 */
export function withSqlite<T>(dir: string, fn: (db: Database.Database) => T, opts: { dropGuards?: boolean } = {}): T {
  const db = new Database(path.join(dir, DB_FILE));
  try {
    db.pragma('foreign_keys = OFF');
    if (opts.dropGuards) {
      db.exec(`DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;
        DROP TRIGGER IF EXISTS audit_rows_no_update; DROP TRIGGER IF EXISTS audit_rows_no_delete;`);
    }
    return fn(db);
  } finally {
    db.close();
  }
}

/**
 * Recomputes every entry's hash from `fromSeq` on, as it would have been written (row images
 * included), so the chain is consistent again: what someone who knows the format but not the
 * desk key can do.
 */
export function rehashChain(db: Database.Database, fromSeq = 1): void {
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as (AuditRow & { format: number })[];
  let prev = GENESIS;
  db.transaction(() => {
    for (const r of rows) {
      if (r.seq >= fromSeq) {
        const e = rowToEntry(r);
        const { hash: _old, ...rest } = { ...e, prevHash: prev };
        const hash = entryHash({ ...rest, format: r.format, rowsDigest: r.format >= 2 ? digestRows(db, r.seq).digest : undefined });
        db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ?, changes = ? WHERE seq = ?').run(prev, hash, canonicalJson(e.changes), r.seq);
        prev = hash;
      } else prev = r.hash;
    }
  })();
}

/** Rewrites the last row image the trail holds of a row's column, as if the trail had always said so. */
export function rewriteImage(db: Database.Database, tbl: string, pk: string, column: string, value: unknown): void {
  const img = db.prepare(`SELECT seq, n, data FROM audit_rows WHERE tbl = ? AND pk = ? AND data IS NOT NULL AND json_type(data, '$.' || ?) IS NOT NULL
    ORDER BY seq DESC, n DESC LIMIT 1`).get(tbl, pk, column) as { seq: number; n: number; data: string };
  const data = { ...(JSON.parse(img.data) as Record<string, unknown>), [column]: value };
  db.prepare('UPDATE audit_rows SET data = ? WHERE seq = ? AND n = ?').run(JSON.stringify(data), img.seq, img.n);
}
