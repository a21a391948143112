/**
 * An in-memory stand-in for the Core behind window.casefile: enough of the contract for the
 * renderer's flows, with the Core's habits that matter to the UI (rev checks that answer
 * `conflict` with the saved record, role refusals with `needsRole`, field-named errors).
 * The renderer cannot tell it from the preload.
 */
import { vi } from 'vitest';
import type { MemoryMatch, Profile, Role, TranslationComment, TranslationRevision, TranslationSegment, TranslationView } from '../../shared/domain';
import { XLIFF_STATE } from '../../shared/domain';
import { approvalText, initialSegments, mergeSegments, nextSegmentId, splitSegment } from '../../shared/text/segment';
import type { CasefileBridge } from '../../shared/ipc/bridge';
import type { ErrorBody, Result } from '../../shared/ipc/contract';

type Rec = Record<string, unknown> & { id: string; rev: number; deletedAt: string | null };
type Input = Record<string, unknown>;

class Refusal extends Error {
  constructor(readonly body: ErrorBody) { super(body.message); }
}

const NOW = '2025-01-01T00:00:00.000Z';
const DOMAINS: Record<string, string> = {
  cases: 'case', statements: 'statement', sources: 'source', actors: 'actor', notes: 'note', events: 'event',
  attachments: 'attachment', reports: 'report', profiles: 'profile',
};

const DEFAULTS: Record<string, Input> = {
  case: { summary: '', status: 'open', priority: 'normal', tags: [], assignees: [], marking: 'internal', dueDate: null },
  statement: {
    speakerId: null, onBehalfOfId: null, saidAt: null, datePrecision: 'day', timezone: null, platform: null, handle: null, url: null,
    language: null, originalText: null, originalStatus: 'not_captured', publishedWording: null, publishedWordingLanguage: null,
    summary: '', hashtags: [], mentions: [], links: [], scriptureRefs: [], reliability: null, credibility: null, marking: 'internal',
  },
  source: {
    author: null, publisher: null, url: null, publishedAt: null, accessedAt: null, capturedBy: null, reliability: null,
    credibility: null, gradeRationale: '', notes: '', marking: 'internal',
  },
  actor: { nameOriginal: null, aliases: [], description: '', country: null },
  note: { pinned: false },
  event: { datePrecision: 'day', description: '' },
};

export function fakeCore(opts: { profiles?: Profile[]; unknown?: string[] } = {}) {
  const tables = new Map<string, Map<string, Rec>>();
  const caseItems: { caseId: string; itemType: string; itemId: string }[] = [];
  const citations: Rec[] = [];
  const relations: Rec[] = [];
  let seq = 0;
  const newId = () => `0190a1b2-c3d4-7e5f-8a9b-${String(++seq).padStart(12, '0')}`;
  const table = (t: string) => {
    let m = tables.get(t);
    if (!m) tables.set(t, (m = new Map()));
    return m;
  };
  for (const p of opts.profiles ?? []) table('profile').set(p.id, { ...p } as unknown as Rec);
  const unknown = new Set(opts.unknown ?? ['search.query', 'search.suggest']);

  const actorOf = (input: Input) => table('profile').get(String(input.as)) as unknown as Profile | undefined;
  const need = (input: Input, role: Role, action: string) => {
    if (!actorOf(input)?.roles.includes(role)) {
      throw new Refusal({ code: 'forbidden', message: `Only a profile with the ${role.replace('_', ' ')} role may ${action}.`, needsRole: role });
    }
  };
  const get = (type: string, id: string) => {
    const r = table(type).get(id);
    if (!r) throw new Refusal({ code: 'not_found', message: `No ${type} with id ${id}.`, field: 'id' });
    return r;
  };
  const create = (type: string, input: Input): Rec => {
    const { as, caseIds, ...fields } = input;
    const rec = {
      ...DEFAULTS[type], ...fields, id: newId(), rev: 1, createdAt: NOW, updatedAt: NOW, createdBy: as ?? null, updatedBy: as ?? null, deletedAt: null,
    } as Rec;
    if (type === 'statement' && rec.originalText) rec.originalStatus = 'captured';
    table(type).set(rec.id, rec);
    for (const c of (caseIds as string[] | undefined) ?? []) caseItems.push({ caseId: c, itemType: type, itemId: rec.id });
    return rec;
  };
  const update = (type: string, input: Input): Rec => {
    const { as: _as, id, rev, correctionReason, ...patch } = input;
    const cur = get(type, String(id));
    if (cur.rev !== rev) {
      throw new Refusal({ code: 'conflict', message: `This ${type} was changed by someone else since you opened it. Nothing was saved.`, current: { ...cur } });
    }
    if (type === 'statement' && cur.originalText != null && patch.originalText !== undefined && patch.originalText !== cur.originalText && !correctionReason) {
      throw new Refusal({ code: 'invalid_input', field: 'originalText', message: 'originalText: the captured original can only be changed as a correction' });
    }
    if (type === 'case' && patch.status !== undefined && patch.status !== cur.status) need(input, 'case_manager', "change a case's status");
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const next = { ...cur, ...defined, rev: cur.rev + 1, updatedAt: NOW } as Rec;
    if (type === 'statement' && next.originalText) next.originalStatus = 'captured';
    table(type).set(next.id, next);
    return next;
  };
  const setDeleted = (type: string, input: Input, deleted: boolean): Rec => {
    const cur = get(type, String(input.id));
    if (cur.rev !== input.rev) throw new Refusal({ code: 'conflict', message: 'Changed by someone else.', current: { ...cur } });
    const next = { ...cur, rev: cur.rev + 1, deletedAt: deleted ? NOW : null } as Rec;
    table(type).set(next.id, next);
    return next;
  };
  const page = (items: Rec[], input: Input) => {
    const limit = Number(input.limit ?? 100);
    const offset = Number(input.offset ?? 0);
    return { items: items.slice(offset, offset + limit), total: items.length, limit, offset };
  };
  const live = (type: string, input: Input) => [...table(type).values()].filter((r) => (input.trashed ? r.deletedAt : !r.deletedAt));
  const inCase = (type: string, caseId: unknown) => new Set(caseItems.filter((i) => i.caseId === caseId && i.itemType === type).map((i) => i.itemId));

  const handlers: Record<string, (input: Input) => unknown> = {
    'app.info': () => ({ version: '0.0.0-test', dataDir: '/tmp/x', schemaVersion: 1, profiles: table('profile').size }),
    'profiles.list': () => [...table('profile').values()],
    'profiles.create': (input) => {
      if (table('profile').size > 0) need(input, 'admin', 'manage profiles');
      if (!String(input.name ?? '').trim()) throw new Refusal({ code: 'invalid_input', field: 'name', message: 'name: must not be empty' });
      const { as: _as, ...fields } = input;
      const p = create('profile', fields);
      if (table('profile').size === 1 && !(p.roles as Role[]).includes('admin')) p.roles = [...(p.roles as Role[]), 'admin'];
      return p;
    },
    'sample.load': (input) => {
      const c = create('case', { as: input.as, title: "Al-Nujaba: 'militarily liberate Iraq' statement (November 2023)", status: 'active', marking: 'public' });
      return { caseId: c.id };
    },
    'cases.list': (input) => {
      let items = live('case', input);
      if (Array.isArray(input.status)) items = items.filter((c) => (input.status as string[]).includes(String(c.status)));
      return page(items, input);
    },
    'cases.create': (input) => {
      need(input, 'case_manager', 'open a case file');
      if (!String(input.title ?? '').trim()) throw new Refusal({ code: 'invalid_input', field: 'title', message: 'title: must not be empty' });
      return create('case', input);
    },
    'cases.forItem': (input) => caseItems
      .filter((i) => i.itemType === input.itemType && i.itemId === input.itemId)
      .map((i) => table('case').get(i.caseId))
      .filter((c): c is Rec => !!c && !c.deletedAt),
    'cases.items': (input) => caseItems.filter((i) => i.caseId === input.caseId).map((i) => ({ ...i, addedAt: NOW, addedBy: null })),
    'cases.addItem': (input) => { caseItems.push({ caseId: String(input.caseId), itemType: String(input.itemType), itemId: String(input.itemId) }); return { ...input, addedAt: NOW, addedBy: null }; },
    'cases.removeItem': (input) => {
      const i = caseItems.findIndex((x) => x.caseId === input.caseId && x.itemType === input.itemType && x.itemId === input.itemId);
      if (i < 0) throw new Refusal({ code: 'not_found', message: 'Not in this case.', field: 'itemId' });
      caseItems.splice(i, 1);
      return { ok: true };
    },
    'statements.list': (input) => {
      let items = live('statement', input);
      if (input.caseId) { const ids = inCase('statement', input.caseId); items = items.filter((s) => ids.has(s.id)); }
      if (input.speakerId) items = items.filter((s) => s.speakerId === input.speakerId || s.onBehalfOfId === input.speakerId);
      return page(items, input);
    },
    'statements.related': () => [],
    'sources.list': (input) => {
      let items = live('source', input);
      if (input.caseId) { const ids = inCase('source', input.caseId); items = items.filter((s) => ids.has(s.id)); }
      return page(items, input);
    },
    'actors.list': (input) => {
      let items = live('actor', input);
      if (input.text) items = items.filter((a) => JSON.stringify([a.name, a.nameOriginal, a.aliases]).toLowerCase().includes(String(input.text).toLowerCase()));
      return page(items, input);
    },
    'actors.relations': (input) => relations.filter((r) => r.fromActorId === input.actorId || r.toActorId === input.actorId),
    'actors.link': (input) => {
      const r = { id: newId(), rev: 1, deletedAt: null, fromActorId: input.fromActorId, relation: input.relation, toActorId: input.toActorId, note: input.note ?? '', createdAt: NOW, createdBy: input.as ?? null } as Rec;
      relations.push(r);
      return r;
    },
    'actors.unlink': (input) => { const i = relations.findIndex((r) => r.id === input.relationId); relations.splice(i, 1); return { ok: true }; },
    'citations.add': (input) => {
      const mine = citations.filter((c) => c.citingId === input.citingId);
      const c = {
        id: newId(), rev: 1, deletedAt: null, citingType: input.citingType, citingId: input.citingId, sourceId: input.sourceId,
        locator: input.locator ?? '', position: Number(input.position ?? mine.length), createdAt: NOW, createdBy: input.as ?? null,
      } as Rec;
      citations.push(c);
      return c;
    },
    'citations.reorder': (input) => {
      (input.order as string[]).forEach((id, i) => { const c = citations.find((x) => x.id === id); if (c) c.position = i; });
      return citations.filter((c) => c.citingId === input.citingId).sort((a, b) => Number(a.position) - Number(b.position));
    },
    'citations.remove': (input) => { const i = citations.findIndex((c) => c.id === input.id); citations.splice(i, 1); return { ok: true }; },
    'citations.list': (input) => citations.filter((c) => (!input.citingId || c.citingId === input.citingId) && (!input.sourceId || c.sourceId === input.sourceId)),
    'notes.list': (input) => live('note', input).filter((n) => n.targetType === input.targetType && n.targetId === input.targetId)
      .sort((a, b) => Number(b.pinned) - Number(a.pinned)),
    'notes.create': (input) => create('note', input),
    'events.list': (input) => live('event', input).filter((e) => e.caseId === input.caseId),
    'attachments.list': (input) => live('attachment', input).filter((a) => a.ownerId === input.ownerId),
    'attachments.add': (input) => {
      const data = input.data as Uint8Array;
      if (!(data instanceof Uint8Array)) throw new Refusal({ code: 'invalid_input', field: 'data', message: 'data: expected bytes' });
      return create('attachment', {
        as: input.as, ownerType: input.ownerType, ownerId: input.ownerId, originalName: input.fileName, size: data.length,
        mediaType: String(input.fileName).endsWith('.png') ? 'image/png' : 'application/octet-stream',
        sha256: `${data.length.toString(16).padStart(2, '0')}`.repeat(32), capturedAt: NOW, description: input.description ?? '',
      });
    },
    'audit.list': () => [],
    'trash.list': () => [...tables.entries()].flatMap(([t, m]) => [...m.values()].filter((r) => r.deletedAt).map((r) => ({
      recordType: t, id: r.id, title: String(r.title ?? r.name ?? r.summary ?? ''), deletedAt: String(r.deletedAt), rev: r.rev,
    }))),
    // --- translations: the workflow's rules the UI relies on (domain.md, "Translation workflow") ---
    ...((): Record<string, (input: Input) => unknown> => {
      type Tr = TranslationView['translation'];
      const translations = () => [...table('translation').values()] as unknown as Tr[];
      const revisions = (translationId: string) => ([...table('translation_revision').values()] as unknown as TranslationRevision[])
        .filter((r) => r.translationId === translationId).sort((a, b) => a.number - b.number);
      const commentsOf = (translationId: string) => {
        const ids = new Set(revisions(translationId).map((r) => r.id));
        return ([...table('translation_comment').values()] as unknown as TranslationComment[]).filter((c) => ids.has(c.revisionId));
      };
      const isApproved = (r: TranslationRevision) => (r.state === 'approved' || r.state === 'final') && r.approvalValid === true;
      const view = (t: Tr): TranslationView => {
        const all = revisions(t.id);
        return { translation: t, latest: all[all.length - 1]!, approved: [...all].reverse().find(isApproved) ?? null, comments: commentsOf(t.id), problems: [], approvalOutdated: null };
      };
      const saveRev = (r: TranslationRevision) => {
        const text = approvalText(r.segments);
        table('translation_revision').set(r.id, { ...r, text, xliffState: XLIFF_STATE[r.state] } as unknown as Rec);
      };
      const touch = (t: Tr, as: unknown) => {
        const next = { ...t, rev: t.rev + 1, updatedAt: NOW, updatedBy: (as as string) ?? null };
        table('translation').set(t.id, next as unknown as Rec);
        return view(next);
      };
      const load = (input: Input) => {
        const t = table('translation').get(String(input.id)) as unknown as Tr | undefined;
        if (!t) throw new Refusal({ code: 'not_found', message: `No translation with id ${String(input.id)}.`, field: 'id' });
        if (t.rev !== input.rev) {
          throw new Refusal({ code: 'conflict', message: `This translation was changed by someone else since you opened it (you have revision ${String(input.rev)}, the saved one is ${t.rev}). Nothing was saved.`, current: view(t) });
        }
        const all = revisions(t.id);
        return { t, latest: all[all.length - 1]! };
      };
      const nameOf = (id: unknown) => String((table('profile').get(String(id)) as unknown as Profile | undefined)?.name ?? id);
      /** A draft changes in place; any other state (but in review) gets a new draft revision. */
      const revise = (t: Tr, latest: TranslationRevision, segments: TranslationSegment[], as: string) => {
        if (latest.state === 'in_review') {
          throw new Refusal({ code: 'conflict', message: `Revision ${latest.number} is in review and cannot be changed until the reviewer approves it or requests changes.`, current: view(t) });
        }
        if (latest.state === 'draft') { saveRev({ ...latest, segments, editedBy: [...new Set([...latest.editedBy, as])] }); return; }
        saveRev({
          ...latest, id: newId(), number: latest.number + 1, state: 'draft', segments, translatorId: as, basedOnId: latest.id, origin: 'edit',
          editedBy: [...new Set([...latest.editedBy, ...(latest.translatorId ? [latest.translatorId] : []), as])], createdAt: NOW,
          submittedAt: null, submittedBy: null, reviewedBy: null, reviewedAt: null, approvedSha256: null, approvalValid: null, publishedAt: null, publishedBy: null,
        });
      };
      const memory: { source: string; target: string; sourceLang: string; targetLang: string; from: MemoryMatch['from'] }[] = [];
      const words = (s: string) => s.toLowerCase().split(/[\s.,،؛!?؟«»:]+/u).filter(Boolean);
      return {
        'translations.list': (input) => translations().filter((t) => t.statementId === input.statementId).map(view),
        'translations.get': (input) => { const t = translations().find((x) => x.statementId === input.statementId && x.targetLang === input.targetLang); return t ? view(t) : null; },
        'translations.start': (input) => {
          need(input, 'analyst', 'translate statements');
          const st = get('statement', String(input.statementId));
          const lang = String(input.targetLang ?? 'en');
          if (translations().some((x) => x.statementId === st.id && x.targetLang === lang)) throw new Refusal({ code: 'conflict', message: `This statement already has a translation into ${lang}; open it instead.` });
          if (st.originalText == null) throw new Refusal({ code: 'invalid_input', field: 'statementId', message: 'statementId: the original of this statement was not captured, so there is nothing to segment and translate' });
          const t: Tr = { id: newId(), statementId: st.id, sourceLang: (st.language as string | null) ?? null, targetLang: lang, rev: 1, createdAt: NOW, createdBy: String(input.as), updatedAt: NOW, updatedBy: String(input.as) };
          table('translation').set(t.id, t as unknown as Rec);
          saveRev({
            id: newId(), translationId: t.id, number: 1, state: 'draft', xliffState: 'initial', segments: initialSegments(String(st.originalText), st.language as string | null), text: '',
            translatorId: String(input.as), editedBy: [], basedOnId: null, origin: 'start', createdAt: NOW, submittedAt: null, submittedBy: null, reviewedBy: null,
            reviewedAt: null, approvedSha256: null, approvalValid: null, publishedAt: null, publishedBy: null, publishedWithoutOriginal: false,
          });
          return view(t);
        },
        'translations.edit': (input) => {
          need(input, 'analyst', 'translate statements');
          const { t, latest } = load(input);
          const patch = new Map((input.segments as { id: string; target?: string; note?: string }[]).map((p) => [p.id, p]));
          const unknownIds = [...patch.keys()].filter((id) => !latest.segments.some((s) => s.id === id));
          if (unknownIds.length) throw new Refusal({ code: 'invalid_input', field: 'segments', message: `segments: revision ${latest.number} has no segment ${unknownIds.join(', ')}` });
          const next = latest.segments.map((s) => { const p = patch.get(s.id); return p ? { ...s, target: p.target ?? s.target, note: p.note ?? s.note } : s; });
          if (JSON.stringify(next) === JSON.stringify(latest.segments)) return view(t);
          revise(t, latest, next, String(input.as));
          return touch(t, input.as);
        },
        'translations.segment': (input) => {
          need(input, 'analyst', 'segment translations');
          const { t, latest } = load(input);
          const original = String(get('statement', t.statementId).originalText ?? '');
          const used = revisions(t.id).flatMap((r) => r.segments.map((s) => s.id));
          const next = input.action === 'merge'
            ? mergeSegments(latest.segments, original, String(input.segmentId))
            : splitSegment(latest.segments, original, String(input.segmentId), Number(input.at), nextSegmentId(used));
          revise(t, latest, next, String(input.as));
          return touch(t, input.as);
        },
        'translations.submit': (input) => {
          need(input, 'analyst', 'submit translations for review');
          const { t, latest } = load(input);
          if (latest.state !== 'draft') throw new Refusal({ code: 'conflict', message: `Only a draft can be submitted for review; revision ${latest.number} is ${latest.state}.`, current: view(t) });
          const empty = latest.segments.filter((s) => !s.target.trim()).map((s) => s.id);
          if (empty.length) throw new Refusal({ code: 'invalid_input', field: 'id', message: `id: segment ${empty.join(', ')} ${empty.length === 1 ? 'has' : 'have'} no translation yet` });
          saveRev({ ...latest, state: 'in_review', submittedAt: NOW, submittedBy: String(input.as) });
          return touch(t, input.as);
        },
        'translations.approve': (input) => {
          need(input, 'reviewer', 'approve translations');
          const { t, latest } = load(input);
          if (latest.state !== 'in_review') throw new Refusal({ code: 'conflict', message: `Only a revision in review can be approved; revision ${latest.number} is ${latest.state}.`, current: view(t) });
          const me = String(input.as);
          if (latest.translatorId === me || latest.editedBy.includes(me)) {
            throw new Refusal({ code: 'forbidden', message: `${nameOf(me)} cannot approve revision ${latest.number}: they ${latest.translatorId === me ? 'are its translator' : 'wrote or edited segments of it'}. Four eyes: a translation is approved by a reviewer who did not write or edit it.` });
          }
          saveRev({ ...latest, state: 'approved', reviewedBy: me, reviewedAt: NOW, approvedSha256: 'a'.repeat(64), approvalValid: true });
          for (const s of latest.segments) {
            if (s.source && s.target && t.sourceLang) memory.unshift({ source: s.source, target: s.target, sourceLang: t.sourceLang, targetLang: t.targetLang, from: { statementId: t.statementId, translationId: t.id, revisionId: latest.id, revisionNumber: latest.number, segmentId: s.id, approvedAt: NOW, approvedBy: me } });
          }
          return touch(t, input.as);
        },
        'translations.requestChanges': (input) => {
          need(input, 'reviewer', 'request changes to translations');
          const { t, latest } = load(input);
          if (latest.state !== 'in_review') throw new Refusal({ code: 'conflict', message: `Changes can only be requested on a revision in review; revision ${latest.number} is ${latest.state}.`, current: view(t) });
          const perSegment = ((input.segmentComments ?? []) as { segmentId: string; body: string }[]).filter((c) => c.body.trim());
          const comment = String(input.comment ?? '');
          if (!comment.trim() && perSegment.length === 0) {
            throw new Refusal({ code: 'invalid_input', field: 'comment', message: 'comment: a change request needs a comment saying what to change (on the revision or on a segment)' });
          }
          const add = (segmentId: string | null, body: string) => { const id = newId(); table('translation_comment').set(id, { id, revisionId: latest.id, segmentId, authorId: input.as, kind: 'change_request', body, createdAt: NOW } as unknown as Rec); };
          if (comment.trim()) add(null, comment);
          for (const c of perSegment) add(c.segmentId, c.body);
          saveRev({ ...latest, state: 'changes_requested', reviewedBy: String(input.as), reviewedAt: NOW });
          return touch(t, input.as);
        },
        'translations.comment': (input) => {
          const r = table('translation_revision').get(String(input.revisionId));
          if (!r) throw new Refusal({ code: 'not_found', message: 'No such revision.', field: 'revisionId' });
          if (!String(input.body ?? '').trim()) throw new Refusal({ code: 'invalid_input', field: 'body', message: 'body: a comment cannot be empty' });
          const c = { id: newId(), revisionId: r.id, segmentId: input.segmentId ?? null, authorId: input.as, kind: 'comment', body: input.body, createdAt: NOW };
          table('translation_comment').set(c.id, c as unknown as Rec);
          return c;
        },
        'translations.history': (input) => {
          const t = table('translation').get(String(input.id)) as unknown as Tr | undefined;
          if (!t) throw new Refusal({ code: 'not_found', message: `No translation with id ${String(input.id)}.`, field: 'id' });
          return { translation: t, revisions: revisions(t.id), comments: commentsOf(t.id) };
        },
        'translations.queue': (input) => {
          const items = translations().map(view).filter((v) => v.latest.state === 'in_review')
            .filter((v) => !input.targetLang || v.translation.targetLang === input.targetLang)
            .filter((v) => !input.translatorId || v.latest.translatorId === input.translatorId)
            .filter((v) => !input.caseId || inCase('statement', input.caseId).has(v.translation.statementId))
            .map((v) => ({
              translationId: v.translation.id, rev: v.translation.rev, statementId: v.translation.statementId,
              statementTitle: String(get('statement', v.translation.statementId).summary || 'Statement'),
              caseIds: caseItems.filter((i) => i.itemId === v.translation.statementId).map((i) => i.caseId), revisionId: v.latest.id,
              number: v.latest.number, sourceLang: v.translation.sourceLang, targetLang: v.translation.targetLang, translatorId: v.latest.translatorId,
              editedBy: v.latest.editedBy, submittedAt: v.latest.submittedAt, submittedBy: v.latest.submittedBy, segments: v.latest.segments.length,
              ownWork: v.latest.translatorId === input.as || v.latest.editedBy.includes(String(input.as)),
            }));
          return page(items as unknown as Rec[], input);
        },
        'translations.diff': (input) => {
          const r = table('translation_revision').get(String(input.revisionId)) as unknown as TranslationRevision | undefined;
          if (!r) throw new Refusal({ code: 'not_found', message: 'No such revision.', field: 'revisionId' });
          const base = revisions(r.translationId).filter((x) => x.number < r.number && isApproved(x)).pop() ?? null;
          return { revision: r, base };
        },
        'translations.suggest': (input) => {
          const mine = words(String(input.source));
          const min = Number(input.minScore ?? 60);
          const matches = memory.filter((m) => m.sourceLang === input.sourceLang && m.targetLang === input.targetLang).flatMap((m) => {
            if (m.source === input.source) return [{ ...m, kind: 'exact', score: 100, uses: 1 }];
            const theirs = words(m.source);
            const shared = mine.filter((w) => theirs.includes(w)).length;
            const score = Math.round((200 * shared) / (mine.length + theirs.length));
            return score >= min ? [{ ...m, kind: 'fuzzy', score: Math.min(score, 99), uses: 1 }] : [];
          });
          return { matches: matches.sort((a, b) => b.score - a.score).slice(0, Number(input.limit ?? 5)) };
        },
      };
    })(),
  };

  const answer = (method: string, input: Input): Result<unknown> => {
    try {
      if (unknown.has(method)) throw new Refusal({ code: 'unknown_method', message: `Unknown method: ${method}` });
      const h = handlers[method];
      if (h) return { ok: true, value: structuredClone(h(input)) };
      const [domain, verb] = method.split('.') as [string, string];
      const type = DOMAINS[domain];
      if (type) {
        if (verb === 'get') return { ok: true, value: structuredClone(get(type, String(input.id))) };
        if (verb === 'create') return { ok: true, value: structuredClone(create(type, input)) };
        if (verb === 'update') return { ok: true, value: structuredClone(update(type, input)) };
        if (verb === 'trash') return { ok: true, value: structuredClone(setDeleted(type, input, true)) };
        if (verb === 'restore') return { ok: true, value: structuredClone(setDeleted(type, input, false)) };
      }
      throw new Refusal({ code: 'unknown_method', message: `Unknown method: ${method}` });
    } catch (err) {
      if (err instanceof Refusal) return { ok: false, error: err.body };
      throw err;
    }
  };

  let menu: ((p: { command: 'case.new' }) => void) | null = null;
  const bridge = {
    invoke: vi.fn(async (method: string, input: unknown) => answer(method, (input ?? {}) as Input)),
    on: vi.fn((_e: 'menu', h: (p: { command: 'case.new' }) => void) => { menu = h; return () => { menu = null; }; }),
    openExternal: vi.fn(async () => true),
  };

  return {
    bridge,
    install() { window.casefile = bridge as unknown as CasefileBridge; },
    calls: (method: string) => bridge.invoke.mock.calls.filter(([m]) => m === method).map(([, i]) => i as Input),
    menu: (command: 'case.new') => menu?.({ command }),
    all: (type: string) => [...table(type).values()],
    get: (type: string, id: string) => table(type).get(id),
    /** Creates a record directly, as if someone else had. */
    seed: (type: string, fields: Input, caseIds: string[] = []) => create(type, { ...fields, caseIds }),
    /** Changes a record as someone else would, bumping its rev. */
    change: (type: string, id: string, patch: Input) => {
      const cur = get(type, id);
      const next = { ...cur, ...patch, rev: cur.rev + 1 } as Rec;
      table(type).set(id, next);
      return next;
    },
    inCase: (caseId: string, type: string) => [...inCase(type, caseId)],
    relations: () => relations,
    link: (fromActorId: string, relation: string, toActorId: string) => handlers['actors.link']!({ fromActorId, relation, toActorId, note: '' }),
    /** A citation made directly, as if earlier. */
    cite: (citingId: string, sourceId: string) => handlers['citations.add']!({ citingType: 'statement', citingId, sourceId }),
    /** Many statements in one case, created cheaply. */
    bulkStatements: (caseId: string, n: number) => {
      for (let i = 0; i < n; i++) {
        const s = create('statement', { summary: `Statement number ${i + 1}`, saidAt: '2023-11-01' });
        caseItems.push({ caseId, itemType: 'statement', itemId: s.id });
      }
    },
  };
}

export type FakeCore = ReturnType<typeof fakeCore>;

export function profile(name: string, roles: Role[], n = 1): Profile {
  return {
    id: `0190a1b2-c3d4-7e5f-8a9b-${String(900 + n).padStart(12, '0')}`, rev: 1, createdAt: NOW, updatedAt: NOW,
    createdBy: null, updatedBy: null, deletedAt: null, name, initials: name.split(' ').map((w) => w[0]).join(''), roles,
  };
}
