import { useState } from 'react';
import type { Statement } from '../../../../shared/domain';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/Field';
import { formatGregorian } from '../../components/format';
import { useApiQuery } from '../../data/query';
import { statementTitle } from '../../../../shared/domain';
import { B } from '../../components/text';
import { useTranslation } from 'react-i18next';

/** Find a statement by its words (original, published wording or summary) and pick it. */
export function StatementPickerDialog({ isOpen, onClose, onPick, title, exclude = [] }: {
  isOpen: boolean; onClose(): void; onPick(s: Statement): void; title: string; exclude?: string[];
}) {
  const [text, setText] = useState('');
  const { t } = useTranslation('statements');
  const q = useApiQuery('statements.list', isOpen ? { ...(text.trim() ? { text: text.trim() } : {}), limit: 30, sort: 'updatedAt' } : null);
  const items = (q.data?.items ?? []).filter((s) => !exclude.includes(s.id));
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title={title} className="picker-dialog">
      <label className="field">
        <span>{t('picker.find')}</span>
        <input type="search" dir="auto" value={text} onChange={(e) => setText(e.target.value)} autoFocus placeholder={t('picker.placeholder')} />
      </label>
      <ErrorNote message={q.error?.message} />
      <ul className="pick-list" aria-label={t('picker.results')}>
        {items.map((s) => (
          <li key={s.id}>
            <button type="button" className="pick" onClick={() => onPick(s)}>
              <B className="pick-title">{statementTitle(s)}</B>
              <span className="muted small">{formatGregorian(s.saidAt, s.datePrecision) || t('related.undated')}</span>
            </button>
          </li>
        ))}
        {q.data && items.length === 0 ? <li className="muted">{t('picker.none')}</li> : null}
      </ul>
      <div className="dialog-actions"><button type="button" className="quiet" onClick={onClose}>{t('picker.cancel')}</button></div>
    </Dialog>
  );
}
