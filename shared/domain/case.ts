import { z } from 'zod';
import { Id, IsoDate, Marking, MediumText, RecordMeta, RequiredName, Tag } from './common';

export const CaseStatus = z.enum(['open', 'active', 'on_hold', 'closed', 'archived']);
export type CaseStatus = z.infer<typeof CaseStatus>;
export const Priority = z.enum(['low', 'normal', 'high', 'urgent']);

export const Case = z.object({
  ...RecordMeta,
  title: RequiredName,
  summary: MediumText,
  status: CaseStatus,
  priority: Priority,
  tags: z.array(Tag).max(100),
  assignees: z.array(Id).max(100),
  marking: Marking,
  dueDate: IsoDate.nullable(),
});
export type Case = z.infer<typeof Case>;

export const CaseFields = Case.pick({
  title: true, summary: true, status: true, priority: true, tags: true, assignees: true, marking: true, dueDate: true,
});

/** Statements, sources and reports belong to one or more cases. */
export const CaseItemType = z.enum(['statement', 'source', 'report']);
export type CaseItemType = z.infer<typeof CaseItemType>;
export const CaseItem = z.object({ caseId: Id, itemType: CaseItemType, itemId: Id, addedAt: z.string(), addedBy: Id.nullable() });
export type CaseItem = z.infer<typeof CaseItem>;
