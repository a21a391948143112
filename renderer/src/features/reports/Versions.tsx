import { useId, useState } from 'react';
import type { Report, ReportDocument, ReportVersion } from '../../../../shared/domain';
import { ErrorNote } from '../../components/Field';
import { formatBytes, formatStamp } from '../../components/format';
import { MARKING_LABELS } from '../../components/labels';
import { useProfiles } from '../../data/lookups';
import { useApiQuery } from '../../data/query';
import { ExportMenu, FORMATS, useReportExport } from './Export';
import { diffDocuments, summarize } from './versionDiff';
import { B } from '../../components/text';

const FORMAT_NAME = Object.fromEntries(FORMATS.map((f) => [f.format, f.name]));

/**
 * The published versions of a report, newest first: who published each and when, and every file
 * it went out as with its SHA-256. Each can be shown in the preview and exported exactly as it
 * was; any two (or one and the current draft) can be compared.
 */
export function Versions({ report, shown, onShow }: { report: Report; shown: number | null; onShow(version: number | null): void }) {
  const ids = useId();
  const q = useApiQuery('reports.versions', { id: report.id });
  const versions = q.data ?? [];
  return (
    <section className="panel" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>Versions</h2>
      <ErrorNote message={q.error?.message} />
      {q.data && versions.length === 0 ? <p className="muted">Not published yet. Publishing freezes a version: its text and files, each with its SHA-256.</p> : null}
      {versions.length ? (
        <table className="table versions-table" aria-label="Published versions">
          <thead>
            <tr><th scope="col">Version</th><th scope="col">Published</th><th scope="col">Files (SHA-256)</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
          </thead>
          <tbody>
            {versions.map((v) => <VersionRow key={v.id} report={report} v={v} shown={shown === v.version} onShow={onShow} />)}
          </tbody>
        </table>
      ) : null}
      {versions.length ? <Compare key={`${versions.length}:${report.version}:${report.publishedVersion ?? ''}`} report={report} versions={versions} /> : null}
    </section>
  );
}

function VersionRow({ report, v, shown, onShow }: { report: Report; v: ReportVersion; shown: boolean; onShow(version: number | null): void }) {
  const profiles = useProfiles();
  const exp = useReportExport({ report, version: v.version });
  return (
    <tr>
      <th scope="row">Version {v.version}</th>
      <td>
        <B>{profiles.name(v.publishedBy)}</B>, {formatStamp(v.publishedAt)}
        <div className="muted small">{MARKING_LABELS[v.marking]}{v.allowedRecords.length ? ` · ${v.allowedRecords.length} more restricted ${v.allowedRecords.length === 1 ? 'record' : 'records'} allowed` : ''}</div>
      </td>
      <td>
        <ul className="plain-list version-files">
          {v.files.map((f) => (
            <li key={f.format}>
              <span className="version-format">{FORMAT_NAME[f.format] ?? f.format}</span> <span className="muted small">{formatBytes(f.size)}</span>{' '}
              <code dir="ltr" className="hash">{f.sha256}</code>
            </li>
          ))}
        </ul>
        {exp.ui}
      </td>
      <td className="version-actions">
        <button type="button" className="secondary small" aria-pressed={shown} onClick={() => onShow(shown ? null : v.version)}>
          {shown ? `Back to the draft` : `Show version ${v.version}`}
        </button>
        <ExportMenu label={`Export version ${v.version}`} onExport={(format) => void exp.run(format)} />
      </td>
    </tr>
  );
}

type Side = number | 'draft';

function useSideDocument(report: Report, side: Side): { doc: ReportDocument | undefined; error: string | undefined } {
  const published = useApiQuery('reports.getVersion', side === 'draft' ? null : { id: report.id, version: side });
  const draft = useApiQuery('reports.render', side === 'draft' ? { id: report.id } : null);
  return side === 'draft'
    ? { doc: draft.data?.document, error: draft.error?.message }
    : { doc: published.data?.document, error: published.error?.message };
}

function Compare({ report, versions }: { report: Report; versions: readonly ReportVersion[] }) {
  const ids = useId();
  const changed = report.publishedVersion !== report.version;
  const sides: { value: Side; label: string }[] = [
    ...(changed ? [{ value: 'draft' as const, label: `The current draft (version ${report.version})` }] : []),
    ...versions.map((v) => ({ value: v.version, label: `Version ${v.version} (published)` })),
  ];
  const [from, setFrom] = useState<Side>(versions[changed ? 0 : 1]?.version ?? versions[0]!.version);
  const [to, setTo] = useState<Side>(sides[0]!.value);
  const a = useSideDocument(report, from);
  const b = useSideDocument(report, to);
  const parse = (v: string): Side => (v === 'draft' ? 'draft' : Number(v));
  const name = (s: Side) => (s === 'draft' ? 'the current draft' : `version ${s}`);
  const lines = a.doc && b.doc ? diffDocuments(a.doc, b.doc) : null;
  const sum = lines ? summarize(lines) : null;
  return (
    <div className="version-compare" role="group" aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>Compare</h3>
      <div className="field-row">
        <label className="inline-field"><span>From</span>
          <select value={String(from)} onChange={(e) => setFrom(parse(e.target.value))} aria-label="Compare from">
            {sides.map((s) => <option key={String(s.value)} value={String(s.value)}>{s.label}</option>)}
          </select>
        </label>
        <label className="inline-field"><span>to</span>
          <select value={String(to)} onChange={(e) => setTo(parse(e.target.value))} aria-label="Compare to">
            {sides.map((s) => <option key={String(s.value)} value={String(s.value)}>{s.label}</option>)}
          </select>
        </label>
      </div>
      <ErrorNote message={a.error ?? b.error} />
      {from === to ? <p className="muted">Choose two different versions to compare.</p> : null}
      {lines && sum && from !== to ? (
        <>
          <p className="diff-summary" role="status">
            {name(to).replace(/^./, (c) => c.toUpperCase())} against {name(from)}: {sum.changed} {sum.changed === 1 ? 'line' : 'lines'} changed,{' '}
            {sum.added} added, {sum.removed} removed.
          </p>
          <p className="diff-legend small muted">
            <span className="diff-ins"><ins>inserted</ins></span> words are underlined and marked +; <span className="diff-del"><del>deleted</del></span> words are struck through and marked −.
          </p>
          <table className="diff-table version-diff" aria-label="Differences between versions">
            <tbody>
              {lines.map((l, i) => (
                <tr key={i} className={`diff-line diff-line-${l.kind}`}>
                  <th scope="row" className="diff-mark" aria-label={l.kind === 'same' ? 'Unchanged' : l.kind[0]!.toUpperCase() + l.kind.slice(1)}>
                    {l.kind === 'same' ? '' : l.kind === 'added' ? '+' : l.kind === 'removed' ? '−' : '±'}
                  </th>
                  <td dir="auto">
                    {l.parts.map((p, k) => (p.kind === 'ins'
                      ? <span key={k} className="diff-ins"><ins>{p.text}</ins></span>
                      : p.kind === 'del' ? <span key={k} className="diff-del"><del>{p.text}</del></span> : <span key={k}>{p.text}</span>))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
