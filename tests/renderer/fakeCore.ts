/**
 * An in-memory stand-in for the Core behind window.casefile: enough of the contract for the
 * renderer's flows, with the Core's habits that matter to the UI (rev checks that answer
 * `conflict` with the saved record, role refusals with `needsRole`, field-named errors).
 * The renderer cannot tell it from the preload.
 */
import { vi } from 'vitest';
import type { Profile, Role } from '../../shared/domain';
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
