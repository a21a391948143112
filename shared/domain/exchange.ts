import { z } from 'zod';
import { Id, Marking } from './common';

/** A record an export left out (or included by explicit override) because of its marking. */
export const MarkedRecordRef = z.object({ recordType: z.string(), id: z.string(), title: z.string(), marking: Marking });

/** A bundle the Core wrote into the desk's exchange folder (main or the CLI moves it where the user wants). */
export const BundleExported = z.object({
  file: Id, fileName: z.string(), bundleId: Id, size: z.number().int(), sha256: z.string(), marking: Marking,
  counts: z.record(z.string(), z.number().int()), leftOut: z.array(MarkedRecordRef), allowed: z.array(MarkedRecordRef),
});

/** Who signed a bundle, and what this desk knows of that key. */
export const BundleSigner = z.object({
  deskId: Id, deskName: z.string(), fingerprint: z.string(),
  /** own: this desk; known: accepted before; new: never seen, must be accepted once (trust on first use). */
  trust: z.enum(['own', 'known', 'new']),
});

export const MergeAction = z.enum(['add', 'update', 'same', 'keep', 'conflict']);
export const PlannedChange = z.object({
  recordType: z.string(), id: z.string(), title: z.string(), action: MergeAction, trashSuggested: z.boolean(),
});

export const ImportCounts = z.object({
  added: z.number().int(), updated: z.number().int(), same: z.number().int(), kept: z.number().int(), conflicts: z.number().int(),
  trashSuggestions: z.number().int(), links: z.number().int(), revisions: z.number().int(), comments: z.number().int(), auditEntries: z.number().int(),
});

/** What importing a bundle would do; nothing is written to show it. */
export const BundlePreview = z.object({
  bundleId: Id, caseId: Id, caseTitle: z.string(), marking: Marking, createdAt: z.string(), exportedBy: z.string(),
  signer: BundleSigner, alreadyImported: z.boolean(), leftOut: z.array(MarkedRecordRef),
  /** Every record the import would add, change, keep or put in conflict (equal ones left out). */
  changes: z.array(PlannedChange),
  files: z.number().int(), bytes: z.number().int(),
});

export const BundleImported = z.object({
  bundleId: Id, caseId: Id, signer: BundleSigner, counts: ImportCounts, conflicts: z.array(PlannedChange), warnings: z.array(z.string()),
});

export const ExchangeConflict = z.object({
  id: Id, kind: z.enum(['conflict', 'trash']), recordType: z.string(), recordId: Id, caseId: Id, title: z.string(),
  /** The desk's name and its key's fingerprint (names are not unique: every new desk starts as "Casefile desk"). */
  originDeskName: z.string(), originFingerprint: z.string().nullable(), bundleId: Id, createdAt: z.string(),
  mine: z.record(z.string(), z.unknown()).nullable(), theirs: z.record(z.string(), z.unknown()),
  resolvedAt: z.string().nullable(), resolution: z.enum(['mine', 'theirs', 'merged', 'trashed', 'kept']).nullable(),
});
export type ExchangeConflict = z.infer<typeof ExchangeConflict>;
