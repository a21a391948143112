/**
 * Every operation the UI may ask of the Core: method name -> { input, output } zod schemas.
 * The Core implements exactly this map; Electron IPC, the CLI and the e2e harness all reach it.
 * Every input names the acting profile (`as`): the Core records it and checks its roles.
 */
import { z } from 'zod';
import type { Role} from '../domain';
import {
  Actor, ActorFields, ActorRelation, Attachment, AttachmentOwnerType, AuditEntry, AuditVerification, Case,
  CaseFields, CaseItem, CaseItemType, CaseStatus, Citation, CitingType, Id, Marking, MediumText, Note, NoteTargetType,
  Paging, Profile, ProfileFields, RecordType, RelationKind, Report, ShortText, Source, SourceFields, SourceKind,
  Statement, StatementFields, Event, page, Priority, Tag, Sha256,
  LangTag, LongText, MemoryMatch, ReviewQueueItem, SegmentId, Translation, TranslationComment, TranslationRevision,
  TranslationView, XliffFile, XliffImported, ReportImportChoices, ReportImportPlan, ReportImportResult,
} from '../domain';

const As = { as: Id };
const ById = z.strictObject({ ...As, id: Id });
const Rev = { id: Id, rev: z.number().int().positive() };
const TrashInput = z.strictObject({ ...As, ...Rev });
const Text = z.string().max(1_000);
const Ok = z.object({ ok: z.literal(true) });

export const SortDir = z.enum(['asc', 'desc']);

const NoteFields = Note.pick({ targetType: true, targetId: true, body: true, pinned: true });
const EventFields = Event.pick({ caseId: true, occurredAt: true, datePrecision: true, title: true, description: true });
const ReportFields = Report.pick({ headline: true, dateline: true, body: true, marking: true });
const CaseIds = { caseIds: z.array(Id).max(50).optional() };

export const TrashedItem = z.object({
  recordType: RecordType, id: Id, title: z.string(), deletedAt: z.string(), rev: z.number().int(),
});

export const contract = {
  // --- app -------------------------------------------------------------------------
  'app.info': {
    input: z.strictObject({}),
    output: z.object({ version: z.string(), dataDir: z.string(), schemaVersion: z.number().int(), profiles: z.number().int() }),
  },
  'sample.load': { input: z.strictObject({ ...As }), output: z.object({ caseId: Id }) },

  // --- profiles ----------------------------------------------------------------------
  'profiles.list': { input: z.strictObject({ includeTrashed: z.boolean().default(false) }), output: z.array(Profile) },
  /** `as` may be null only while no profile exists: the first profile bootstraps the desk and gets admin. */
  'profiles.create': { input: z.strictObject({ as: Id.nullable(), ...ProfileFields.shape }), output: Profile },
  'profiles.update': { input: z.strictObject({ ...As, ...Rev, ...ProfileFields.partial().shape }), output: Profile },
  /** Admin only. A deactivated profile keeps its name in the audit trail but may no longer act; never deleted. */
  'profiles.deactivate': { input: z.strictObject({ ...As, ...Rev }), output: Profile },
  'profiles.reactivate': { input: z.strictObject({ ...As, ...Rev }), output: Profile },

  // --- cases -------------------------------------------------------------------------
  'cases.list': {
    input: z.strictObject({
      ...As, ...Paging,
      status: z.array(CaseStatus).optional(), priority: z.array(Priority).optional(), assignee: Id.optional(),
      marking: z.array(Marking).optional(), tag: Tag.optional(), text: ShortText.optional(),
      sort: z.enum(['updatedAt', 'createdAt', 'title', 'priority', 'dueDate', 'status']).default('updatedAt'),
      dir: SortDir.default('desc'), trashed: z.boolean().default(false),
    }),
    output: page(Case),
  },
  'cases.get': { input: ById, output: Case },
  'cases.create': {
    input: z.strictObject({ ...As, ...CaseFields.partial().required({ title: true }).shape }),
    output: Case,
  },
  'cases.update': { input: z.strictObject({ ...As, ...Rev, ...CaseFields.partial().shape }), output: Case },
  'cases.trash': { input: TrashInput, output: Case },
  'cases.restore': { input: TrashInput, output: Case },
  'cases.items': {
    input: z.strictObject({ ...As, caseId: Id, itemType: CaseItemType.optional() }), output: z.array(CaseItem),
  },
  /** The cases a statement, source or report belongs to. */
  'cases.forItem': { input: z.strictObject({ ...As, itemType: CaseItemType, itemId: Id }), output: z.array(Case) },
  'cases.addItem': { input: z.strictObject({ ...As, caseId: Id, itemType: CaseItemType, itemId: Id }), output: CaseItem },
  'cases.removeItem': { input: z.strictObject({ ...As, caseId: Id, itemType: CaseItemType, itemId: Id }), output: Ok },

  // --- actors ------------------------------------------------------------------------
  'actors.list': {
    input: z.strictObject({ ...As, ...Paging, text: ShortText.optional(), kind: Actor.shape.kind.optional(), trashed: z.boolean().default(false) }),
    output: page(Actor),
  },
  'actors.get': { input: ById, output: Actor },
  'actors.create': {
    input: z.strictObject({ ...As, ...ActorFields.partial().required({ name: true, kind: true }).shape }), output: Actor,
  },
  'actors.update': { input: z.strictObject({ ...As, ...Rev, ...ActorFields.partial().shape }), output: Actor },
  'actors.trash': { input: TrashInput, output: Actor },
  'actors.restore': { input: TrashInput, output: Actor },
  'actors.relations': { input: z.strictObject({ ...As, actorId: Id }), output: z.array(ActorRelation) },
  'actors.link': {
    input: z.strictObject({ ...As, fromActorId: Id, relation: RelationKind, toActorId: Id, note: ShortText.default('') }),
    output: ActorRelation,
  },
  'actors.unlink': { input: z.strictObject({ ...As, relationId: Id }), output: Ok },

  // --- statements --------------------------------------------------------------------
  'statements.list': {
    input: z.strictObject({
      ...As, ...Paging, caseId: Id.optional(), speakerId: Id.optional(), language: z.string().max(35).optional(),
      marking: z.array(Marking).optional(), text: ShortText.optional(),
      sort: z.enum(['saidAt', 'updatedAt', 'createdAt']).default('saidAt'), dir: SortDir.default('desc'),
      trashed: z.boolean().default(false),
    }),
    output: page(Statement),
  },
  'statements.get': { input: ById, output: Statement },
  'statements.create': {
    input: z.strictObject({ ...As, ...StatementFields.partial().shape, ...CaseIds }), output: Statement,
  },
  /** Changing `originalText` after capture is a correction and needs `correctionReason`. */
  'statements.update': {
    input: z.strictObject({ ...As, ...Rev, ...StatementFields.partial().shape, correctionReason: MediumText.optional() }),
    output: Statement,
  },
  'statements.trash': { input: TrashInput, output: Statement },
  'statements.restore': { input: TrashInput, output: Statement },
  'statements.related': { input: z.strictObject({ ...As, statementId: Id }), output: z.array(Statement) },
  'statements.relate': { input: z.strictObject({ ...As, statementId: Id, relatedId: Id }), output: Ok },
  'statements.unrelate': { input: z.strictObject({ ...As, statementId: Id, relatedId: Id }), output: Ok },

  // --- sources and citations ------------------------------------------------------------
  'sources.list': {
    input: z.strictObject({
      ...As, ...Paging, caseId: Id.optional(), kind: SourceKind.optional(), text: ShortText.optional(),
      marking: z.array(Marking).optional(), trashed: z.boolean().default(false),
    }),
    output: page(Source),
  },
  'sources.get': { input: ById, output: Source },
  'sources.create': {
    input: z.strictObject({ ...As, ...SourceFields.partial().required({ title: true, kind: true }).shape, ...CaseIds }),
    output: Source,
  },
  'sources.update': { input: z.strictObject({ ...As, ...Rev, ...SourceFields.partial().shape }), output: Source },
  'sources.trash': { input: TrashInput, output: Source },
  'sources.restore': { input: TrashInput, output: Source },
  'citations.list': {
    input: z.strictObject({ ...As, citingType: CitingType.optional(), citingId: Id.optional(), sourceId: Id.optional() }),
    output: z.array(Citation),
  },
  'citations.add': {
    input: z.strictObject({
      ...As, citingType: CitingType, citingId: Id, sourceId: Id, locator: ShortText.default(''),
      position: z.number().int().min(0).optional(),
    }),
    output: Citation,
  },
  'citations.update': { input: z.strictObject({ ...As, id: Id, locator: ShortText }), output: Citation },
  'citations.reorder': {
    input: z.strictObject({ ...As, citingType: CitingType, citingId: Id, order: z.array(Id).max(1000) }),
    output: z.array(Citation),
  },
  'citations.remove': { input: z.strictObject({ ...As, id: Id }), output: Ok },

  // --- attachments -----------------------------------------------------------------------
  'attachments.list': {
    input: z.strictObject({ ...As, ownerType: AttachmentOwnerType, ownerId: Id, trashed: z.boolean().default(false) }),
    output: z.array(Attachment),
  },
  'attachments.get': { input: ById, output: Attachment },
  /** Bytes from a file the user dropped into the window; the original name is metadata only. */
  'attachments.add': {
    input: z.strictObject({
      ...As, ownerType: AttachmentOwnerType, ownerId: Id, fileName: ShortText, data: z.instanceof(Uint8Array),
      description: ShortText.default(''),
    }),
    output: Attachment,
  },
  /** The stored bytes, for a preview in the window; refused above `maxBytes` (default 25 MiB). */
  'attachments.read': {
    input: z.strictObject({ ...As, id: Id, maxBytes: z.number().int().min(1).max(100 * 1024 * 1024).default(25 * 1024 * 1024) }),
    output: z.object({ data: z.instanceof(Uint8Array), mediaType: z.string(), sha256: Sha256 }),
  },
  'attachments.trash': { input: TrashInput, output: Attachment },
  'attachments.restore': { input: TrashInput, output: Attachment },
  'attachments.verify': { input: ById, output: z.object({ ok: z.boolean(), sha256: Sha256, actual: z.string().optional() }) },

  // --- notes, events, reports -------------------------------------------------------------
  'notes.list': {
    input: z.strictObject({ ...As, targetType: NoteTargetType, targetId: Id, trashed: z.boolean().default(false) }),
    output: z.array(Note),
  },
  'notes.get': { input: ById, output: Note },
  'notes.create': {
    input: z.strictObject({ ...As, ...NoteFields.partial().required({ targetType: true, targetId: true, body: true }).shape }),
    output: Note,
  },
  'notes.update': { input: z.strictObject({ ...As, ...Rev, body: NoteFields.shape.body.optional(), pinned: z.boolean().optional() }), output: Note },
  'notes.trash': { input: TrashInput, output: Note },
  'notes.restore': { input: TrashInput, output: Note },

  'events.get': { input: ById, output: Event },
  'events.list': { input: z.strictObject({ ...As, caseId: Id, trashed: z.boolean().default(false) }), output: z.array(Event) },
  'events.create': {
    input: z.strictObject({ ...As, ...EventFields.partial().required({ caseId: true, occurredAt: true, title: true }).shape }),
    output: Event,
  },
  'events.update': {
    input: z.strictObject({ ...As, ...Rev, ...EventFields.omit({ caseId: true }).partial().shape }), output: Event,
  },
  'events.trash': { input: TrashInput, output: Event },
  'events.restore': { input: TrashInput, output: Event },

  'reports.list': {
    input: z.strictObject({ ...As, ...Paging, caseId: Id.optional(), trashed: z.boolean().default(false) }), output: page(Report),
  },
  'reports.get': { input: ById, output: Report },
  'reports.create': {
    input: z.strictObject({ ...As, ...ReportFields.partial().required({ headline: true }).shape, ...CaseIds }), output: Report,
  },
  'reports.update': { input: z.strictObject({ ...As, ...Rev, ...ReportFields.partial().shape }), output: Report },
  'reports.trash': { input: TrashInput, output: Report },
  'reports.restore': { input: TrashInput, output: Report },

  // Import of a published report (issue 10): a preview that writes nothing, then the apply.
  /**
   * Reads a published report (plain text or an HTML page, as the file's bytes) and returns the
   * plan of what importing it into the case would create, with the lines it leaves out and
   * why. Writes nothing. A file that is empty, too large, binary, not UTF-8 or not a report is
   * refused, naming what is wrong.
   */
  'reports.importPreview': {
    input: z.strictObject({ ...As, caseId: Id, fileName: ShortText.default(''), data: z.instanceof(Uint8Array) }),
    output: ReportImportPlan,
  },
  /**
   * Applies a previewed plan with the user's choices (new actors to create, dropped lines to
   * keep) in one transaction, through the same services as every other write. The plan is
   * checked again first; one that has gone stale (a matched actor trashed, the case trashed,
   * the report imported already) is refused whole with `conflict`.
   */
  'reports.importApply': {
    input: z.strictObject({ ...As, plan: ReportImportPlan, choices: ReportImportChoices.default({ createActors: [], keepDropped: [] }) }),
    output: ReportImportResult,
  },

  // --- trash and audit --------------------------------------------------------------------
  'trash.list': { input: z.strictObject({ ...As, recordType: RecordType.optional() }), output: z.array(TrashedItem) },
  /** Deletes a trashed record for good. Admin only; audited. */
  'trash.purge': { input: z.strictObject({ ...As, recordType: RecordType, ...Rev }), output: Ok },
  'audit.list': {
    input: z.strictObject({
      ...As, recordType: Text.optional(), recordId: Text.optional(), caseId: Id.optional(), actorId: Id.optional(),
      beforeSeq: z.number().int().optional(), limit: z.number().int().min(1).max(1000).default(100),
    }),
    output: z.array(AuditEntry),
  },
  'audit.verify': { input: z.strictObject({ ...As }), output: AuditVerification },

  // --- search ------------------------------------------------------------------------------
  /**
   * Full-text search: words, "phrases", prefix*, -excluded, OR, and filters type: case: speaker:
   * lang: platform: from: to: status: marking: tag: translation: (a state, a language, or LANG:STATE). A word that names an actor also finds the
   * actor's other names (listed in `expansions`) unless `expandAliases` is false. Highlights
   * are [start, end) offsets into `snippet.text`, which is cut from the original text.
   */
  'search.query': {
    input: z.strictObject({
      ...As, q: z.string().max(1_000),
      types: z.array(z.enum(['statement', 'source', 'note', 'report', 'case', 'actor'])).optional(),
      limit: z.number().int().min(1).max(200).default(20), offset: z.number().int().min(0).max(10_000).default(0),
      expandAliases: z.boolean().default(true),
    }),
    output: z.object({
      total: z.number().int(),
      facets: z.object({
        type: z.record(z.string(), z.number().int()),
        case: z.array(z.object({ caseId: Id, title: z.string(), count: z.number().int() })),
      }),
      expansions: z.array(z.object({ term: z.string(), names: z.array(z.string()) })),
      hits: z.array(z.object({
        type: z.enum(['statement', 'source', 'note', 'report', 'case', 'actor']), id: Id, title: z.string(), score: z.number(),
        snippet: z.object({ text: z.string(), highlights: z.array(z.tuple([z.number().int(), z.number().int()])) }),
      })),
    }),
  },
  /** The quick switcher: actors (any name or alias, fuzzy), case titles, tags and handles by prefix. */
  'search.suggest': {
    input: z.strictObject({
      ...As, q: z.string().max(200), limit: z.number().int().min(1).max(50).default(10),
      kinds: z.array(z.enum(['actor', 'case', 'tag', 'handle'])).optional(),
    }),
    output: z.object({
      items: z.array(z.object({
        kind: z.enum(['actor', 'case', 'tag', 'handle']), id: z.string(), label: z.string(), names: z.array(z.string()), score: z.number(),
      })),
    }),
  },

  // --- translations ------------------------------------------------------------------------
  // A translation is one statement into one target language; `id` + `rev` name the
  // translation (its rev moves on every change), and operations act on its latest revision.
  // Workflow and rules: domain.md, "Translation workflow". Analysts translate; only reviewers
  // approve or request changes; nobody approves a revision they translated or edited.
  /** Every translation of a statement (one per target language). */
  'translations.list': { input: z.strictObject({ ...As, statementId: Id }), output: z.array(TranslationView) },
  /** null when the statement has no translation into that language yet. */
  'translations.get': { input: z.strictObject({ ...As, statementId: Id, targetLang: LangTag }), output: TranslationView.nullable() },
  /** Segments the captured original into sentences and opens revision 1 in draft. */
  'translations.start': { input: z.strictObject({ ...As, statementId: Id, targetLang: LangTag.default('en') }), output: TranslationView },
  /**
   * Sets targets and translator's notes of the listed segments (others unchanged). A draft is
   * edited in place; approved, final or changes_requested text gets a NEW draft revision and
   * the old one stays exactly as it was. A revision in review cannot be edited.
   */
  'translations.edit': {
    input: z.strictObject({
      ...As, ...Rev,
      segments: z.array(z.strictObject({ id: SegmentId, target: MediumText.optional(), note: MediumText.optional() })).min(1).max(10_000),
    }),
    output: TranslationView,
  },
  /** merge: segment `segmentId` with the next one (keeps the first id). split: at `at`, a UTF-16 offset into its source (the second half gets a new id). */
  'translations.segment': {
    input: z.strictObject({ ...As, ...Rev, action: z.enum(['merge', 'split']), segmentId: SegmentId, at: z.number().int().min(1).optional() }),
    output: TranslationView,
  },
  /** draft -> in_review. Every segment needs a target. */
  'translations.submit': { input: z.strictObject({ ...As, ...Rev }), output: TranslationView },
  /** in_review -> approved (reviewer; four eyes). Pins the SHA-256 of the approved text; the pairs go to translation memory. */
  'translations.approve': { input: z.strictObject({ ...As, ...Rev }), output: TranslationView },
  /** in_review -> changes_requested (reviewer). Needs a comment: `comment`, or at least one segment comment. */
  'translations.requestChanges': {
    input: z.strictObject({
      ...As, ...Rev, comment: MediumText.default(''),
      segmentComments: z.array(z.strictObject({ segmentId: SegmentId, body: MediumText })).max(10_000).default([]),
    }),
    output: TranslationView,
  },
  /** A comment on a revision, or on one of its segments. */
  'translations.comment': {
    input: z.strictObject({ ...As, revisionId: Id, segmentId: SegmentId.nullable().default(null), body: MediumText }),
    output: TranslationComment,
  },
  /** Every revision, oldest first, and every comment. */
  'translations.history': {
    input: z.strictObject({ ...As, id: Id }),
    output: z.object({ translation: Translation, revisions: z.array(TranslationRevision), comments: z.array(TranslationComment) }),
  },
  /** Revisions waiting for review, oldest submission first. */
  'translations.queue': {
    input: z.strictObject({ ...As, ...Paging, caseId: Id.optional(), targetLang: LangTag.optional(), translatorId: Id.optional() }),
    output: page(ReviewQueueItem),
  },
  /** A revision and the last approved revision before it (null: compare against empty), for the word diff. */
  'translations.diff': {
    input: z.strictObject({ ...As, revisionId: Id }),
    output: z.object({ revision: TranslationRevision, base: TranslationRevision.nullable() }),
  },
  /** Translation memory: exact and fuzzy matches (similarity % on folded words) from approved segments. */
  'translations.suggest': {
    input: z.strictObject({
      ...As, source: MediumText, sourceLang: LangTag, targetLang: LangTag,
      minScore: z.number().int().min(1).max(100).default(60), limit: z.number().int().min(1).max(50).default(5),
    }),
    output: z.object({ matches: z.array(MemoryMatch) }),
  },
  /** approved -> final, when a report publishes it (default: the approved revision). */
  'translations.publish': { input: z.strictObject({ ...As, ...Rev, revisionId: Id.optional() }), output: TranslationView },
  /**
   * XLIFF 2.0 documents for a statement's translations or for every translated statement of a
   * case: one per (source, target) language pair. Give statementId or caseId.
   */
  'translations.exportXliff': {
    input: z.strictObject({ ...As, statementId: Id.optional(), caseId: Id.optional(), targetLang: LangTag.optional() }),
    output: z.object({ files: z.array(XliffFile) }),
  },
  /**
   * Takes an XLIFF 2.0 document back: each file becomes a NEW draft revision (never approved),
   * after checking that its segment ids and sources still match the current revision. All or nothing.
   */
  'translations.importXliff': {
    input: z.strictObject({ ...As, xml: LongText }),
    output: z.object({ imported: z.array(XliffImported) }),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

export const ErrorCode = z.enum(['invalid_input', 'not_found', 'conflict', 'forbidden', 'unknown_method', 'too_large', 'failed']);
export type ErrorCode = z.infer<typeof ErrorCode>;
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** The input field the problem is in, when there is one. */
  field?: string;
  /** For `conflict`: the record as it is now. For `forbidden`: the role needed. */
  current?: unknown;
  needsRole?: z.infer<typeof Role>;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

export const METHODS = Object.keys(contract) as Method[];
export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
