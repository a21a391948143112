/**
 * What changed between two versions of a report, as a reader sees it: the rendered document cut
 * into lines (marking, headline, dateline, lead, each paragraph, quotation and footnote), lines
 * aligned with a diff of arrays and changed lines diffed word by word. Pure data: VersionDiff.tsx
 * turns it into React nodes, never HTML.
 */
import { diffArrays, diffWords } from 'diff';
import type { ReportDocument, Run } from '../../../../shared/domain';

export interface Part { kind: 'same' | 'ins' | 'del'; text: string }
export interface DiffLine { kind: 'same' | 'changed' | 'added' | 'removed'; parts: Part[] }

function runsText(runs: readonly Run[]): string {
  return runs.map((r) => {
    switch (r.type) {
      case 'text': return r.text;
      case 'footnote': return `[${r.n}]`;
      case 'quote': return `"${r.text}"`;
      case 'break': return ' ';
    }
  }).join('');
}

/** The document as the lines a reader would compare, in order. */
export function documentLines(d: ReportDocument): string[] {
  const lines = [`Marking: ${d.markingLabel}`, d.headline];
  if (d.dateline.text) lines.push(d.dateline.text);
  if (d.lead) lines.push(d.lead);
  for (const b of d.blocks) {
    switch (b.type) {
      case 'paragraph': case 'heading': lines.push(runsText(b.runs)); break;
      case 'quotation': lines.push(...b.paragraphs.map((p) => `> ${p}`)); break;
      case 'blockquote': lines.push(...b.paragraphs.map((p) => `> ${runsText(p)}`)); break;
      case 'list': lines.push(...b.items.map((item, i) => `${b.ordered ? `${(b.start ?? 1) + i}.` : '•'} ${runsText(item)}`)); break;
      case 'code': lines.push(...b.text.split('\n')); break;
      case 'rule': lines.push('———'); break;
    }
  }
  for (const f of d.footnotes) lines.push(`[${f.n}] ${f.text}`);
  return lines;
}

function words(before: string, after: string): Part[] {
  return diffWords(before, after).filter((c) => c.value !== '').map((c) => ({ kind: c.added ? 'ins' : c.removed ? 'del' : 'same', text: c.value }));
}

/** `to` against `from`: unchanged lines, lines changed in place (word by word), lines added or removed. */
export function diffDocuments(from: ReportDocument, to: ReportDocument): DiffLine[] {
  const changes = diffArrays(documentLines(from), documentLines(to));
  const out: DiffLine[] = [];
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    if (!c.added && !c.removed) {
      out.push(...c.value.map((text): DiffLine => ({ kind: 'same', parts: [{ kind: 'same', text }] })));
      continue;
    }
    const next = changes[i + 1];
    // A removal followed by an addition is an edit: pair the lines up and diff their words.
    if (c.removed && next?.added) {
      const n = Math.max(c.value.length, next.value.length);
      for (let k = 0; k < n; k++) {
        const a = c.value[k];
        const b = next.value[k];
        if (a !== undefined && b !== undefined) out.push({ kind: 'changed', parts: words(a, b) });
        else if (a !== undefined) out.push({ kind: 'removed', parts: [{ kind: 'del', text: a }] });
        else out.push({ kind: 'added', parts: [{ kind: 'ins', text: b! }] });
      }
      i++;
      continue;
    }
    out.push(...c.value.map((text): DiffLine => (c.added
      ? { kind: 'added', parts: [{ kind: 'ins', text }] }
      : { kind: 'removed', parts: [{ kind: 'del', text }] })));
  }
  return out;
}

export function summarize(lines: readonly DiffLine[]): { changed: number; added: number; removed: number } {
  return {
    changed: lines.filter((l) => l.kind === 'changed').length,
    added: lines.filter((l) => l.kind === 'added').length,
    removed: lines.filter((l) => l.kind === 'removed').length,
  };
}
