// What a case bundle (.cfb) holds. A zip of:
//   manifest.json   the bundle's description and every other file's path, size and SHA-256
//   manifest.sig    the Ed25519 signature of manifest.json's exact bytes by the exporting desk
//   records.jsonl   one line per record, link row, translation revision, comment or audit entry
//   files/<sha256>  the attachment files, by the hash of their bytes
import crypto from 'node:crypto';
import { z } from 'zod';
import { Marking } from '../../../../shared/domain';
import { canonicalJson } from '../../audit/chain';

export const BUNDLE_FORMAT = 'casefile-bundle';
export const BUNDLE_VERSION = 1;
export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';
export const RECORDS = 'records.jsonl';
export const FILES_DIR = 'files/';

/** What a bundle may not exceed before a byte of it is used; tests lower them. */
export interface BundleLimits {
  maxEntries: number;
  /** Sum of the uncompressed sizes of every entry. */
  maxTotalBytes: number;
  /** Uncompressed / compressed, per entry and over the whole zip (zip bombs reach thousands). */
  maxRatio: number;
  /** The manifest and the records are read into memory: each is held to this. */
  maxMetadataBytes: number;
}

export const DEFAULT_LIMITS: BundleLimits = {
  maxEntries: 500_000,
  maxTotalBytes: 64 * 1024 ** 3,
  maxRatio: 200,
  // records.jsonl is decoded into one string: well below V8's longest string (2^29 characters),
  // and room for well over 100,000 statements with their history (10,000 take about 15 MB).
  maxMetadataBytes: 256 * 1024 ** 2,
};

const Sha = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex');

export const ManifestFile = z.strictObject({ path: z.string().min(1).max(200), size: z.number().int().nonnegative(), sha256: Sha });
export type ManifestFile = z.infer<typeof ManifestFile>;

export const LeftOut = z.strictObject({ recordType: z.string(), id: z.string(), title: z.string(), marking: Marking });

export const Manifest = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  bundleId: z.uuid(),
  createdAt: z.string(),
  origin: z.strictObject({
    deskId: z.uuid(), deskName: z.string().max(200), publicKey: z.string().max(100), fingerprint: z.string().max(100),
  }),
  exportedBy: z.strictObject({ id: z.string(), name: z.string() }),
  caseId: z.string(),
  caseTitle: z.string(),
  marking: Marking,
  /** More restricted records left out of the bundle, listed so the receiver knows. */
  leftOut: z.array(LeftOut),
  /** More restricted records the exporter chose to include (audited there). */
  allowed: z.array(LeftOut),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  files: z.array(ManifestFile),
});
export type Manifest = z.infer<typeof Manifest>;

/** Record kinds merged by id and rev (db/tables.ts). */
export const EDITABLE_KINDS = ['profile', 'actor', 'case', 'statement', 'source', 'report', 'event', 'note', 'attachment'] as const;
/** Rows that only ever get added (link tables, translation revisions and comments). */
export const ROW_KINDS = [
  'actor_relation', 'statement_relation', 'case_item', 'citation', 'translation', 'translation_revision', 'translation_comment',
] as const;

export const RowImageLine = z.strictObject({
  tbl: z.string().max(100), pk: z.string().max(2000), op: z.enum(['insert', 'update', 'delete', 'state']), data: z.string().nullable(),
});

export const RecordLine = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('record'), type: z.enum(EDITABLE_KINDS), record: z.record(z.string(), z.unknown()),
    /** Content hashes this record has had on the exporting desk at exchanges: its known history. */
    known: z.array(Sha).max(10_000),
  }),
  z.strictObject({ kind: z.literal('row'), type: z.enum(ROW_KINDS), row: z.record(z.string(), z.union([z.string(), z.number(), z.null()])) }),
  z.strictObject({
    kind: z.literal('audit'), deskId: z.uuid(),
    entry: z.strictObject({
      seq: z.number().int().positive(), at: z.string(), actorId: z.string().nullable(), action: z.string(), recordType: z.string(),
      recordId: z.string(), changes: z.record(z.string(), z.unknown()), prevHash: Sha, hash: Sha,
      /** 2: the entry's hash binds the digest of its row images (audit/chain.ts); 1: written before row images. */
      format: z.union([z.literal(1), z.literal(2)]).default(1),
      rowsDigest: Sha.optional(),
    }),
    /** The entry's images of the rows this bundle carries, in the entry's order. */
    rows: z.array(RowImageLine).max(1_000_000).default([]),
    /** Whether images of rows the bundle does not carry were left home (so `rows` cannot be checked against the digest). */
    partial: z.boolean().default(false),
  }).superRefine((l, ctx) => {
    if ((l.entry.format === 2) !== (l.entry.rowsDigest !== undefined)) ctx.addIssue({ code: 'custom', message: 'a format-2 entry has a rowsDigest, a format-1 entry none' });
  }),
]);
export type RecordLine = z.infer<typeof RecordLine>;
export type AuditLine = Extract<RecordLine, { kind: 'audit' }>;

/** Fields that change with every save but say nothing about content: two equal edits are equal. */
const STAMPS = new Set(['rev', 'updatedAt', 'updatedBy']);

/** The hash of what a record says (not of when or by whom it was last saved). */
export function contentHash(rec: Record<string, unknown>): string {
  const body = Object.fromEntries(Object.entries(rec).filter(([k]) => !STAMPS.has(k)));
  return crypto.createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');
}

export function sha256(bytes: Buffer | string): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}
