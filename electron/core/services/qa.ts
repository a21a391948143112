/**
 * QA before review (issue 14): the checks of shared/text/qa.ts on the latest revision, with the
 * desk's glossary for its language pair, and the overrides translators gave with a reason. An
 * override names the segment's target as it was (its SHA-256): editing that target reopens it.
 */
import { createHash } from 'node:crypto';
import type { QaCheck, QaFinding, TranslationRevision, Translation } from '../../../shared/domain';
import { qaSegments } from '../../../shared/text/qa';
import { getTranslation, latestRevision } from '../db/repos/translations';
import { CoreError } from '../errors';
import { actorId, type Actor } from './acting';
import { termsFor } from './glossary';
import { requirePermission } from './permissions';
import { record } from './record';
import type { CoreState } from './state';
import { write } from './write';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

interface OverrideRow { segment_id: string; target_sha256: string; check_name: string; subject: string; reason: string; created_by: string | null; created_at: string }

export function qaFindings(s: CoreState, t: Translation, r: TranslationRevision): QaFinding[] {
  const issues = qaSegments(r.segments, termsFor(s, t.sourceLang, t.targetLang));
  if (issues.length === 0) return [];
  const rows = s.db.prepare('SELECT * FROM qa_overrides WHERE translation_id = ?').all(t.id) as OverrideRow[];
  const targets = new Map(r.segments.map((x) => [x.id, sha256(x.target)]));
  return issues.map((i) => {
    const o = rows.find((row) => row.segment_id === i.segmentId && row.check_name === i.check && row.subject === i.subject && row.target_sha256 === targets.get(i.segmentId));
    return { ...i, override: o ? { reason: o.reason, by: o.created_by, at: o.created_at } : null };
  });
}

/** Refuses a submission while a finding has no override, naming each (segment numbers as the editor shows them). */
export function requireQaPassed(s: CoreState, t: Translation, r: TranslationRevision): void {
  const open = qaFindings(s, t, r).filter((f) => f.override === null);
  if (open.length === 0) return;
  const position = (id: string) => r.segments.findIndex((x) => x.id === id) + 1;
  const shown = open.slice(0, 10).map((f) => `segment ${position(f.segmentId)}: ${f.message}`);
  const more = open.length > 10 ? `; and ${open.length - 10} more` : '';
  throw new CoreError(
    'invalid_input',
    `Not submitted: ${open.length} QA finding${open.length === 1 ? '' : 's'} to fix or override with a reason: ${shown.join('; ')}${more}.`,
    { field: 'id' },
  );
}

export function overrideQa(s: CoreState, actor: Actor, q: { id: string; segmentId: string; check: QaCheck; subject: string; reason: string }) {
  return write(s, () => {
    requirePermission(actor, 'translations.translate', 'override QA findings');
    const t = getTranslation(s.db, q.id);
    if (!t) throw CoreError.notFound('translation', q.id);
    const r = latestRevision(s.db, t.id);
    const finding = qaFindings(s, t, r).find((f) => f.segmentId === q.segmentId && f.check === q.check && f.subject === q.subject);
    if (!finding) throw CoreError.invalid('check', `revision ${r.number} has no ${q.check} finding “${q.subject}” on segment ${q.segmentId} (it may be fixed already)`);
    if (finding.override) return { revisionId: r.id, findings: qaFindings(s, t, r) };
    const seg = r.segments.find((x) => x.id === q.segmentId);
    const id = s.newId();
    s.db.prepare(`INSERT INTO qa_overrides (id, translation_id, segment_id, target_sha256, check_name, subject, reason, created_by, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, t.id, q.segmentId, sha256(seg?.target ?? ''), q.check, q.subject, q.reason.trim(), actorId(actor), s.now());
    record(s, actor, 'translation.qa_override', 'translation', t.id, {
      revision: [null, r.number], segment: [null, q.segmentId], check: [null, q.check], subject: [null, q.subject], reason: [null, q.reason.trim()],
    }, 'update');
    return { revisionId: r.id, findings: qaFindings(s, t, r) };
  });
}
