// Markdown from the intermediate document: CommonMark with footnotes in the common [^1] syntax.
// Text is escaped only where markdown would read it as syntax, so a quotation's bracketed
// translator insertions ([believers]) stay as they are.
import type { Block, ReportDocument, Run } from '../../../../shared/domain';

/** Escapes what CommonMark (and the footnote extension) would take as markup in running text. */
export function escapeMarkdown(text: string): string {
  let out = text
    .replace(/\\/g, '\\\\')
    .replace(/([`*<])/g, '\\$1')
    .replace(/&(?=#?\w+;)/g, '\\&')
    // Brackets only where they would open a link, an image or a footnote: [x](, [x][, [^, ]: ...
    .replace(/\[(?=\^)/g, '\\[')
    .replace(/\](?=[([:])/g, '\\]')
    .replace(/!(?=\[)/g, '\\!');
  // _ only where it could open or close emphasis: not between two letters or digits (#Al-Aqsa_Flood).
  out = out.replace(/_/g, (m, i: number, s: string) => (/[\p{L}\p{N}]/u.test(s[i - 1] ?? '') && /[\p{L}\p{N}]/u.test(s[i + 1] ?? '') ? m : '\\_'));
  // Line starts that would become a heading, a quote, a list item or a rule.
  return out.replace(/(^|\n)([ \t]*)(?:([#>+=-])|(\d+)([.)]))/g, (_m, nl: string, sp: string, mark?: string, digits?: string, punct?: string) =>
    (mark ? `${nl}${sp}\\${mark}` : `${nl}${sp}${digits ?? ''}\\${punct ?? ''}`));
}

function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

export function runsToMarkdown(runs: readonly Run[]): string {
  return runs.map((r) => {
    switch (r.type) {
      case 'footnote': return `[^${r.n}]`;
      case 'break': return '\\\n';
      case 'quote': return `"${escapeMarkdown(r.text)}"`;
      case 'text': {
        if (r.marks?.code) return code(r.text);
        let t = escapeMarkdown(r.text);
        // Emphasis markers must touch the text: keep the spaces outside them.
        const lead = /^\s*/.exec(t)?.[0] ?? '';
        const tail = /\s*$/.exec(t.slice(lead.length))?.[0] ?? '';
        t = t.slice(lead.length, t.length - tail.length);
        if (t && r.marks?.bold) t = `**${t}**`;
        if (t && r.marks?.italic) t = `*${t}*`;
        if (t && r.href) t = `[${t}](<${r.href.replace(/[<>\s]/g, encodeURIComponent)}>)`;
        return lead + t + tail;
      }
    }
  }).join('');
}

function blockToMarkdown(b: Block, d: ReportDocument): string {
  switch (b.type) {
    case 'paragraph': return runsToMarkdown(b.runs);
    case 'heading': return `${'#'.repeat(Math.min(6, b.level + 1))} ${runsToMarkdown(b.runs)}`;
    case 'quotation': return b.paragraphs.map((p) => `> ${escapeMarkdown(p)}`).join('\n>\n');
    case 'blockquote': return b.paragraphs.map((p) => `> ${runsToMarkdown(p).replace(/\n/g, '\n> ')}`).join('\n>\n');
    case 'code': {
      const fence = '`'.repeat(Math.max(3, ...[...b.text.matchAll(/`{3,}/g)].map((m) => m[0].length + 1)));
      return `${fence}\n${b.text}\n${fence}`;
    }
    case 'rule': return '---';
    case 'list': return b.items.map((item, i) => {
      const marker = b.ordered ? `${(b.start ?? 1) + i}.` : '-';
      return `${marker} ${runsToMarkdown(item).replace(/\n/g, `\n${' '.repeat(marker.length + 1)}`)}`;
    }).join('\n');
  }
  void d;
}

/**
 * The whole report: marking, headline (the body's own headings sit one level below it),
 * dateline, lead, body, then the footnotes.
 */
export function writeMarkdown(d: ReportDocument): string {
  const parts = [`Marking: ${d.markingLabel}`, `# ${escapeMarkdown(d.headline)}`];
  if (d.dateline.text) parts.push(escapeMarkdown(d.dateline.text));
  if (d.lead) parts.push(escapeMarkdown(d.lead));
  for (const b of d.blocks) parts.push(blockToMarkdown(b, d));
  for (const f of d.footnotes) parts.push(`[^${f.n}]: ${runsToMarkdown(f.runs)}`);
  return `${parts.join('\n\n')}\n`;
}
