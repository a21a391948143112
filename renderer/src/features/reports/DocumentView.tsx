/**
 * A report's intermediate document (the Core's reports.render) drawn in the house style as React
 * nodes, never HTML: marking, headline, dateline, lead, the body with numbered footnote markers,
 * quotations in their own direction, then the numbered source list, as the exports have them.
 */
import { Fragment } from 'react';
import type { ReactNode } from 'react';
import type { Block, ReportDocument, ResolvedQuotation, Run } from '../../../../shared/domain';
import { firstStrong } from '../../../../shared/text/direction';
import { B, Paragraphs } from '../../components/text';

const NOT_OUT: Readonly<Record<string, string>> = {
  draft: 'a draft', in_review: 'in review', changes_requested: 'sent back with changes requested',
};

function dirOf(text: string): 'ltr' | 'rtl' | 'auto' {
  return firstStrong(text) ?? 'auto';
}

function Runs({ runs, d }: { runs: readonly Run[]; d: ReportDocument }): ReactNode {
  return runs.map((r, i) => {
    switch (r.type) {
      case 'break': return <br key={i} />;
      case 'footnote': return <sup key={i} className="fn-ref" aria-label={`Note ${r.n}`}>[{r.n}]</sup>;
      case 'quote': {
        const q = d.quotations[r.quotation];
        return (
          <Fragment key={i}>
            &quot;<B dir={dirOf(r.text)} lang={r.lang ?? undefined} className={`report-quote${q?.wording === 'published' ? ' published-wording' : ''}`}>{r.text}</B>&quot;
            <QuoteFlag q={q} inline />
          </Fragment>
        );
      }
      case 'text': {
        let node: ReactNode = r.text;
        if (r.marks?.code) node = <code>{node}</code>;
        if (r.marks?.bold) node = <strong>{node}</strong>;
        if (r.marks?.italic) node = <em>{node}</em>;
        // Shown as the exports show it, never followed from here (nothing in the app goes online).
        if (r.href) node = <span className="report-link" title={r.href}>{node}</span>;
        return <Fragment key={i}>{node}</Fragment>;
      }
    }
  });
}

/** Beside a quotation in the preview only (never exported): why it cannot go out, or that it is published wording. */
function QuoteFlag({ q, inline = false }: { q: ResolvedQuotation | undefined; inline?: boolean }) {
  if (!q) return null;
  let text: string | null = null;
  let tone = 'info';
  if (q.wording === 'published') text = 'Published wording (not a translation reviewed here)';
  else if (q.state && NOT_OUT[q.state]) { text = `Not approved: the translation is ${NOT_OUT[q.state]}`; tone = 'block'; }
  if (!text) return null;
  const Tag = inline ? 'span' : 'p';
  return <Tag className={`quote-flag quote-flag-${tone}`}>{inline ? ` (${text})` : text}</Tag>;
}

function BlockView({ b, d }: { b: Block; d: ReportDocument }) {
  switch (b.type) {
    case 'paragraph': return <p dir="auto"><Runs runs={b.runs} d={d} /></p>;
    case 'heading': {
      const H = `h${Math.min(6, b.level + 3)}` as 'h4';
      return <H dir="auto"><Runs runs={b.runs} d={d} /></H>;
    }
    case 'quotation': {
      const q = d.quotations[b.quotation];
      // Written out: dir="auto" on the quote would skip its paragraphs (they carry their own dir).
      return (
        <figure className={`report-quotation${q?.wording === 'published' ? ' published-wording' : ''}`}>
          <blockquote dir={dirOf(b.paragraphs.join(' '))} lang={b.lang ?? undefined}>
            {b.paragraphs.map((p, i) => <p key={i} dir="auto">{p}</p>)}
          </blockquote>
          <QuoteFlag q={q} />
        </figure>
      );
    }
    case 'blockquote': return <blockquote dir="auto">{b.paragraphs.map((p, i) => <p key={i} dir="auto"><Runs runs={p} d={d} /></p>)}</blockquote>;
    case 'code': return <pre dir="ltr"><code>{b.text}</code></pre>;
    case 'rule': return <hr />;
    case 'list': {
      const items = b.items.map((item, i) => <li key={i} dir="auto"><Runs runs={item} d={d} /></li>);
      return b.ordered ? <ol dir="auto" start={b.start}>{items}</ol> : <ul dir="auto">{items}</ul>;
    }
  }
}

export function DocumentView({ document: d, label }: { document: ReportDocument; label: string }) {
  return (
    <article className="report-doc" aria-label={label}>
      <p className="report-marking">Marking: {d.markingLabel}</p>
      <h3 className="report-headline" dir="auto">{d.headline}</h3>
      {d.dateline.text ? <p className="report-dateline" dir="auto">{d.dateline.text}</p> : null}
      {d.lead ? <div className="report-lead"><Paragraphs text={d.lead} /></div> : null}
      {d.blocks.map((b, i) => <BlockView key={i} b={b} d={d} />)}
      {d.footnotes.length ? (
        <section className="report-footnotes" aria-label="Footnotes">
          <hr />
          <ol className="plain-list">
            {d.footnotes.map((f) => (
              <li key={f.n} dir="auto"><span className="fn-number">[{f.n}]</span> <Runs runs={f.runs} d={d} /></li>
            ))}
          </ol>
        </section>
      ) : null}
    </article>
  );
}
