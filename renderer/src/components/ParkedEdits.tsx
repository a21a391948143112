import type { ReactNode } from 'react';
import type { DraftKind, DraftView } from '../data/drafts';
import { useProfiles } from '../data/lookups';
import { useDraftStore, useOthersDrafts } from '../data/useDraft';
import { B } from './text';
import { Trans, useTranslation } from 'react-i18next';
import { i18n } from '../i18n/instance';

export interface ParkedView {
  key: string;
  author: string;
  state: { kind: string; error?: { message: string } };
}

/**
 * Another profile's unsaved edits of what is on screen. They are that profile's work: named
 * as theirs, never saved as the profile working now, and dropped only when someone says so.
 */
export function ParkedEdits({ views, what, onDiscard }: {
  views: readonly ParkedView[];
  /** Which parts each view's edits touch ("Summary, Platform"), for the sentence. */
  what(view: ParkedView): ReactNode;
  onDiscard(key: string): void;
}) {
  const profiles = useProfiles();
  const { t } = useTranslation('common');
  if (views.length === 0) return null;
  return (
    <>
      {views.map((v) => {
        const name = profiles.name(v.author);
        const why = v.state.kind === 'conflict' ? t('parked.conflictWhy') : v.state.kind === 'error' ? v.state.error?.message : null;
        return (
          <div key={v.key} className="notice parked-edits" role="region" aria-label={t('parked.region', { name: name })}>
            <p>
              <Trans t={t} i18nKey="parked.left" values={{ name, what: what(v) }} components={{ b: <B /> }} />
              {why ? <>{t('parked.notSaved')}<span dir="auto">{why}</span></> : t('parked.period')}
              <Trans t={t} i18nKey="parked.stay" values={{ name }} components={{ b: <B /> }} />
            </p>
            <button type="button" className="secondary small" onClick={() => onDiscard(v.key)}>
              <span><Trans t={t} i18nKey="parked.discard" values={{ name }} components={{ b: <B /> }} /></span>
            </button>
          </div>
        );
      })}
    </>
  );
}

/** Other profiles' parked edits of one record, field by field as the editor labels them. */
export function OthersDrafts({ kind, id, labels }: { kind: DraftKind; id: string; labels: readonly { key: string; label: string }[] }) {
  const others = useOthersDrafts(kind, id);
  const store = useDraftStore();
  const byKey = new Map(labels.map((f) => [f.key, f.label]));
  return (
    <ParkedEdits
      views={others}
      what={(v) => Object.keys((v as DraftView).draft).filter((k) => !kind.inputOnly?.includes(k)).map((k) => byKey.get(k) ?? k).join(i18n.t('listSeparator', { ns: 'common' }))}
      onDiscard={(key) => store.drop(key)}
    />
  );
}
