import { z } from 'zod';
import { Id } from './common';

export const FieldChange = z.tuple([z.unknown(), z.unknown()]);
export const AuditEntry = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  actorId: Id.nullable(),
  action: z.string(),
  recordType: z.string(),
  recordId: z.string(),
  /** field -> [before, after] */
  changes: z.record(z.string(), FieldChange),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** An audit entry as a list shows it: with the name a person knows its record by. */
export const AuditListEntry = AuditEntry.extend({
  /**
   * The record's title as lists show it (a statement's summary or first line, a case's title…);
   * for a translation, its statement's title and the target language; for a record added to or
   * removed from a case, that record's. null when the record is gone (purged).
   */
  title: z.string().nullable(),
});
export type AuditListEntry = z.infer<typeof AuditListEntry>;

export const AuditProblem = z.object({ seq: z.number().int().nullable(), message: z.string() });
export type AuditProblem = z.infer<typeof AuditProblem>;
export const AuditVerification = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  firstBroken: AuditProblem.nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;

/**
 * The signed head of the chain as a line to keep outside the desk (a report, an email, paper):
 * `casefile check --anchor LINE` later proves the desk still holds that history.
 */
export const AuditAnchor = z.object({
  line: z.string(),
  /** The desk key's fingerprint (first 16 hex digits of the SHA-256 of its public key, grouped). */
  fingerprint: z.string(),
  seq: z.number().int().positive(),
  hash: z.string(),
  at: z.string(),
});
export type AuditAnchor = z.infer<typeof AuditAnchor>;
