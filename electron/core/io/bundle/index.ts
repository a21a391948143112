// The bundles.* operations. Bundle files live in <dataDir>/exchange/<id>.cfb: a door never hands
// the Core a path; the CLI and main's dialogs copy files in and out (exchangeFile).
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { BundleSigner, ExchangeConflict } from '../../../../shared/domain';
import { takeCaptured } from '../../audit/capture';
import { appendAudit } from '../../audit/chain';
import { getRecord, updateRecord } from '../../db/repos/records';
import { tableOf, type EditableType } from '../../db/tables';
import { CoreError, fromZod } from '../../errors';
import type { Job } from '../../job';
import { actorId, type Actor } from '../../services/acting';
import { diff } from '../../services/diff';
import { trashEntity } from '../../services/entity';
import { requirePermission } from '../../services/permissions';
import { record } from '../../services/record';
import type { CoreState } from '../../services/state';
import { handlerGroup } from '../../services/types';
import { write } from '../../services/write';
import { exportBundle } from './export';
import { contentHash, DEFAULT_LIMITS, type BundleLimits, type Manifest } from './format';
import { applyImport, planImport, titleOf, type ImportPlan } from './merge';
import { openBundle, type OpenedBundle } from './read';
import { readUnreadPages } from '../../services/savedPages';
import { exportStix } from '../stix';
import { exportCsl } from '../cslExport';

export const EXCHANGE_DIR = 'exchange';
export const BUNDLE_EXT = '.cfb';

/** Where the bundle with this id is (or is to be) in the desk's exchange folder. */
export function exchangeFile(dataDir: string, file: string): string {
  if (!/^[0-9a-f-]{36}$/.test(file)) throw CoreError.invalid('file', 'must be a bundle id');
  return path.join(dataDir, EXCHANGE_DIR, `${file}${BUNDLE_EXT}`);
}

function stagedBundle(s: CoreState, file: string): string {
  const p = exchangeFile(s.dataDir, file);
  if (!fs.existsSync(p)) throw new CoreError('not_found', `No bundle ${file} in this desk's exchange folder: give it to the desk again.`, { field: 'file' });
  return p;
}

type Signer = z.infer<typeof BundleSigner>;

/** Trust on first use: this desk's own key, a key accepted before, or a new one. A desk whose key changed is refused. */
function signerOf(s: CoreState, m: Manifest): Signer {
  const own = s.key;
  const base = { deskId: m.origin.deskId, deskName: m.origin.deskName, fingerprint: m.origin.fingerprint };
  if (m.origin.deskId === own.deskId) {
    if (m.origin.publicKey !== own.publicKey) {
      throw new CoreError('forbidden', `The bundle claims to come from this desk, but it is signed with another key (${m.origin.fingerprint}, this desk's is ${own.fingerprint}). It was refused; nothing was imported.`);
    }
    return { ...base, trust: 'own' };
  }
  const known = s.db.prepare('SELECT public_key, fingerprint, accepted_at FROM trusted_keys WHERE desk_id = ?').get(m.origin.deskId) as
    { public_key: string; fingerprint: string; accepted_at: string } | undefined;
  if (!known) return { ...base, trust: 'new' };
  if (known.public_key !== m.origin.publicKey) {
    throw new CoreError('forbidden', `The bundle says it comes from desk "${m.origin.deskName}", but it is signed with key ${m.origin.fingerprint}, not the key ${known.fingerprint} accepted for that desk on ${known.accepted_at}. It was refused; nothing was imported. If that desk really has a new key, ask its owner how it changed before trusting it.`);
  }
  return { ...base, trust: 'known' };
}

async function withBundle<T>(s: CoreState, file: string, job: Job, fn: (b: OpenedBundle, signer: Signer) => Promise<T>, limits?: BundleLimits): Promise<T> {
  const opened = await openBundle(stagedBundle(s, file), job, limits ?? DEFAULT_LIMITS);
  try {
    return await fn(opened, signerOf(s, opened.manifest));
  } finally {
    opened.close();
  }
}

function changesOf(plan: ImportPlan) {
  return plan.records
    .filter((p) => p.action !== 'same' || p.trashSuggested)
    .map((p) => ({ recordType: p.line.type, id: p.theirs.id as string, title: titleOf(p.line.type, p.theirs), action: p.action, trashSuggested: p.trashSuggested }));
}

/** Imports a bundle file from the exchange folder; `limits` only for tests. */
export async function importBundle(s: CoreState, actor: Actor, input: { file: string; trustKey: boolean }, job: Job, limits?: BundleLimits) {
  requirePermission(actor, 'cases.exchange', 'import a case bundle');
  return withBundle(s, input.file, job, async (b, signer) => {
    const m = b.manifest;
    if (signer.trust === 'new' && !input.trustKey) {
      throw new CoreError(
        'forbidden',
        `The bundle is signed by desk "${m.origin.deskName}" with key ${m.origin.fingerprint}, which this desk has not seen before. Check that fingerprint with that desk (by phone or in person), then import again accepting the key. Nothing was imported.`,
        { field: 'trustKey' },
      );
    }
    // Attachment files first, each checked against its hash as it streams into the store; a
    // refusal later removes the ones this import brought.
    const brought: string[] = [];
    try {
      const blobs = new Map<string, number>();
      for (const l of b.lines) if (l.kind === 'record' && l.type === 'attachment') blobs.set(l.record.sha256 as string, Number(l.record.size));
      const total = [...blobs.values()].reduce((n, x) => n + x, 0);
      let done = 0;
      job.progress('copying attachments', 0, total);
      for (const [sha, size] of blobs) {
        if (s.store.has(sha)) {
          done += size;
          continue;
        }
        const stored = await s.store.put(await b.openFile(sha), (n) => job.progress('copying attachments', done + n, total));
        brought.push(stored.sha256);
        if (stored.sha256 !== sha) throw new CoreError('invalid_input', `The bundle was refused and nothing was imported: the file ${sha} hashes to ${stored.sha256}: it was altered.`);
        done += size;
      }
      job.progress('merging records', 0, 0);
      const warnings: string[] = [];
      const own = s.key.deskId;
      const result = write(s, () => {
        job.check();
        const plan = planImport(s.db, b);
        if (signer.trust === 'new') {
          s.db.prepare(`INSERT INTO trusted_keys (desk_id, desk_name, public_key, fingerprint, accepted_by, accepted_at) VALUES (?, ?, ?, ?, ?, ?)`)
            .run(m.origin.deskId, m.origin.deskName, m.origin.publicKey, m.origin.fingerprint, actorId(actor), s.now());
          // A security decision a court would ask about: in the trail with the key row it wrote.
          appendAudit(s.db, {
            actorId: actorId(actor), action: 'desk_key.trust', recordType: 'desk', recordId: m.origin.deskId, at: s.now(),
            changes: { deskName: [null, m.origin.deskName], fingerprint: [null, m.origin.fingerprint], publicKey: [null, m.origin.publicKey] },
          }, takeCaptured(s.db));
        }
        const again = !!s.db.prepare('SELECT 1 FROM bundle_imports WHERE bundle_id = ?').get(m.bundleId);
        const counts = applyImport(s, actor, plan, { bundleId: m.bundleId, deskId: m.origin.deskId, caseId: m.caseId, ownDeskId: own }, warnings);
        if (!again) {
          s.db.prepare('INSERT INTO bundle_imports (bundle_id, origin_desk_id, case_id, manifest_sha256, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?)')
            .run(m.bundleId, m.origin.deskId, m.caseId, b.manifestSha256, s.now(), actorId(actor));
        }
        const changed = counts.added + counts.updated + counts.conflicts + counts.trashSuggestions + counts.links + counts.revisions + counts.comments + counts.auditEntries;
        // The closing entry describes the bookkeeping rows written after the last record's entry
        // (provenance, exchange states, the bundle taken in).
        const rest = takeCaptured(s.db);
        if (!again || changed || rest.length) {
          appendAudit(s.db, {
            actorId: actorId(actor), action: 'bundle.import', recordType: 'case', recordId: m.caseId, at: s.now(),
            changes: { bundleId: [null, m.bundleId], originDesk: [null, `${m.origin.deskName} ${m.origin.fingerprint}`], counts: [null, counts] },
          }, rest);
        }
        return { counts, conflicts: changesOf(plan).filter((c) => c.action === 'conflict' || c.trashSuggested) };
      });
      // Saved pages it brought are read here, as if attached here: the bundle carries the files, not what was read from them.
      // (Not cancellable: the import has committed by now.)
      await readUnreadPages(s);
      job.finished();
      return { bundleId: m.bundleId, caseId: m.caseId, signer, counts: result.counts, conflicts: result.conflicts, warnings };
    } catch (err) {
      for (const sha of brought) {
        if (!s.db.prepare('SELECT 1 FROM attachments WHERE sha256 = ? LIMIT 1').get(sha)) s.store.remove(sha);
      }
      throw err;
    }
  }, limits);
}

export async function inspectBundle(s: CoreState, input: { file: string }, job: Job, limits?: BundleLimits) {
  return withBundle(s, input.file, job, async (b, signer) => {
    const m = b.manifest;
    const plan = s.db.transaction(() => planImport(s.db, b)).deferred();
    const alreadyImported = !!s.db.prepare('SELECT 1 FROM bundle_imports WHERE bundle_id = ?').get(m.bundleId);
    job.finished();
    return {
      bundleId: m.bundleId, caseId: m.caseId, caseTitle: m.caseTitle, marking: m.marking, createdAt: m.createdAt,
      exportedBy: m.exportedBy.name, signer, alreadyImported, leftOut: m.leftOut, changes: changesOf(plan),
      files: m.files.length - 1, bytes: m.files.reduce((n, f) => n + f.size, 0),
    };
  }, limits);
}

interface ConflictRow {
  id: string; kind: 'conflict' | 'trash'; record_type: string; record_id: string; case_id: string; bundle_id: string; origin_desk_id: string;
  theirs: string; theirs_hash: string; theirs_known: string; created_at: string; resolved_at: string | null; resolution: ExchangeConflict['resolution'];
}

function conflictOf(s: CoreState, r: ConflictRow): ExchangeConflict {
  const type = r.record_type as EditableType;
  const theirs = JSON.parse(r.theirs) as Record<string, unknown>;
  const own = r.origin_desk_id === s.key.deskId;
  const known = s.db.prepare('SELECT desk_name, fingerprint FROM trusted_keys WHERE desk_id = ?').get(r.origin_desk_id) as { desk_name: string; fingerprint: string } | undefined;
  return {
    id: r.id, kind: r.kind, recordType: r.record_type, recordId: r.record_id, caseId: r.case_id, title: titleOf(type, theirs),
    originDeskName: known?.desk_name ?? (own ? s.key.deskName : r.origin_desk_id),
    originFingerprint: known?.fingerprint ?? (own ? s.key.fingerprint : null), bundleId: r.bundle_id, createdAt: r.created_at,
    mine: (getRecord(s.db, type, r.record_id) as Record<string, unknown> | undefined) ?? null, theirs,
    resolvedAt: r.resolved_at, resolution: r.resolution,
  };
}

function resolveConflict(s: CoreState, actor: Actor, input: { id: string; resolution: NonNullable<ExchangeConflict['resolution']>; rev: number; record?: Record<string, unknown> }): ExchangeConflict {
  requirePermission(actor, 'cases.exchange', 'settle a bundle conflict');
  return write(s, () => {
    const row = s.db.prepare('SELECT * FROM exchange_conflicts WHERE id = ?').get(input.id) as ConflictRow | undefined;
    if (!row) throw CoreError.notFound('bundle conflict', input.id);
    if (row.resolved_at) throw new CoreError('conflict', `This was settled already (${row.resolution ?? ''}, ${row.resolved_at}).`, { current: conflictOf(s, row) });
    const type = row.record_type as EditableType;
    const fits = row.kind === 'trash' ? ['trashed', 'kept'] : ['mine', 'theirs', 'merged'];
    if (!fits.includes(input.resolution)) throw CoreError.invalid('resolution', `a ${row.kind === 'trash' ? 'trash suggestion' : 'conflict'} is settled with ${fits.join(', ')}`);
    const mine = getRecord(s.db, type, row.record_id) as Record<string, unknown> | undefined;
    if (!mine) throw CoreError.notFound(tableOf(type).label, row.record_id);
    if (mine.rev !== input.rev) {
      throw new CoreError('conflict', `This ${tableOf(type).label} was changed since you opened the conflict (you have revision ${input.rev}, the saved one is ${String(mine.rev)}). Nothing was saved.`, { current: mine });
    }
    const theirs = JSON.parse(row.theirs) as Record<string, unknown>;
    const remember = s.db.prepare('INSERT OR IGNORE INTO exchange_states (record_type, record_id, hash) VALUES (?, ?, ?)');
    const rememberBoth = () => {
      for (const h of [...(JSON.parse(row.theirs_known) as string[]), row.theirs_hash, contentHash(mine)]) remember.run(type, row.record_id, h);
    };
    // The conflict's settling and the exchange states are written before the entry that settles
    // it, so that entry describes them with the record (audit/capture.ts).
    const settle = () => s.db.prepare('UPDATE exchange_conflicts SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE id = ?').run(s.now(), actorId(actor), input.resolution, row.id);
    if (input.resolution === 'theirs' || input.resolution === 'merged') {
      const chosen = input.resolution === 'theirs' ? theirs : { ...mine, ...(input.record ?? {}), id: mine.id, createdAt: mine.createdAt, createdBy: mine.createdBy };
      const parsed = tableOf(type).schema.safeParse({ ...chosen, deletedAt: mine.deletedAt, rev: (mine.rev as number) + 1, updatedAt: s.now(), updatedBy: actorId(actor) });
      if (!parsed.success) throw fromZod(parsed.error, 'record');
      const next = parsed.data as Record<string, unknown>;
      updateRecord(s.db, type, next as never);
      settle();
      rememberBoth();
      remember.run(type, row.record_id, contentHash(next));
      record(s, actor, `bundle.resolve.${input.resolution}`, type, row.record_id, diff(mine, next), 'update');
    } else if (input.resolution === 'mine') {
      settle();
      rememberBoth();
      record(s, actor, 'bundle.resolve.mine', type, row.record_id, { theirs: [row.theirs_hash, null] }, 'update');
    } else if (input.resolution === 'trashed') {
      settle();
      trashEntity(s, actor, type, row.record_id, mine.rev as number);
    } else {
      settle();
      record(s, actor, 'bundle.resolve.kept', type, row.record_id, { trashSuggested: [true, false] }, 'update');
    }
    return conflictOf(s, s.db.prepare('SELECT * FROM exchange_conflicts WHERE id = ?').get(row.id) as ConflictRow);
  });
}

export const bundleHandlers = handlerGroup({
  'exchange.exportBundle': async (s, actor, input, job) => {
    const file = s.newId();
    const r = await exportBundle(s, actor, input, exchangeFile(s.dataDir, file), job);
    const title = (getRecord(s.db, 'case', input.caseId) as { title: string }).title;
    const slug = title.normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'case';
    return { file, fileName: `${slug}-${s.now().slice(0, 10)}${BUNDLE_EXT}`, ...r };
  },
  'exchange.inspectBundle': (s, _actor, input, job) => inspectBundle(s, input, job),
  'exchange.importBundle': async (s, actor, input, job) => {
    const done = await importBundle(s, actor, input, job);
    // Taken in: the staged copy has served (a refused one stays, for another look).
    fs.rmSync(exchangeFile(s.dataDir, input.file), { force: true });
    return done;
  },
  'exchange.conflicts': (s, _actor, input) => {
    const rows = s.db.prepare(`SELECT * FROM exchange_conflicts WHERE (? IS NULL OR case_id = ?) AND (? OR resolved_at IS NULL)
      ORDER BY resolved_at IS NOT NULL, created_at, id`).all(input.caseId ?? null, input.caseId ?? null, input.includeResolved ? 1 : 0) as ConflictRow[];
    return rows.map((r) => conflictOf(s, r));
  },
  'exchange.resolve': (s, actor, input) => resolveConflict(s, actor, input),
});

export const interchangeHandlers = handlerGroup({
  'exchange.exportStix': (s, actor, input, job) => exportStix(s, actor, input, job),
  'exchange.exportCsl': (s, _actor, input) => exportCsl(s, input.caseId),
});
