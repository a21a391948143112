import { GlossaryFields } from '../../../shared/domain';
import { handlerGroup } from './types';
import { findByKey, glossaryService, insertTerm, listTerms, replaceTerm, termKey, type TermFields } from './glossary';
import { requirePermission } from './permissions';
import { write } from './write';
import { CoreError } from '../errors';
import { GlossaryFileError, termsFromCsv, termsFromTbx, termsToCsv, termsToTbx, type ParsedTerm } from '../io/glossaryFiles';
import { canonicalLang, mustGetTranslation } from './translations';
import { latestRevision } from '../db/repos/translations';
import { overrideQa, qaFindings } from './qa';

const MAX_SHOWN = 20;

function refuseFile(problems: string[]): never {
  const more = problems.length > MAX_SHOWN ? `; and ${problems.length - MAX_SHOWN} more` : '';
  throw CoreError.invalid('text', `The glossary file was refused and nothing was imported: ${problems.slice(0, MAX_SHOWN).join('; ')}${more}.`);
}

export const glossaryHandlers = handlerGroup({
  'glossary.list': (s, _a, q) => listTerms(s, q),
  'glossary.create': (s, actor, { as: _as, ...fields }) => glossaryService.create(s, actor, fields as TermFields),
  'glossary.update': (s, actor, { as: _as, id, rev, ...patch }) => glossaryService.update(s, actor, id, rev, patch),
  'glossary.trash': (s, actor, { id, rev }) => glossaryService.trash(s, actor, id, rev, false),
  'glossary.restore': (s, actor, { id, rev }) => glossaryService.trash(s, actor, id, rev, true),

  'glossary.import': (s, actor, { format, text, sourceLang }) => {
    requirePermission(actor, 'glossary.edit', 'import a glossary');
    let parsed: ParsedTerm[];
    try {
      parsed = format === 'csv' ? termsFromCsv(text) : termsFromTbx(text, sourceLang);
    } catch (e) {
      if (e instanceof GlossaryFileError) refuseFile(e.problems);
      throw e;
    }
    if (format === 'csv' && sourceLang) for (const p of parsed) p.fields.sourceLang ||= sourceLang;
    return write(s, () => {
      const problems: string[] = [];
      const seen = new Map<string, number>();
      let added = 0; let updated = 0; let unchanged = 0;
      for (const p of parsed) {
        // The same limits as a term typed into the form (lengths, well-formed text).
        const valid = GlossaryFields.safeParse(p.fields);
        if (!valid.success) {
          const issue = valid.error.issues[0];
          problems.push(`line ${p.line}: ${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}`);
          continue;
        }
        try {
          const src = canonicalLang(p.fields.sourceLang || '', 'source_lang');
          const trg = canonicalLang(p.fields.targetLang || '', 'target_lang');
          const key = `${src}|${trg}|${termKey(p.fields.term)}`;
          const first = seen.get(key);
          if (first !== undefined) { problems.push(`line ${p.line}: “${p.fields.term}” (${src} → ${trg}) is already on line ${first}`); continue; }
          seen.set(key, p.line);
          const existing = findByKey(s, src, trg, termKey(p.fields.term));
          if (!existing) { insertTerm(s, actor, p.fields); added++; continue; }
          const saved = replaceTerm(s, actor, existing, { ...p.fields, notes: p.fields.notes || existing.notes });
          if (saved.rev === existing.rev) unchanged++; else updated++;
        } catch (e) {
          if (e instanceof CoreError) problems.push(`line ${p.line}: ${e.body.message}`);
          else throw e;
        }
      }
      // Every problem is named, then the transaction is rolled back: all or nothing.
      if (problems.length) refuseFile(problems);
      return { added, updated, unchanged };
    });
  },

  'glossary.export': (s, _a, { format, sourceLang, targetLang }) => {
    const terms = listTerms(s, { sourceLang, targetLang });
    const pair = sourceLang || targetLang ? `-${sourceLang ?? 'all'}-${targetLang ?? 'all'}` : '';
    return {
      text: format === 'csv' ? termsToCsv(terms) : termsToTbx(terms),
      fileName: `glossary${pair}.${format === 'csv' ? 'csv' : 'tbx'}`,
      terms: terms.length,
    };
  },

  'translations.qa': (s, _a, { id }) => {
    const t = mustGetTranslation(s, id);
    const r = latestRevision(s.db, t.id);
    return { revisionId: r.id, findings: qaFindings(s, t, r) };
  },
  'translations.overrideQa': (s, actor, { as: _as, ...q }) => overrideQa(s, actor, q),
});
