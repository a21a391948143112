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

export const AuditProblem = z.object({ seq: z.number().int().nullable(), message: z.string() });
export const AuditVerification = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  firstBroken: AuditProblem.nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;
