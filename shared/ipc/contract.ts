/**
 * Every operation the UI may ask of the Core: method name -> what it is, what it takes, what it
 * gives. The Core implements exactly this map; Electron IPC, the CLI (`casefile call`) and the
 * e2e harness all reach it, and every table about methods (the renderer's cache keys and
 * invalidation, who needs an acting profile, the CLI's list of methods) is derived from it
 * (methods.ts), so adding an operation is one entry here, one Core handler and the UI.
 *
 * An entry:
 *
 *   'cases.addItem': {
 *     access: 'write',                          // 'read': changes nothing; 'write': one audited transaction
 *     invalidates: ['statements', 'sources'],   // writes only: other domains whose cached reads it can change
 *     input: z.strictObject({ ...As, caseId: Id, ... }),
 *     output: CaseItem,
 *   },
 *
 * - The domain is the part of the name before the dot. A write always invalidates its own
 *   domain and `audit` and `search` (every write is audited and indexed); `invalidates` names
 *   the others (`[]` when none) or says 'everything'. A name that is not the domain of some
 *   read fails to compile.
 * - A method acts as a profile exactly when its input has an `as` field: the Core records it
 *   and checks its roles; methods without one run before anyone is working.
 * - `long: true` marks work that can take minutes on a big desk. The Core reports its progress
 *   (progress.ts) and stops it when asked, leaving nothing half-written (the answer is then the
 *   error `cancelled`); the app runs it off the Core's main thread, so other calls are answered
 *   meanwhile, and shows it in the status area with a Cancel button.
 */
import { z } from 'zod';
import type { Role} from '../domain';
import {
  Actor, ActorFields, ActorRelation, Attachment, AttachmentOwnerType, AuditAnchor, AuditListEntry, AuditVerification, Case,
  CaseFields, CaseItem, CaseItemType, CaseStatus, Citation, CitingType, Id, Marking, MediumText, Note, NoteTargetType,
  Paging, Permissions, Profile, ProfileFields, RecordType, RelationKind, Report, ReportDocument, ReportFields, ReportNotice, ReportVersion,
  ReportVersionDetail, ExportFormat, ShortText, Source, SourceFields, SourceKind,
  Statement, StatementFields, Event, page, Priority, Tag, Sha256,
  LangTag, LongText, MemoryMatch, ReviewQueueItem, SegmentId, Translation, TranslationComment, TranslationRevision,
  TranslationView, XliffFile, XliffImported, SearchType, SuggestKind, ReportImportChoices, ReportImportPlan, ReportImportResult,
  BundleExported, BundleImported, BundlePreview, ExchangeConflict,
  SavedPage,
  Inbox,
} from '../domain';
import { GlossaryFields, GlossaryFormat, GlossaryTerm, QaCheck, QaFinding } from '../domain';

const As = { as: Id };
const ById = z.strictObject({ ...As, id: Id });
const Rev = { id: Id, rev: z.number().int().positive() };
const TrashInput = z.strictObject({ ...As, ...Rev });
const Text = z.string().max(1_000);
const Ok = z.object({ ok: z.literal(true) });

export const SortDir = z.enum(['asc', 'desc']);

const NoteFields = Note.pick({ targetType: true, targetId: true, body: true, pinned: true });
const EventFields = Event.pick({ caseId: true, occurredAt: true, datePrecision: true, title: true, description: true });
const CaseIds = { caseIds: z.array(Id).max(50).optional() };

export const TrashedItem = z.object({
  recordType: RecordType, id: Id, title: z.string(), deletedAt: z.string(), rev: z.number().int(),
});

interface ReadOperation {
  access: 'read';
  long?: true;
  input: z.ZodObject;
  output: z.ZodType;
}
interface WriteOperation {
  access: 'write';
  long?: true;
  invalidates: readonly string[] | 'everything';
  input: z.ZodObject;
  output: z.ZodType;
}
export type Operation = ReadOperation | WriteOperation;

export const contract = {
  // --- app -------------------------------------------------------------------------
  'app.info': {
    access: 'read',
    input: z.strictObject({}),
    output: z.object({ version: z.string(), dataDir: z.string(), schemaVersion: z.number().int(), profiles: z.number().int() }),
  },
  'sample.load': { access: 'write', invalidates: 'everything', input: z.strictObject({ ...As }), output: z.object({ caseId: Id }) },

  // --- the desk as a whole ------------------------------------------------------------
  /** `casefile check`: database integrity, foreign keys, the audit chain, the search index and every attachment's hash. */
  'desk.check': {
    access: 'read', long: true,
    input: z.strictObject({ ...As }),
    output: z.object({
      ok: z.boolean(), problems: z.array(z.string()), notes: z.array(z.string()),
      /** What was checked; null when the database could not be read at all. */
      counts: z.object({ auditEntries: z.number().int(), records: z.number().int(), attachments: z.number().int(), blobs: z.number().int() }).nullable(),
      /** The desk key the trail is signed with (its fingerprint is public); null when the desk could not be opened. */
      desk: z.object({ id: z.string(), fingerprint: z.string(), protectedAtRest: z.boolean() }).nullable(),
      /** With an anchor line (`casefile check --anchor`): whether the desk still holds that history. */
      anchor: z.object({ ok: z.boolean(), message: z.string() }).optional(),
    }),
  },
  /**
   * Rebuilds the search index from the records (admin): `casefile reindex`. A rebuilt index
   * agrees with the records, so it would stop the index check from showing a record changed
   * outside Casefile: the audit chain and every record against it are checked first, and while
   * they disagree the rebuild is refused (`conflict`, the message naming the first differences
   * and how many there are). `force` rebuilds anyway and returns what disagrees in `problems`
   * (`desk.check` keeps reporting it); `problems` is empty otherwise.
   */
  'desk.reindex': {
    access: 'write', long: true, invalidates: [],
    input: z.strictObject({ ...As, force: z.boolean().default(false) }),
    output: z.object({ documents: z.number().int(), ms: z.number(), worker: z.boolean(), problems: z.array(z.string()) }),
  },

  // --- profiles ----------------------------------------------------------------------
  'profiles.list': { access: 'read', input: z.strictObject({ includeTrashed: z.boolean().default(false) }), output: z.array(Profile) },
  /** `as` may be null only while no profile exists: the first profile bootstraps the desk and gets admin. */
  'profiles.create': { access: 'write', invalidates: ['app'], input: z.strictObject({ as: Id.nullable(), ...ProfileFields.shape }), output: Profile },
  'profiles.update': {
    access: 'write', invalidates: [],
    input: z.strictObject({ ...As, ...Rev, ...ProfileFields.partial().shape }),
    output: Profile,
  },
  /** Admin only. A deactivated profile keeps its name in the audit trail but may no longer act; never deleted. */
  'profiles.deactivate': { access: 'write', invalidates: [], input: z.strictObject({ ...As, ...Rev }), output: Profile },
  'profiles.reactivate': { access: 'write', invalidates: [], input: z.strictObject({ ...As, ...Rev }), output: Profile },
  /** What the acting profile may do, from the rule table the Core checks every write against. */
  'profiles.permissions': { access: 'read', input: z.strictObject({ ...As }), output: Permissions },

  // --- cases -------------------------------------------------------------------------
  'cases.list': {
    access: 'read',
    input: z.strictObject({
      ...As, ...Paging,
      status: z.array(CaseStatus).optional(), priority: z.array(Priority).optional(), assignee: Id.optional(),
      marking: z.array(Marking).optional(), tag: Tag.optional(), text: ShortText.optional(),
      sort: z.enum(['updatedAt', 'createdAt', 'title', 'priority', 'dueDate', 'status']).default('updatedAt'),
      dir: SortDir.default('desc'), trashed: z.boolean().default(false),
    }),
    output: page(Case),
  },
  'cases.get': { access: 'read', input: ById, output: Case },
  'cases.create': {
    access: 'write', invalidates: [],
    input: z.strictObject({ ...As, ...CaseFields.partial().required({ title: true }).shape }),
    output: Case,
  },
  'cases.update': { access: 'write', invalidates: [], input: z.strictObject({ ...As, ...Rev, ...CaseFields.partial().shape }), output: Case },
  'cases.trash': { access: 'write', invalidates: ['trash'], input: TrashInput, output: Case },
  'cases.restore': { access: 'write', invalidates: ['trash'], input: TrashInput, output: Case },
  /** The records filed in a case, oldest first; a record in the trash is left out while it is there. */
  'cases.items': {
    access: 'read',
    input: z.strictObject({ ...As, caseId: Id, itemType: CaseItemType.optional() }), output: z.array(CaseItem),
  },
  /** The cases a statement, source or report belongs to. */
  'cases.forItem': { access: 'read', input: z.strictObject({ ...As, itemType: CaseItemType, itemId: Id }), output: z.array(Case) },
  /** `warnings`: worth a second look but not refused (a record less restricted than the case it is filed into). */
  'cases.addItem': {
    access: 'write', invalidates: ['statements', 'sources', 'reports', 'translations'],
    input: z.strictObject({ ...As, caseId: Id, itemType: CaseItemType, itemId: Id }),
    output: CaseItem.extend({ warnings: z.array(z.string()) }),
  },
  'cases.removeItem': {
    access: 'write', invalidates: ['statements', 'sources', 'reports', 'translations'],
    input: z.strictObject({ ...As, caseId: Id, itemType: CaseItemType, itemId: Id }),
    output: Ok,
  },

  // --- actors ------------------------------------------------------------------------
  'actors.list': {
    access: 'read',
    input: z.strictObject({ ...As, ...Paging, text: ShortText.optional(), kind: Actor.shape.kind.optional(), trashed: z.boolean().default(false) }),
    output: page(Actor),
  },
  'actors.get': { access: 'read', input: ById, output: Actor },
  'actors.create': {
    access: 'write', invalidates: [],
    input: z.strictObject({ ...As, ...ActorFields.partial().required({ name: true, kind: true }).shape }), output: Actor,
  },
  'actors.update': { access: 'write', invalidates: [], input: z.strictObject({ ...As, ...Rev, ...ActorFields.partial().shape }), output: Actor },
  'actors.trash': { access: 'write', invalidates: ['trash'], input: TrashInput, output: Actor },
  'actors.restore': { access: 'write', invalidates: ['trash'], input: TrashInput, output: Actor },
  'actors.relations': { access: 'read', input: z.strictObject({ ...As, actorId: Id }), output: z.array(ActorRelation) },
  'actors.link': {
    access: 'write', invalidates: [],
    input: z.strictObject({ ...As, fromActorId: Id, relation: RelationKind, toActorId: Id, note: ShortText.default('') }),
    output: ActorRelation,
  },
  'actors.unlink': { access: 'write', invalidates: [], input: z.strictObject({ ...As, relationId: Id }), output: Ok },

  // --- statements --------------------------------------------------------------------
  'statements.list': {
    access: 'read',
    input: z.strictObject({
      ...As, ...Paging, caseId: Id.optional(), speakerId: Id.optional(), language: z.string().max(35).optional(),
      marking: z.array(Marking).optional(), text: ShortText.optional(),
      sort: z.enum(['saidAt', 'updatedAt', 'createdAt']).default('saidAt'), dir: SortDir.default('desc'),
      trashed: z.boolean().default(false),
    }),
    output: page(Statement),
  },
  'statements.get': { access: 'read', input: ById, output: Statement },
  'statements.create': {
    access: 'write', invalidates: ['cases'],
    input: z.strictObject({ ...As, ...StatementFields.partial().shape, ...CaseIds }), output: Statement,
  },
  /** Changing `originalText` after capture is a correction and needs `correctionReason`. */
  'statements.update': {
    access: 'write', invalidates: ['translations'],
    input: z.strictObject({ ...As, ...Rev, ...StatementFields.partial().shape, correctionReason: MediumText.optional() }),
    output: Statement,
  },
  'statements.trash': { access: 'write', invalidates: ['trash', 'cases', 'translations'], input: TrashInput, output: Statement },
  'statements.restore': { access: 'write', invalidates: ['trash', 'cases', 'translations'], input: TrashInput, output: Statement },
  'statements.related': { access: 'read', input: z.strictObject({ ...As, statementId: Id }), output: z.array(Statement) },
  'statements.relate': { access: 'write', invalidates: [], input: z.strictObject({ ...As, statementId: Id, relatedId: Id }), output: Ok },
  'statements.unrelate': { access: 'write', invalidates: [], input: z.strictObject({ ...As, statementId: Id, relatedId: Id }), output: Ok },

  // --- sources and citations ------------------------------------------------------------
  'sources.list': {
    access: 'read',
    input: z.strictObject({
      ...As, ...Paging, caseId: Id.optional(), kind: SourceKind.optional(), text: ShortText.optional(),
      marking: z.array(Marking).optional(), trashed: z.boolean().default(false),
    }),
    output: page(Source),
  },
  'sources.get': { access: 'read', input: ById, output: Source },
  'sources.create': {
    access: 'write', invalidates: ['cases'],
    input: z.strictObject({ ...As, ...SourceFields.partial().required({ title: true, kind: true }).shape, ...CaseIds }),
    output: Source,
  },
  'sources.update': { access: 'write', invalidates: [], input: z.strictObject({ ...As, ...Rev, ...SourceFields.partial().shape }), output: Source },
  'sources.trash': { access: 'write', invalidates: ['trash', 'cases', 'citations'], input: TrashInput, output: Source },
  'sources.restore': { access: 'write', invalidates: ['trash', 'cases', 'citations'], input: TrashInput, output: Source },
  'citations.list': {
    access: 'read',
    input: z.strictObject({ ...As, citingType: CitingType.optional(), citingId: Id.optional(), sourceId: Id.optional() }),
    output: z.array(Citation),
  },
  /** A citation from a record filed in a case files the cited source in that case too. */
  'citations.add': {
    access: 'write', invalidates: ['cases', 'sources'],
    input: z.strictObject({
      ...As, citingType: CitingType, citingId: Id, sourceId: Id, locator: ShortText.default(''),
      position: z.number().int().min(0).optional(),
    }),
    output: Citation,
  },
  'citations.update': { access: 'write', invalidates: [], input: z.strictObject({ ...As, id: Id, locator: ShortText }), output: Citation },
  'citations.reorder': {
    access: 'write', invalidates: [],
    input: z.strictObject({ ...As, citingType: CitingType, citingId: Id, order: z.array(Id).max(1000) }),
    output: z.array(Citation),
  },
  'citations.remove': { access: 'write', invalidates: [], input: z.strictObject({ ...As, id: Id }), output: Ok },

  // --- attachments -----------------------------------------------------------------------
  'attachments.list': {
    access: 'read',
    input: z.strictObject({ ...As, ownerType: AttachmentOwnerType, ownerId: Id, trashed: z.boolean().default(false) }),
    output: z.array(Attachment),
  },
  'attachments.get': { access: 'read', input: ById, output: Attachment },
  /** Bytes from a file the user dropped into the window; the original name is metadata only. */
  'attachments.add': {
    access: 'write', long: true, invalidates: [],
    input: z.strictObject({
      ...As, ownerType: AttachmentOwnerType, ownerId: Id, fileName: ShortText, data: z.instanceof(Uint8Array),
      description: ShortText.default(''),
    }),
    output: Attachment,
  },
  /** The stored bytes, for a preview in the window; refused above `maxBytes` (default 25 MiB). */
  'attachments.read': {
    access: 'read',
    input: z.strictObject({ ...As, id: Id, maxBytes: z.number().int().min(1).max(100 * 1024 * 1024).default(25 * 1024 * 1024) }),
    output: z.object({ data: z.instanceof(Uint8Array), mediaType: z.string(), sha256: Sha256 }),
  },
  'attachments.trash': { access: 'write', invalidates: ['trash'], input: TrashInput, output: Attachment },
  'attachments.restore': { access: 'write', invalidates: ['trash'], input: TrashInput, output: Attachment },
  'attachments.verify': { access: 'read', input: ById, output: z.object({ ok: z.boolean(), sha256: Sha256, actual: z.string().optional() }) },
  /** A saved web page's text and its own claims (address, capture time); null when the file is not a saved page. */
  'attachments.page': { access: 'read', input: ById, output: SavedPage.nullable() },

  // --- notes, events, reports -------------------------------------------------------------
  'notes.list': {
    access: 'read',
    input: z.strictObject({ ...As, targetType: NoteTargetType, targetId: Id, trashed: z.boolean().default(false) }),
    output: z.array(Note),
  },
  'notes.get': { access: 'read', input: ById, output: Note },
  'notes.create': {
    access: 'write', invalidates: [],
    input: z.strictObject({ ...As, ...NoteFields.partial().required({ targetType: true, targetId: true, body: true }).shape }),
    output: Note,
  },
  'notes.update': {
    access: 'write', invalidates: [],
    input: z.strictObject({ ...As, ...Rev, body: NoteFields.shape.body.optional(), pinned: z.boolean().optional() }),
    output: Note,
  },
  'notes.trash': { access: 'write', invalidates: ['trash'], input: TrashInput, output: Note },
  'notes.restore': { access: 'write', invalidates: ['trash'], input: TrashInput, output: Note },

  'events.get': { access: 'read', input: ById, output: Event },
  'events.list': { access: 'read', input: z.strictObject({ ...As, caseId: Id, trashed: z.boolean().default(false) }), output: z.array(Event) },
  'events.create': {
    access: 'write', invalidates: [],
    input: z.strictObject({ ...As, ...EventFields.partial().required({ caseId: true, occurredAt: true, title: true }).shape }),
    output: Event,
  },
  'events.update': {
    access: 'write', invalidates: [],
    input: z.strictObject({ ...As, ...Rev, ...EventFields.omit({ caseId: true }).partial().shape }), output: Event,
  },
  'events.trash': { access: 'write', invalidates: ['trash'], input: TrashInput, output: Event },
  'events.restore': { access: 'write', invalidates: ['trash'], input: TrashInput, output: Event },

  // Reports (issue 10). The body cites sources as [@SOURCE_ID] / [@SOURCE_ID, LOCATOR] and quotes
  // statements as {{quote statement=ID revision=ID}} or {{quote statement=ID wording=published}}
  // (shared/report/references.ts). A save refuses malformed references and new references to
  // unknown or trashed records; render lists what would stop an export; export and publish refuse
  // it. Exports are audited; publishing freezes a version (reviewer or case manager, four eyes).
  'reports.list': {
    access: 'read',
    input: z.strictObject({ ...As, ...Paging, caseId: Id.optional(), trashed: z.boolean().default(false) }), output: page(Report),
  },
  'reports.get': { access: 'read', input: ById, output: Report },
  'reports.create': {
    // A source the body cites joins the report's cases, as with citations.add.
    access: 'write', invalidates: ['cases', 'sources', 'citations'],
    input: z.strictObject({ ...As, ...ReportFields.partial().required({ headline: true }).shape, ...CaseIds }), output: Report,
  },
  'reports.update': { access: 'write', invalidates: ['cases', 'sources', 'citations'], input: z.strictObject({ ...As, ...Rev, ...ReportFields.partial().shape }), output: Report },
  'reports.trash': { access: 'write', invalidates: ['trash', 'cases'], input: TrashInput, output: Report },
  'reports.restore': { access: 'write', invalidates: ['trash', 'cases'], input: TrashInput, output: Report },
  /** Inserts a citation of a source into the body at `position` (a UTF-16 offset; default: the end). */
  'reports.cite': {
    access: 'write', invalidates: ['cases', 'sources', 'citations'],
    input: z.strictObject({
      ...As, ...Rev, sourceId: Id, locator: z.string().max(200).regex(/^[^\]\n]*$/, 'must not contain "]" or a line break').default(''),
      position: z.number().int().min(0).optional(),
    }),
    output: Report,
  },
  /**
   * Inserts a quotation of a statement at `position` (default: the end), as a block on its own line
   * unless `block` is false. `wording: 'translation'` quotes `revisionId`, or when it is left out the
   * approved revision of the statement's translation into `targetLang`.
   */
  'reports.quote': {
    access: 'write', invalidates: [],
    input: z.strictObject({
      ...As, ...Rev, statementId: Id, wording: z.enum(['translation', 'published']).default('translation'), revisionId: Id.optional(),
      targetLang: LangTag.default('en'), position: z.number().int().min(0).optional(), block: z.boolean().default(true),
    }),
    output: Report,
  },
  /**
   * The intermediate document (blocks, runs, numbered footnotes) and the notices for the live
   * preview. `draft` renders unsaved fields over the saved report; `version` a published version.
   */
  'reports.render': {
    access: 'read',
    input: z.strictObject({ ...As, id: Id, version: z.number().int().positive().optional(), draft: ReportFields.partial().optional() }),
    output: z.object({
      document: ReportDocument, notices: z.array(ReportNotice), version: z.number().int().positive(),
      /** true when this is a published version's frozen document. */
      published: z.boolean(),
    }),
  },
  /**
   * One export file. Without `version`: the current draft (or, when nothing changed since it was
   * published, the published files). With `version`: that published version's stored bytes.
   * Refused with the list of offending quotations or references; records more restricted than
   * the report's marking are refused unless `allowMarking` (written to the audit trail).
   */
  'reports.export': {
    // A write: every export is an audit entry (and an allowMarking override must be one).
    access: 'write', long: true, invalidates: [],
    input: z.strictObject({
      ...As, id: Id, version: z.number().int().positive().optional(), format: ExportFormat, allowMarking: z.boolean().default(false),
    }),
    output: z.object({
      data: z.instanceof(Uint8Array), fileName: z.string(), mediaType: z.string(), sha256: Sha256,
      version: z.number().int().positive(), published: z.boolean(), notices: z.array(ReportNotice),
    }),
  },
  /**
   * Freezes the draft as a published version (reviewer or case manager who did not write or edit
   * its text): every format's file stored and hashed, quoted revisions moved to final.
   */
  'reports.publish': {
    access: 'write', long: true, invalidates: ['translations'],
    input: z.strictObject({ ...As, ...Rev, allowMarking: z.boolean().default(false) }),
    output: z.object({ report: Report, version: ReportVersion, notes: z.array(z.string()) }),
  },
  /** Published versions, newest first. */
  'reports.versions': { access: 'read', input: ById, output: z.array(ReportVersion) },
  'reports.getVersion': { access: 'read', input: z.strictObject({ ...As, id: Id, version: z.number().int().positive() }), output: ReportVersionDetail },

  // Import of a published report (issue 10): a preview that writes nothing, then the apply.
  /**
   * Reads a published report (plain text or an HTML page, as the file's bytes) and returns the
   * plan of what importing it into the case would create, with the lines it leaves out and
   * why. Writes nothing. A file that is empty, too large, binary, not UTF-8 or not a report is
   * refused, naming what is wrong.
   */
  'reports.importPreview': {
    access: 'read',
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
    access: 'write', invalidates: ['statements', 'sources', 'actors', 'citations', 'cases'],
    input: z.strictObject({ ...As, plan: ReportImportPlan, choices: ReportImportChoices.default({ createActors: [], keepDropped: [] }) }),
    output: ReportImportResult,
  },

  // --- trash and audit --------------------------------------------------------------------
  'trash.list': { access: 'read', input: z.strictObject({ ...As, recordType: RecordType.optional() }), output: z.array(TrashedItem) },
  /** Deletes a trashed record for good. Admin only; audited. */
  'trash.purge': { access: 'write', invalidates: 'everything', input: z.strictObject({ ...As, recordType: RecordType, ...Rev }), output: Ok },
  /** Newest first. With caseId: the case, what is in it, their notes, attachments and translations. */
  'audit.list': {
    access: 'read',
    input: z.strictObject({
      ...As, recordType: Text.optional(), recordId: Text.optional(), caseId: Id.optional(), actorId: Id.optional(),
      beforeSeq: z.number().int().optional(), limit: z.number().int().min(1).max(1000).default(100),
    }),
    output: z.array(AuditListEntry),
  },
  'audit.verify': { access: 'read', input: z.strictObject({ ...As }), output: AuditVerification },
  /** The chain's head signed by the desk key, as a line to keep elsewhere. Refused while the chain is broken or empty. */
  'audit.anchor': { access: 'read', input: z.strictObject({ ...As }), output: AuditAnchor },

  // --- search ------------------------------------------------------------------------------
  /**
   * Full-text search: words, "phrases", prefix*, -excluded, OR, and filters type: case: speaker:
   * lang: platform: from: to: status: marking: tag: translation:. Pivots: mention:HANDLE (posted by
   * or mentioning it), quran:8 / quran:8:17 / quran:8:16-18, url:ADDRESS (scheme, www., case and
   * a trailing slash ignored). translation:STATE means "has a
   * revision in that state" (translation:approved: has approved text whose approval holds, even
   * while a newer draft is worked on; final text counts as approved); translation:latest:STATE
   * means "the latest revision is in that state"; also a language (translation:en), both
   * (en:approved, en:latest:draft), or any. A word that names an actor also finds the
   * actor's other names (listed in `expansions`) unless `expandAliases` is false. Highlights
   * are [start, end) offsets into `snippet.text`, which is cut from the original text.
   *
   * Counting stops at `cap` (10,000) so that a broad query costs no more than a narrow one:
   * `total` and each type count are exact below `cap`, and a count equal to `cap` means that
   * many or more ("10,000+"). `capped` says the total reached it; the case counts are then
   * taken over the first `cap` hits only, so each is a lower bound. The hits are ranked
   * among all of a query's hits when it has at most 2,000, else among its 2,000 newest.
   */
  'search.query': {
    access: 'read',
    input: z.strictObject({
      ...As, q: z.string().max(1_000),
      types: z.array(SearchType).optional(),
      limit: z.number().int().min(1).max(200).default(20), offset: z.number().int().min(0).max(10_000).default(0),
      expandAliases: z.boolean().default(true),
    }),
    output: z.object({
      total: z.number().int(),
      capped: z.boolean(),
      cap: z.number().int(),
      facets: z.object({
        type: z.record(z.string(), z.number().int()),
        case: z.array(z.object({ caseId: Id, title: z.string(), count: z.number().int() })),
      }),
      expansions: z.array(z.object({ term: z.string(), names: z.array(z.string()) })),
      hits: z.array(z.object({
        type: SearchType, id: Id, title: z.string(), score: z.number(),
        snippet: z.object({ text: z.string(), highlights: z.array(z.tuple([z.number().int(), z.number().int()])) }),
      })),
    }),
  },
  /** The quick switcher: actors (any name or alias, fuzzy), case titles, tags and handles by prefix. */
  'search.suggest': {
    access: 'read',
    input: z.strictObject({
      ...As, q: z.string().max(200), limit: z.number().int().min(1).max(50).default(10),
      kinds: z.array(SuggestKind).optional(),
    }),
    output: z.object({
      items: z.array(z.object({
        kind: SuggestKind, id: z.string(), label: z.string(), names: z.array(z.string()), score: z.number(),
      })),
    }),
  },

  // --- translations ------------------------------------------------------------------------
  // A translation is one statement into one target language; `id` + `rev` name the
  // translation (its rev moves on every change), and operations act on its latest revision.
  // Workflow and rules: domain.md, "Translation workflow". Analysts translate; only reviewers
  // approve or request changes; nobody approves a revision they translated or edited.
  /** Every translation of a statement (one per target language). */
  'translations.list': { access: 'read', input: z.strictObject({ ...As, statementId: Id }), output: z.array(TranslationView) },
  /** null when the statement has no translation into that language yet. */
  'translations.get': { access: 'read', input: z.strictObject({ ...As, statementId: Id, targetLang: LangTag }), output: TranslationView.nullable() },
  /** Segments the captured original into sentences and opens revision 1 in draft. */
  'translations.start': {
    access: 'write', invalidates: [],
    input: z.strictObject({ ...As, statementId: Id, targetLang: LangTag.default('en') }),
    output: TranslationView,
  },
  /**
   * Sets targets and translator's notes of the listed segments (others unchanged). A draft is
   * edited in place; approved, final or changes_requested text gets a NEW draft revision and
   * the old one stays exactly as it was. A revision in review cannot be edited.
   */
  'translations.edit': {
    access: 'write', invalidates: [],
    input: z.strictObject({
      ...As, ...Rev,
      segments: z.array(z.strictObject({ id: SegmentId, target: MediumText.optional(), note: MediumText.optional() })).min(1).max(10_000),
    }),
    output: TranslationView,
  },
  /** merge: segment `segmentId` with the next one (keeps the first id). split: at `at`, a UTF-16 offset into its source (the second half gets a new id). */
  'translations.segment': {
    access: 'write', invalidates: [],
    input: z.strictObject({ ...As, ...Rev, action: z.enum(['merge', 'split']), segmentId: SegmentId, at: z.number().int().min(1).optional() }),
    output: TranslationView,
  },
  /** draft -> in_review. Every segment needs a target. */
  'translations.submit': { access: 'write', invalidates: [], input: z.strictObject({ ...As, ...Rev }), output: TranslationView },
  /** in_review -> approved (reviewer; four eyes). Pins the SHA-256 of the approved text; the pairs go to translation memory. */
  'translations.approve': { access: 'write', invalidates: [], input: z.strictObject({ ...As, ...Rev }), output: TranslationView },
  /** in_review -> changes_requested (reviewer). Needs a comment: `comment`, or at least one segment comment. */
  'translations.requestChanges': {
    access: 'write', invalidates: [],
    input: z.strictObject({
      ...As, ...Rev, comment: MediumText.default(''),
      segmentComments: z.array(z.strictObject({ segmentId: SegmentId, body: MediumText })).max(10_000).default([]),
    }),
    output: TranslationView,
  },
  /** A comment on a revision, or on one of its segments. */
  'translations.comment': {
    access: 'write', invalidates: [],
    input: z.strictObject({ ...As, revisionId: Id, segmentId: SegmentId.nullable().default(null), body: MediumText }),
    output: TranslationComment,
  },
  /** Every revision, oldest first, and every comment. */
  'translations.history': {
    access: 'read',
    input: z.strictObject({ ...As, id: Id }),
    output: z.object({ translation: Translation, revisions: z.array(TranslationRevision), comments: z.array(TranslationComment) }),
  },
  /** Revisions waiting for review, oldest submission first. */
  'translations.queue': {
    access: 'read',
    input: z.strictObject({ ...As, ...Paging, caseId: Id.optional(), targetLang: LangTag.optional(), translatorId: Id.optional() }),
    output: page(ReviewQueueItem),
  },
  /**
   * A revision and what the reviewer compares it with, for the word diff: the last approved
   * revision before it, else the last submitted one before it (a resubmission after changes were
   * requested), else null (compare against empty).
   */
  'translations.diff': {
    access: 'read',
    input: z.strictObject({ ...As, revisionId: Id }),
    output: z.object({ revision: TranslationRevision, base: TranslationRevision.nullable() }),
  },
  /** Translation memory: exact and fuzzy matches (similarity % on folded words) from approved segments. */
  'translations.suggest': {
    access: 'read',
    input: z.strictObject({
      ...As, source: MediumText, sourceLang: LangTag, targetLang: LangTag,
      minScore: z.number().int().min(1).max(100).default(60), limit: z.number().int().min(1).max(50).default(5),
    }),
    output: z.object({ matches: z.array(MemoryMatch) }),
  },
  /** approved -> final, when a report publishes it (default: the approved revision). */
  'translations.publish': {
    access: 'write', invalidates: [],
    input: z.strictObject({ ...As, ...Rev, revisionId: Id.optional() }),
    output: TranslationView,
  },
  /**
   * XLIFF 2.0 documents for a statement's translations or for every translated statement of a
   * case: one per (source, target) language pair. Give statementId or caseId.
   */
  'translations.exportXliff': {
    access: 'read', long: true,
    input: z.strictObject({ ...As, statementId: Id.optional(), caseId: Id.optional(), targetLang: LangTag.optional() }),
    output: z.object({ files: z.array(XliffFile) }),
  },
  /**
   * Takes an XLIFF 2.0 document back: each file becomes a NEW draft revision (never approved),
   * after checking that its segment ids and sources still match the current revision. All or nothing.
   */
  'translations.importXliff': {
    access: 'write', long: true, invalidates: [],
    input: z.strictObject({ ...As, xml: LongText }),
    output: z.object({ imported: z.array(XliffImported) }),
  },
  /**
   * The QA checks of the latest revision (shared/text/qa.ts, with the desk's glossary), each with
   * the override someone gave it. A submission is refused while one has none.
   */
  'translations.qa': {
    access: 'read',
    input: z.strictObject({ ...As, id: Id }),
    output: z.object({ revisionId: Id, findings: z.array(QaFinding) }),
  },
  /** Lets one QA finding of the latest revision stand, with the reason (audited); a changed target reopens it. */
  'translations.overrideQa': {
    access: 'write', invalidates: [],
    input: z.strictObject({ ...As, id: Id, segmentId: SegmentId, check: QaCheck, subject: z.string().max(1_000), reason: z.string().trim().min(1, 'give a reason').max(1_000) }),
    output: z.object({ revisionId: Id, findings: z.array(QaFinding) }),
  },
  // The desk's glossary (termbase), issue 14. Reviewers and case managers edit it; everyone reads.
  /** Terms, optionally of one language pair; trashed ones with `trashed`. */
  'glossary.list': {
    access: 'read',
    input: z.strictObject({ ...As, sourceLang: LangTag.optional(), targetLang: LangTag.optional(), trashed: z.boolean().default(false) }),
    output: z.array(GlossaryTerm),
  },
  'glossary.create': { access: 'write', invalidates: ['translations'], input: z.strictObject({ ...As, ...GlossaryFields.shape }), output: GlossaryTerm },
  'glossary.update': {
    access: 'write', invalidates: ['translations'],
    input: z.strictObject({ ...As, ...Rev, ...GlossaryFields.partial().shape, forbidden: GlossaryTerm.shape.forbidden.optional(), notes: MediumText.optional() }),
    output: GlossaryTerm,
  },
  'glossary.trash': { access: 'write', invalidates: ['translations', 'trash'], input: TrashInput, output: GlossaryTerm },
  'glossary.restore': { access: 'write', invalidates: ['translations', 'trash'], input: TrashInput, output: GlossaryTerm },
  /**
   * Takes in a CSV or TBX file in one transaction: a term new to its language pair is added, a
   * known one (same folded spelling) takes the file's renderings. Any bad row refuses the whole
   * file, naming its lines. `sourceLang`: for TBX, which language holds the source terms
   * (default: the file's xml:lang).
   */
  'glossary.import': {
    access: 'write', invalidates: ['translations'],
    input: z.strictObject({ ...As, format: GlossaryFormat, text: LongText, sourceLang: LangTag.optional() }),
    output: z.object({ added: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
  },
  'glossary.export': {
    access: 'read',
    input: z.strictObject({ ...As, format: GlossaryFormat, sourceLang: LangTag.optional(), targetLang: LangTag.optional() }),
    output: z.object({ text: z.string(), fileName: z.string(), terms: z.number().int() }),
  },
  // Case bundles between desks (issue 13). A bundle file lives in the desk's exchange folder under
  // an id (`file`): the Core never takes a path from a door; main's dialogs and the CLI copy it in
  // and out.
  /** Writes a signed bundle of a case (marking policy as for reports: more restricted records left out unless allowed, audited). */
  'exchange.exportBundle': {
    access: 'write', long: true, invalidates: [],
    input: z.strictObject({ ...As, caseId: Id, marking: Marking.optional(), allowMarking: z.boolean().default(false) }),
    output: BundleExported,
  },
  /** What importing a bundle would do: who signed it, what it adds, changes and puts in conflict. Writes nothing. */
  'exchange.inspectBundle': {
    access: 'read', long: true,
    input: z.strictObject({ ...As, file: Id }),
    output: BundlePreview,
  },
  /**
   * Merges a bundle into this desk in one transaction (never replacing: conflicts keep both
   * versions). A signer's key not seen before needs `trustKey` once (remembered, audited).
   */
  'exchange.importBundle': {
    access: 'write', long: true, invalidates: 'everything',
    input: z.strictObject({ ...As, file: Id, trustKey: z.boolean().default(false) }),
    output: BundleImported,
  },
  /** Conflicts and trash suggestions bundles left, open ones first. */
  'exchange.conflicts': {
    access: 'read',
    input: z.strictObject({ ...As, caseId: Id.optional(), includeResolved: z.boolean().default(false) }),
    output: z.array(ExchangeConflict),
  },
  /**
   * Settles one: keep mine, take theirs, or a version merged by hand (`record`, the fields to
   * save); a trash suggestion is followed (`trashed`) or declined (`kept`). `rev`: mine as seen.
   */
  'exchange.resolve': {
    access: 'write', invalidates: 'everything',
    input: z.strictObject({
      ...As, id: Id, resolution: z.enum(['mine', 'theirs', 'merged', 'trashed', 'kept']), rev: z.number().int().positive(),
      record: z.record(z.string(), z.unknown()).optional(),
    }),
    output: ExchangeConflict,
  },
  /** One STIX 2.1 bundle of a case for threat-intel platforms (marking policy as for bundles). */
  'exchange.exportStix': {
    access: 'write', long: true, invalidates: [],
    input: z.strictObject({ ...As, caseId: Id, marking: Marking.optional(), allowMarking: z.boolean().default(false) }),
    output: z.object({ json: z.string(), fileName: z.string(), objects: z.number().int(), leftOut: z.array(z.object({ recordType: z.string(), id: z.string(), title: z.string(), marking: Marking })) }),
  },
  /** The case's sources as CSL-JSON (the mapping the report footnotes use). */
  'exchange.exportCsl': {
    access: 'read',
    input: z.strictObject({ ...As, caseId: Id }),
    output: z.object({ json: z.string(), fileName: z.string(), items: z.number().int() }),
  },

  // --- my work (issue 14) ---------------------------------------------------------------------
  /**
   * The acting profile's inbox: cases assigned to them, their translations sent back with
   * changes requested, revisions waiting for their review (reviewers; never their own work:
   * four eyes), and their open cases by due date. Every section is bounded by `limit`.
   */
  'inbox.mine': {
    access: 'read',
    input: z.strictObject({ ...As, limit: z.number().int().min(1).max(200).default(50) }),
    output: Inbox,
  },
} as const satisfies Record<string, Operation>;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

/** `cancelled`: a long operation was stopped on request, and nothing of it was written. */
export const ErrorCode = z.enum(['invalid_input', 'not_found', 'conflict', 'forbidden', 'unknown_method', 'too_large', 'failed', 'cancelled']);
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
