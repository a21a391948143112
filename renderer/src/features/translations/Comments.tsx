import { useId } from 'react';
import type { FormEvent } from 'react';
import type { TranslationComment } from '../../../../shared/domain';
import { ErrorNote } from '../../components/Field';
import { formatStamp } from '../../components/format';
import { B, Written } from '../../components/text';
import { useComposer } from '../../data/composers';
import { useProfiles } from '../../data/lookups';
import { useApiMutation } from '../../data/query';
import { useTranslation } from 'react-i18next';

/** A list of comments: author, when, on which revision, and whether it asked for changes. */
export function CommentList({ comments, numberOf, label, currentRevisionId }: {
  comments: readonly TranslationComment[];
  /** The revision number of a revision id, when known. */
  numberOf(revisionId: string): number | undefined;
  label: string;
  currentRevisionId?: string;
}) {
  const profiles = useProfiles();
  const { t } = useTranslation('translations');
  if (comments.length === 0) return null;
  return (
    <ul className="plain-list tr-comments" aria-label={label}>
      {comments.map((c) => {
        const n = numberOf(c.revisionId);
        return (
          <li key={c.id} className={`tr-comment${c.kind === 'change_request' ? ' is-request' : ''}`}>
            <div className="tr-comment-head small">
              {c.kind === 'change_request' ? <span className="chip tr-request">{t('comments.changeRequested')}</span> : null}
              <B className="tr-comment-author">{profiles.name(c.authorId)}</B>
              <span className="muted">
                {formatStamp(c.createdAt)}
                {n !== undefined ? (c.revisionId === currentRevisionId ? t('comments.thisRevision') : t('comments.revision', { n: String(n) })) : ''}
              </span>
            </div>
            <Written text={c.body} className="tr-comment-body" />
          </li>
        );
      })}
    </ul>
  );
}

/** A comment form for a revision or one of its segments; what is typed waits there until sent (data/composers.ts). */
export function AddComment({ revisionId, segmentId, label, onDone }: { revisionId: string; segmentId: string | null; label: string; onDone?(): void }) {
  const { t } = useTranslation('translations');
  const [body, setBody, clear] = useComposer('comment', `${revisionId}:${segmentId ?? 'revision'}`, '');
  const id = useId();
  const add = useApiMutation('translations.comment', { onSuccess: () => { clear(); onDone?.(); } });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    add.mutate({ revisionId, segmentId, body });
  };
  return (
    <form className="tr-add-comment" onSubmit={submit} aria-label={label}>
      <label htmlFor={id} className="visually-hidden">{label}</label>
      <textarea id={id} dir="auto" rows={2} value={body} onChange={(e) => setBody(e.target.value)} placeholder={t('comments.placeholder')} />
      <div className="actions">
        <button type="submit" className="secondary small" disabled={add.isPending || !body.trim()}>{t('comments.add')}</button>
      </div>
      <ErrorNote message={add.error?.message} />
    </form>
  );
}
