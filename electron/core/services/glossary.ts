/**
 * The desk's glossary (termbase): one entry per source term and language pair. Analysts read
 * it (the editor highlights its terms, the QA checks hold targets to it); reviewers and case
 * managers keep it (permissions.ts). Every write is one audited transaction.
 */
import type { GlossaryTerm } from '../../../shared/domain';
import { foldText } from '../../../shared/text/fold';
import { actorId, type Actor } from './acting';
import { diff } from './diff';
import type { Changes } from '../audit/chain';
import { requirePermission } from './permissions';
import { record } from './record';
import type { CoreState } from './state';
import { write } from './write';
import { CoreError } from '../errors';
import { canonicalLang } from './lang';

type Row = Record<string, unknown>;

export interface TermFields {
  sourceLang: string; targetLang: string; term: string; renderings: string[]; forbidden: string[]; notes: string;
}

/** The key two spellings of one term share: folded, spaces collapsed. */
export const termKey = (term: string) => foldText(term).trim().replace(/\s+/gu, ' ');

function toTerm(r: Row): GlossaryTerm {
  return {
    id: r.id as string, rev: r.rev as number, sourceLang: r.source_lang as string, targetLang: r.target_lang as string,
    term: r.term as string, renderings: JSON.parse(r.renderings as string) as string[], forbidden: JSON.parse(r.forbidden as string) as string[],
    notes: r.notes as string, createdAt: r.created_at as string, createdBy: (r.created_by as string | null) ?? null,
    updatedAt: r.updated_at as string, updatedBy: (r.updated_by as string | null) ?? null, deletedAt: (r.deleted_at as string | null) ?? null,
  };
}

export function listTerms(s: CoreState, q: { sourceLang?: string; targetLang?: string; trashed?: boolean } = {}): GlossaryTerm[] {
  const where = [q.trashed ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL'];
  const params: string[] = [];
  if (q.sourceLang) { where.push('source_lang = ?'); params.push(canonicalLang(q.sourceLang, 'sourceLang')); }
  if (q.targetLang) { where.push('target_lang = ?'); params.push(canonicalLang(q.targetLang, 'targetLang')); }
  return (s.db.prepare(`SELECT * FROM glossary_terms WHERE ${where.join(' AND ')} ORDER BY source_lang, target_lang, term_folded, id`).all(...params) as Row[]).map(toTerm);
}

/** The terms that apply to a translation's language pair (its source language may be unknown). */
export function termsFor(s: CoreState, sourceLang: string | null, targetLang: string): GlossaryTerm[] {
  if (!sourceLang) return [];
  const primary = (t: string) => (t.split('-')[0] as string).toLowerCase();
  return listTerms(s).filter((t) => primary(t.sourceLang) === primary(sourceLang) && primary(t.targetLang) === primary(targetLang));
}

function getTerm(s: CoreState, id: string): GlossaryTerm {
  const r = s.db.prepare('SELECT * FROM glossary_terms WHERE id = ?').get(id) as Row | undefined;
  if (!r) throw CoreError.notFound('glossary term', id);
  return toTerm(r);
}

function findByKey(s: CoreState, sourceLang: string, targetLang: string, key: string): GlossaryTerm | null {
  const r = s.db.prepare('SELECT * FROM glossary_terms WHERE source_lang = ? AND target_lang = ? AND term_folded = ? AND deleted_at IS NULL')
    .get(sourceLang, targetLang, key) as Row | undefined;
  return r ? toTerm(r) : null;
}

/** Trims, drops empty and repeated renderings; a rendering both approved and forbidden is refused. */
function cleanFields(f: TermFields, field = ''): TermFields {
  const uniq = (xs: string[]) => [...new Map(xs.map((x) => x.trim()).filter(Boolean).map((x) => [x.toLocaleLowerCase(), x])).values()];
  const renderings = uniq(f.renderings);
  const forbidden = uniq(f.forbidden);
  if (renderings.length === 0) throw CoreError.invalid(`${field}renderings`, 'a term needs at least one approved rendering');
  const both = renderings.find((r) => forbidden.some((x) => x.toLocaleLowerCase() === r.toLocaleLowerCase()));
  if (both) throw CoreError.invalid(`${field}forbidden`, `“${both}” is listed as both approved and forbidden`);
  const sourceLang = canonicalLang(f.sourceLang, `${field}sourceLang`);
  const targetLang = canonicalLang(f.targetLang, `${field}targetLang`);
  if (sourceLang.split('-')[0] === targetLang.split('-')[0]) throw CoreError.invalid(`${field}targetLang`, 'the target language must differ from the source language');
  const term = f.term.trim();
  if (!termKey(term)) throw CoreError.invalid(`${field}term`, 'the term has no letters or digits');
  return { sourceLang, targetLang, term, renderings, forbidden, notes: f.notes };
}

const asChanges = (t: GlossaryTerm) => ({ sourceLang: t.sourceLang, targetLang: t.targetLang, term: t.term, renderings: t.renderings, forbidden: t.forbidden, notes: t.notes });

/** Inserts a new term (no permission check, no transaction: the callers own both). */
export function insertTerm(s: CoreState, actor: Actor, fields: TermFields): GlossaryTerm {
  const f = cleanFields(fields);
  const existing = findByKey(s, f.sourceLang, f.targetLang, termKey(f.term));
  if (existing) {
    throw new CoreError('conflict', `The glossary already has “${existing.term}” (${f.sourceLang} → ${f.targetLang}); edit that entry instead.`, { current: existing });
  }
  const now = s.now();
  const t: GlossaryTerm = {
    id: s.newId(), rev: 1, ...f, createdAt: now, createdBy: actorId(actor), updatedAt: now, updatedBy: actorId(actor), deletedAt: null,
  };
  s.db.prepare(`INSERT INTO glossary_terms (id, rev, source_lang, target_lang, term, term_folded, renderings, forbidden, notes, created_at, created_by, updated_at, updated_by, deleted_at)
    VALUES (@id, @rev, @sourceLang, @targetLang, @term, @key, @renderings, @forbidden, @notes, @createdAt, @createdBy, @updatedAt, @updatedBy, NULL)`)
    .run({ ...t, key: termKey(t.term), renderings: JSON.stringify(t.renderings), forbidden: JSON.stringify(t.forbidden) });
  record(s, actor, 'glossary.create', 'glossary_term', t.id, diff(null, asChanges(t)), 'insert');
  return t;
}

function saveTerm(s: CoreState, actor: Actor, current: GlossaryTerm, next: GlossaryTerm, action: string): GlossaryTerm {
  const changes = diff(asChanges(current), asChanges(next));
  if (Object.keys(changes).length === 0 && current.deletedAt === next.deletedAt) return current;
  const saved = { ...next, rev: current.rev + 1, updatedAt: s.now(), updatedBy: actorId(actor) };
  s.db.prepare(`UPDATE glossary_terms SET rev = @rev, source_lang = @sourceLang, target_lang = @targetLang, term = @term, term_folded = @key,
    renderings = @renderings, forbidden = @forbidden, notes = @notes, updated_at = @updatedAt, updated_by = @updatedBy, deleted_at = @deletedAt WHERE id = @id`)
    .run({ ...saved, key: termKey(saved.term), renderings: JSON.stringify(saved.renderings), forbidden: JSON.stringify(saved.forbidden) });
  const extra: Changes = current.deletedAt !== next.deletedAt ? { deletedAt: [current.deletedAt, next.deletedAt] } : {};
  record(s, actor, action, 'glossary_term', saved.id, { ...changes, ...extra }, next.deletedAt ? 'delete' : 'update');
  return saved;
}

/** Replaces a term's fields (import, update): no permission check, no transaction. */
export function replaceTerm(s: CoreState, actor: Actor, current: GlossaryTerm, fields: TermFields): GlossaryTerm {
  const f = cleanFields(fields);
  const other = findByKey(s, f.sourceLang, f.targetLang, termKey(f.term));
  if (other && other.id !== current.id) {
    throw new CoreError('conflict', `The glossary already has “${other.term}” (${f.sourceLang} → ${f.targetLang}).`, { current: other });
  }
  return saveTerm(s, actor, current, { ...current, ...f }, 'glossary.update');
}

export { findByKey };

function checkRev(t: GlossaryTerm, rev: number): void {
  if (t.rev !== rev) {
    throw new CoreError('conflict', `This glossary term was changed by someone else since you opened it (you have revision ${rev}, the saved one is ${t.rev}). Nothing was saved.`, { current: t });
  }
}

export const glossaryService = {
  list: listTerms,
  create: (s: CoreState, actor: Actor, fields: TermFields) => write(s, () => {
    requirePermission(actor, 'glossary.edit');
    return insertTerm(s, actor, fields);
  }),
  update: (s: CoreState, actor: Actor, id: string, rev: number, patch: Partial<TermFields>) => write(s, () => {
    requirePermission(actor, 'glossary.edit');
    const current = getTerm(s, id);
    if (current.deletedAt) throw new CoreError('not_found', `The glossary term ${id} is in the trash; restore it first.`, { field: 'id' });
    checkRev(current, rev);
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<TermFields>;
    return replaceTerm(s, actor, current, { ...asChanges(current), ...defined });
  }),
  trash: (s: CoreState, actor: Actor, id: string, rev: number, restore: boolean) => write(s, () => {
    requirePermission(actor, 'glossary.edit', restore ? 'restore glossary terms' : 'move glossary terms to the trash');
    const current = getTerm(s, id);
    checkRev(current, rev);
    if (!!current.deletedAt === !restore) return current;
    if (restore) {
      const other = findByKey(s, current.sourceLang, current.targetLang, termKey(current.term));
      if (other) throw new CoreError('conflict', `The glossary has “${other.term}” again (${current.sourceLang} → ${current.targetLang}); edit that entry instead.`, { current: other });
    }
    return saveTerm(s, actor, current, { ...current, deletedAt: restore ? null : s.now() }, restore ? 'glossary.restore' : 'glossary.trash');
  }),
};
