import { useEffect, useId, useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { foldText, parseQuranValue, pivotQuery } from '../../../../shared/text';
import { Dialog } from '../../components/Dialog';
import { RECORD_TYPE_LABELS } from '../../components/labels';
import { useApiQuery } from '../../data/query';
import type { Command } from '../../app/commands';
import { navigate, paths, recordPath } from '../../app/router';
import { statementTitle } from '../../../../shared/domain';
import { isUnavailable, useSuggest } from './searchApi';
import { B } from '../../components/text';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../i18n/instance';
import { isolate } from '../../../../shared/text/isolate';

interface Option { key: string; group: string; label: string; detail?: string; shortcut?: string; run(): void }

/** The pivot options' words (search catalogue, palette.pivot.*); typedPivot runs outside a component. */
const say = (key: string, v?: string): string => i18n.t(`palette.pivot.${key}` as never, { ns: 'search', value: v }) as string;
const pivotText = {
  get group() { return say('group'); },
  tag: (v: string) => say('tag', v),
  mention: (v: string) => say('mention', v),
  url: (v: string) => say('url', v),
  quran: (v: string) => say('quran', v),
};

/** What typed text pivots on: #tag, @handle, an address, or a Quran reference (quran 8:17). */
function typedPivot(text: string): { kind: 'tag' | 'mention' | 'url' | 'quran'; value: string; label: string } | null {
  if (/^[#＃]\S+$/u.test(text)) return { kind: 'tag', value: text, label: pivotText.tag(text) };
  if (/^[@＠]\S+$/u.test(text)) return { kind: 'mention', value: text, label: pivotText.mention(text) };
  if (/^(https?:\/\/|www\.)\S+$/i.test(text)) return { kind: 'url', value: text, label: pivotText.url(text) };
  const quran = /^(?:quran|qur'an|القرآن|قرآن)\s*(\S+)$/iu.exec(text);
  if (quran && parseQuranValue(quran[1] as string)) return { kind: 'quran', value: quran[1] as string, label: pivotText.quran(quran[1] as string) };
  return null;
}

function matches(text: string, q: string): boolean {
  const words = foldText(q).split(/\s+/).filter(Boolean);
  const hay = foldText(text);
  return words.every((w) => hay.includes(w));
}

/** Ctrl+K: jump to a case, actor or statement by name, or run a command. */
export function CommandPalette({ isOpen, onClose, commands }: { isOpen: boolean; onClose(): void; commands: Command[] }) {
  const { t } = useTranslation('search');
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title={t('palette.title')} className="palette">
      {isOpen ? <PaletteBody onClose={onClose} commands={commands} /> : null}
    </Dialog>
  );
}

function PaletteBody({ onClose, commands }: { onClose(): void; commands: Command[] }) {
  const [q, setQ] = useState('');
  // The option the user moved to (arrows, pointer), by key: results that arrive later (search
  // suggestions, statements) reorder the list, and Enter must run what is highlighted, not
  // whatever now sits at the same position. Until the user moves, the first option is active.
  const [picked, setPicked] = useState<string | null>(null);
  const ids = useId();
  const { t } = useTranslation('search');
  const text = q.trim();
  const suggest = useSuggest(text, true);
  const fallback = isUnavailable(suggest.error);
  const cases = useApiQuery('cases.list', fallback && text ? { text, limit: 5 } : null);
  const actors = useApiQuery('actors.list', fallback && text ? { text, limit: 5 } : null);
  const statements = useApiQuery('statements.list', text ? { text, limit: 5, sort: 'updatedAt' } : null);

  const go = (to: string) => () => navigate(to);
  const options = useMemo<Option[]>(() => {
    const out: Option[] = [];
    const recordKinds = new Set(['case', 'actor', 'statement', 'source']);
    // Typing a hashtag, a handle, an address or a Quran reference offers its pivot first.
    const pivot = text ? typedPivot(text) : null;
    if (pivot) out.push({ key: `pivot:${pivot.kind}:${pivot.value}`, group: pivotText.group, label: pivot.label, run: go(paths.search(pivotQuery(pivot.kind, pivot.value))) });
    if (text && !fallback) {
      for (const s of suggest.data ?? []) {
        const href = recordPath(s.kind, s.id);
        if (href && recordKinds.has(s.kind)) out.push({ key: `${s.kind}:${s.id}`, group: RECORD_TYPE_LABELS[s.kind] ?? s.kind, label: s.label, detail: s.detail, run: go(href) });
        else if (s.kind === 'tag' || s.kind === 'handle') {
          const kind = s.kind === 'tag' ? 'tag' : 'mention';
          if (pivot && pivot.kind === kind && foldText(pivot.value.slice(1)) === foldText(s.label.slice(1))) continue;
          out.push({ key: `${s.kind}:${s.id}`, group: pivotText.group, label: (kind === 'tag' ? pivotText.tag : pivotText.mention)(s.label), run: go(paths.search(pivotQuery(kind, s.label))) });
        }
      }
    }
    if (text && fallback) {
      for (const c of cases.data?.items ?? []) out.push({ key: `case:${c.id}`, group: RECORD_TYPE_LABELS.case ?? 'case', label: c.title, run: go(paths.case(c.id)) });
      for (const a of actors.data?.items ?? []) out.push({ key: `actor:${a.id}`, group: RECORD_TYPE_LABELS.actor ?? 'actor', label: a.name, detail: a.nameOriginal ?? undefined, run: go(paths.actor(a.id)) });
    }
    if (text) {
      for (const s of statements.data?.items ?? []) {
        if (!out.some((o) => o.key === `statement:${s.id}`)) out.push({ key: `statement:${s.id}`, group: RECORD_TYPE_LABELS.statement ?? 'statement', label: statementTitle(s), run: go(paths.statement(s.id)) });
      }
    }
    const cmds = commands.filter((c) => !text || matches(`${c.label} ${c.keywords ?? ''}`, text));
    const cmdOptions = cmds.map((c) => ({ key: `cmd:${c.id}`, group: t('palette.group.command'), label: c.label, shortcut: c.shortcut, run: c.run }));
    const all = text ? [...out, ...cmdOptions] : cmdOptions;
    if (text) all.push({ key: 'search', group: t('palette.group.search'), label: t('palette.searchAll', { text: isolate(text) }), run: go(paths.search(text)) });
    return all;
  }, [text, fallback, suggest.data, cases.data, actors.data, statements.data, commands, t]);

  useEffect(() => setPicked(null), [text]);
  const pickedAt = picked === null ? -1 : options.findIndex((o) => o.key === picked);
  const active = pickedAt >= 0 ? pickedAt : 0;
  const moveTo = (i: number) => setPicked(options[Math.max(0, Math.min(options.length - 1, i))]?.key ?? null);
  const pick = (o: Option | undefined) => {
    if (!o) return;
    onClose();
    o.run();
  };
  const keyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); moveTo(active + 1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); moveTo(active - 1); }
    else if (e.key === 'Enter') { e.preventDefault(); pick(options[active]); }
  };
  useEffect(() => { document.getElementById(`${ids}-o${active}`)?.scrollIntoView?.({ block: 'nearest' }); }, [active, ids]);

  return (
    <div className="palette-body">
      <input
        type="text" role="combobox" aria-expanded="true" aria-controls={`${ids}-list`} aria-autocomplete="list"
        aria-activedescendant={options[active] ? `${ids}-o${active}` : undefined} aria-label={t('palette.inputAria')}
        placeholder={t('palette.placeholder')} dir="auto" value={q} autoFocus
        onChange={(e) => setQ(e.target.value)} onKeyDown={keyDown} className="palette-input"
      />
      <ul id={`${ids}-list`} role="listbox" aria-label={t('palette.results')} className="palette-list">
        {options.map((o, i) => (
          <li
            key={o.key} id={`${ids}-o${i}`} role="option" aria-selected={i === active} className={`palette-option${i === active ? ' is-active' : ''}`}
            onMouseEnter={() => setPicked(o.key)} onMouseDown={(e) => e.preventDefault()} onClick={() => pick(o)}
          >
            <span className="palette-group">{o.group}</span>
            <B className="palette-label">{o.label}</B>
            {o.detail ? <B className="muted small">{o.detail}</B> : null}
            {o.shortcut ? <kbd>{o.shortcut}</kbd> : null}
          </li>
        ))}
        {options.length === 0 ? <li className="muted palette-empty" role="option" aria-selected="false" aria-disabled="true">{t('palette.empty')}</li> : null}
      </ul>
    </div>
  );
}
