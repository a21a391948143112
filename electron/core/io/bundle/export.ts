// Writing a case bundle: the records and their known histories, the attachment files streamed
// from the store as their plain bytes (never held whole; an encrypted desk's store opens them),
// the manifest with every file's size and SHA-256, signed by the desk key. Written to a
// temporary file and renamed into place, so a failed or cancelled export leaves nothing; the
// export is audited (and an explicit marking override with it).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Transform } from 'node:stream';
import { AttachmentIntegrityError } from '../../attachments/store';
import { v7 as uuidv7 } from 'uuid';
import yazl from 'yazl';
import type { Marking } from '../../../../shared/domain';
import { auditedTables } from '../../audit/audited';
import type { RowImage } from '../../audit/capture';
import { takeCaptured } from '../../audit/capture';
import { appendAudit, digestRows } from '../../audit/chain';
import type { Db } from '../../db/open';
import { recordToRow, tableOf } from '../../db/tables';
import { CoreError } from '../../errors';
import type { Job } from '../../job';
import { actorId, type Actor } from '../../services/acting';
import { mustGet } from '../../services/entity';
import type { CoreState } from '../../services/state';
import { write } from '../../services/write';
import { enforceMarking, type Marked } from '../policy';
import { collectCase, ROW_TABLES, type CaseContent } from './collect';
import {
  BUNDLE_FORMAT, BUNDLE_VERSION, contentHash, FILES_DIR, MANIFEST, RECORDS, SIGNATURE, sha256, type Manifest, type ManifestFile, type RecordLine,
} from './format';

export interface ExportedBundle {
  bundleId: string;
  size: number;
  sha256: string;
  marking: Marking;
  counts: Record<string, number>;
  leftOut: Marked[];
  allowed: Marked[];
}

export async function exportBundle(
  s: CoreState, actor: Actor, input: { caseId: string; marking?: Marking; allowMarking: boolean }, outPath: string, job: Job,
): Promise<ExportedBundle> {
  const key = s.key;
  const db = s.db;
  job.progress('collecting records', 0, 0);
  const caseRec = mustGet(s, 'case', input.caseId) as Record<string, unknown>;
  const marking = input.marking ?? (caseRec.marking as Marking);
  // The case itself cannot be left out: a case more restricted than the bundle needs the override.
  const caseMarked: Marked = { recordType: 'case', id: caseRec.id as string, title: caseRec.title as string, marking: caseRec.marking as Marking };
  const caseOver = enforceMarking(`The bundle of case "${caseMarked.title}"`, marking, [caseMarked], input.allowMarking);

  // One read transaction: every record is from the same moment.
  const { content, lines, states } = db.transaction(() => {
    const content = collectCase(db, caseRec, marking, input.allowMarking);
    const known = db.prepare('SELECT hash FROM exchange_states WHERE record_type = ? AND record_id = ?').pluck();
    const states: { type: string; id: string; hash: string }[] = [];
    const lines: RecordLine[] = [];
    for (const { type, record } of content.records) {
      const hash = contentHash(record);
      const history = new Set(known.all(type, record.id) as string[]);
      history.add(hash);
      states.push({ type, id: record.id as string, hash });
      lines.push({ kind: 'record', type, record, known: [...history].sort() });
    }
    for (const { type, row } of content.rows) lines.push({ kind: 'row', type, row });
    // Audit entries of the records: this desk's own with the images of the rows the bundle
    // carries (the receiver replays them against the records), and those it holds from other desks.
    const carried = bundledRows(db, content);
    const own = db.prepare('SELECT * FROM audit_log WHERE record_id = ? ORDER BY seq');
    const others = db.prepare('SELECT * FROM imported_audit WHERE record_id = ? ORDER BY desk_id, seq');
    const audit: RecordLine[] = [];
    // An entry naming a record left out (filing it in the case, say) stays home with it, unless
    // it wrote a row the bundle carries: without it the receiver could not account for that row.
    const hidden = content.leftOut.map((r) => r.id);
    const shareable = (r: AuditRow) => !hidden.some((id) => r.changes.includes(id));
    const ownSeqs = new Set<number>();
    const seqsOf = db.prepare('SELECT DISTINCT seq FROM audit_rows WHERE tbl = ? AND pk = ?').pluck();
    for (const key of carried) {
      const [tbl, pk] = JSON.parse(key) as [string, string];
      for (const seq of seqsOf.all(tbl, pk) as number[]) ownSeqs.add(seq);
    }
    for (const id of content.ids) {
      for (const r of own.all(id) as AuditRow[]) if (shareable(r)) ownSeqs.add(r.seq);
      for (const r of others.all(id) as ImportedRow[]) if (shareable(r)) audit.push(importedLine(r));
    }
    const ownEntry = db.prepare('SELECT * FROM audit_log WHERE seq = ?');
    const imagesOf = db.prepare('SELECT tbl, pk, op, data FROM audit_rows WHERE seq = ? ORDER BY n');
    for (const seq of [...ownSeqs].sort((a, b) => a - b)) {
      const r = ownEntry.get(seq) as AuditRow;
      const images = (imagesOf.all(seq) as RowImage[]);
      const rows = images.filter((i) => carried.has(JSON.stringify([i.tbl, i.pk])));
      const format = r.format === 2 ? 2 : 1;
      audit.push({
        kind: 'audit', deskId: key.deskId, rows, partial: rows.length < images.length,
        entry: { ...entryOf(r), format, ...(format === 2 ? { rowsDigest: digestRows(db, seq).digest } : {}) },
      });
    }
    audit.sort((a, b) => (a.kind === 'audit' && b.kind === 'audit' ? a.deskId.localeCompare(b.deskId) || a.entry.seq - b.entry.seq : 0));
    lines.push(...audit);
    return { content, lines, states };
  }).deferred();

  const recordsBytes = Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n') + '\n', 'utf8');
  const files: ManifestFile[] = [{ path: RECORDS, size: recordsBytes.length, sha256: sha256(recordsBytes) }];
  for (const a of content.attachments) {
    if (!s.store.has(a.sha256)) {
      throw new CoreError('failed', `The attachment file ${a.sha256} is missing from this desk's store, so the case cannot be bundled whole. Run "casefile check" to see what is damaged; nothing was written.`);
    }
    files.push({ path: `${FILES_DIR}${a.sha256}`, size: a.size, sha256: a.sha256 });
  }
  const counts: Record<string, number> = {};
  for (const l of lines) {
    const k = l.kind === 'audit' ? 'audit' : l.type;
    counts[k] = (counts[k] ?? 0) + 1;
  }
  counts.files = content.attachments.length;
  const profile = actor.profile;
  const manifest: Manifest = {
    format: BUNDLE_FORMAT, version: BUNDLE_VERSION, bundleId: uuidv7(), createdAt: s.now(),
    origin: { deskId: key.deskId, deskName: key.deskName, publicKey: key.publicKey, fingerprint: key.fingerprint },
    exportedBy: { id: profile?.id ?? '', name: profile?.name ?? '' },
    caseId: caseRec.id as string, caseTitle: caseRec.title as string, marking,
    leftOut: content.leftOut, allowed: [...caseOver, ...content.included], counts, files,
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const signature = Buffer.from(key.sign(manifestBytes).toString('base64'), 'ascii');

  fs.mkdirSync(path.dirname(outPath), { recursive: true });
  const tmp = `${outPath}.${process.pid}.part`;
  try {
    const fileHash = await writeZip(s, tmp, manifestBytes, signature, recordsBytes, content.attachments, job).catch((err: unknown) => {
      if (!(err instanceof AttachmentIntegrityError)) throw err;
      throw new CoreError('failed', `${err.message} The case cannot be bundled whole: run "casefile check" to see what is damaged. Nothing was written.`);
    });
    job.check();
    const size = fs.statSync(tmp).size;
    write(s, () => {
      const add = db.prepare('INSERT OR IGNORE INTO exchange_states (record_type, record_id, hash) VALUES (?, ?, ?)');
      for (const st of states) add.run(st.type, st.id, st.hash);
      appendAudit(db, {
        actorId: actorId(actor), action: 'bundle.export', recordType: 'case', recordId: caseRec.id as string, at: s.now(),
        changes: {
          bundleId: [null, manifest.bundleId], marking: [null, marking], sha256: [null, fileHash],
          ...(manifest.allowed.length ? { allowedMarking: [null, manifest.allowed.map((r) => `${r.recordType}:${r.id}:${r.marking}`)] } : {}),
          ...(content.leftOut.length ? { leftOut: [null, content.leftOut.map((r) => `${r.recordType}:${r.id}:${r.marking}`)] } : {}),
        },
      }, takeCaptured(db));
    });
    fs.renameSync(tmp, outPath);
    job.finished();
    return {
      bundleId: manifest.bundleId, size, sha256: fileHash, marking, counts,
      leftOut: content.leftOut, allowed: manifest.allowed,
    };
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

interface AuditRow { seq: number; at: string; actor_id: string | null; action: string; record_type: string; record_id: string; changes: string; prev_hash: string; hash: string; format?: number }
interface ImportedRow extends AuditRow { desk_id: string; rows_digest: string | null }

/** Another desk's entry as this desk holds it: its hash and digest, not its images (they stayed with the records of that bundle). */
function importedLine(r: ImportedRow): RecordLine {
  const format = r.format === 2 ? 2 : 1;
  return {
    kind: 'audit', deskId: r.desk_id, rows: [], partial: format === 2,
    entry: { ...entryOf(r), format, ...(format === 2 && r.rows_digest ? { rowsDigest: r.rows_digest } : {}) },
  };
}

/** The (table, key) of every row the bundle carries, as the trail names rows (audit/audited.ts). */
function bundledRows(db: Db, content: CaseContent): Set<string> {
  const tables = new Map(auditedTables(db).map((t) => [t.name, t]));
  const out = new Set<string>();
  const add = (table: string, row: Record<string, unknown>) => {
    const t = tables.get(table);
    if (!t) return;
    const values = t.pk.map((c) => row[c]);
    out.add(JSON.stringify([table, values.length === 1 ? String(values[0]) : JSON.stringify(values)]));
  };
  for (const { type, record } of content.records) add(tableOf(type).table, recordToRow(tableOf(type), record));
  for (const { type, row } of content.rows) add(ROW_TABLES[type].table, row);
  return out;
}

function entryOf(r: AuditRow) {
  return {
    seq: r.seq, at: r.at, actorId: r.actor_id, action: r.action, recordType: r.record_type, recordId: r.record_id,
    changes: JSON.parse(r.changes) as Record<string, unknown>, prevHash: r.prev_hash, hash: r.hash,
  };
}

async function writeZip(
  s: CoreState, file: string, manifest: Buffer, signature: Buffer, records: Buffer, blobs: { sha256: string; size: number }[], job: Job,
): Promise<string> {
  const zip = new yazl.ZipFile();
  const mtime = new Date(0);
  zip.addBuffer(manifest, MANIFEST, { mtime, compress: true });
  zip.addBuffer(signature, SIGNATURE, { mtime, compress: false });
  zip.addBuffer(records, RECORDS, { mtime, compress: true });
  const total = blobs.reduce((n, b) => n + b.size, 0);
  let done = 0;
  job.progress('writing attachments', 0, total);
  // yazl does not pass on an error of a stream it was given: the first one (a damaged stored
  // file, a cancel) ends the whole zip, so the pipeline below fails instead of waiting for ever.
  const fail = (err: Error) => (zip.outputStream as Readable).destroy(err);
  const sources: Readable[] = [];
  for (const b of blobs) {
    // The plain bytes (an encrypted desk's store opens them segment by segment); the store
    // checks their SHA-256 at the end, so a damaged file fails the export instead of going out.
    const counted = async function* () {
      for await (const chunk of s.store.read(b.sha256)) {
        done += chunk.length;
        job.progress('writing attachments', done, total);
        yield chunk;
      }
    };
    const src = Readable.from(counted(), { objectMode: false });
    src.on('error', fail);
    sources.push(src);
    // Evidence files are mostly compressed media already: stored as they are, streamed.
    zip.addReadStream(src, `${FILES_DIR}${b.sha256}`, { mtime, compress: false, size: b.size });
  }
  zip.end();
  // The bundle's own SHA-256 (for the audit entry) as it is written: a 1 GB bundle is read once.
  const h = crypto.createHash('sha256');
  const hashing = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      h.update(chunk);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(zip.outputStream, hashing, fs.createWriteStream(file, { mode: 0o600 }), { signal: job.signal });
  } finally {
    // A file the zip stopped in the middle of is closed (its reader's finally runs).
    for (const src of sources) src.destroy();
  }
  return h.digest('hex');
}
