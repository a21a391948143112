// Reports through the Core: the body's references and their refusals, footnote numbering,
// quotation and marking rules, publishing with four eyes, frozen versions, and check.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../shared/domain';
import { formatCitation, formatQuotation } from '../../shared/report/references';
import {
  auditRows, makeDesk, newCase, newSource, newStatement, NO_SUCH_ID, refused, sideConnection, tableCounts, useCleanup, type Desk,
} from './helpers';
import { quotable, TARGETS } from './reportFixtures';

useCleanup();

const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');
const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

async function draft(d: Desk, body: string, fields: Record<string, unknown> = {}): Promise<Report> {
  return d.core.invoke('reports.create', { as: d.analyst.id, headline: 'Kaabi declares war', marking: 'public', body, ...fields });
}

async function exportMd(d: Desk, id: string, extra: Record<string, unknown> = {}) {
  return d.core.invoke('reports.export', { as: d.reviewer.id, id, format: 'md', ...extra });
}

describe('footnotes', () => {
  it('are numbered by first use; the same source (and locator) reuses its number, another locator gets its own', async () => {
    const d = await makeDesk();
    const a = await newSource(d, { kind: 'social_post', publisher: 'X (formerly Twitter)', author: '@akramalkaabi', publishedAt: '2023-11-01', marking: 'public' });
    const b = await newSource(d, { kind: 'video', title: 'Al-Nujaba video', author: 'Al-Nujaba Movement', publishedAt: '2023-10-30', marking: 'public' });
    const r = await draft(d, [
      `Second source first[@${b.id}], then the post[@${a.id}].`,
      '',
      `The post again[@${a.id}], the video at a moment[@${b.id}, at 02:13], and the video again[@${b.id}].`,
    ].join('\n'));
    const { document } = await d.core.invoke('reports.render', { as: d.analyst.id, id: r.id });
    const markers = document.blocks.flatMap((bl) => (bl.type === 'paragraph' ? bl.runs : [])).filter((x) => x.type === 'footnote').map((x) => x.n);
    expect(markers).toEqual([1, 2, 2, 3, 1]);
    expect(document.footnotes.map((f) => [f.n, f.sourceId, f.locator, f.text])).toEqual([
      [1, b.id, '', 'Al-Nujaba Movement, “Al-Nujaba video,” October 30, 2023.'],
      [2, a.id, '', 'X (formerly Twitter), @akramalkaabi, November 1, 2023.'],
      [3, b.id, 'at 02:13', 'Al-Nujaba Movement, “Al-Nujaba video,” October 30, 2023, at 02:13.'],
    ]);
    const md = text((await exportMd(d, r.id)).data);
    expect(md).toContain('Second source first[^1], then the post[^2].');
    expect(md).toContain('[^3]: Al-Nujaba Movement, “Al-Nujaba video,” October 30, 2023, at 02:13.');
  });

  it('the dateline shows the Hijri date beside the Gregorian one when asked', async () => {
    const d = await makeDesk();
    const r = await draft(d, 'Text.', { dateline: 'Baghdad', datelineDate: '2023-11-01', showHijri: true });
    const { document } = await d.core.invoke('reports.render', { as: d.analyst.id, id: r.id });
    expect(document.dateline).toMatchObject({ gregorian: 'November 1, 2023', hijri: expect.stringMatching(/^Rabiʻ II 17, 1445 AH$/) });
    expect(document.dateline.text).toBe(`Baghdad, November 1, 2023 (${document.dateline.hijri})`);
    const plain = await d.core.invoke('reports.update', { as: d.analyst.id, id: r.id, rev: r.rev, showHijri: false });
    expect((await d.core.invoke('reports.render', { as: d.analyst.id, id: plain.id })).document.dateline.text).toBe('Baghdad, November 1, 2023');
  });
});

describe('saving the body', () => {
  it('refuses a citation of an unknown or trashed source, naming it, and writes nothing', async () => {
    const d = await makeDesk();
    const src = await newSource(d, { title: 'Deleted post' });
    await d.core.invoke('sources.trash', { as: d.analyst.id, id: src.id, rev: src.rev });
    const counts = tableCounts(d.core.db);
    expect((await refused(draft(d, `Text[@${NO_SUCH_ID}].`), 'invalid_input')).message).toContain(`[@${NO_SUCH_ID}] names no source`);
    const trashed = await refused(draft(d, `Text[@${src.id}].`), 'invalid_input');
    expect(trashed).toMatchObject({ field: 'body' });
    expect(trashed.message).toContain(`"Deleted post" (${src.id}) is in the trash`);
    expect(tableCounts(d.core.db)).toEqual(counts);
  });

  it('refuses a quotation of a trashed or unknown statement, a revision of another statement, or absent published wording', async () => {
    const d = await makeDesk();
    const { st, revisionId } = await quotable(d);
    const other = await quotable(d);
    const bare = await newStatement(d);
    const r = await draft(d, 'Start.');
    const save = (body: string) => d.core.invoke('reports.update', { as: d.analyst.id, id: r.id, rev: r.rev, body });
    expect((await refused(save(formatQuotation({ statementId: st.id, revisionId: other.revisionId })))).message)
      .toMatch(new RegExp(`${other.revisionId}, which is a translation of another statement \\(${other.st.id}\\)`));
    expect((await refused(save(formatQuotation({ statementId: NO_SUCH_ID, wording: 'published' })))).message).toContain(`names no statement (${NO_SUCH_ID})`);
    expect((await refused(save(formatQuotation({ statementId: bare.id, wording: 'published' })))).message).toMatch(/has none/);
    await d.core.invoke('statements.trash', { as: d.analyst.id, id: st.id, rev: st.rev });
    expect((await refused(save(formatQuotation({ statementId: st.id, revisionId })))).message).toMatch(new RegExp(`\\(${st.id}\\), which is in the trash`));
    expect((await d.core.invoke('reports.get', { as: d.analyst.id, id: r.id })).body).toBe('Start.');
  });

  it('refuses malformed references with their line, and a 2 MB body with its size; nothing is written', async () => {
    const d = await makeDesk();
    const r = await draft(d, 'Fine.');
    const counts = tableCounts(d.core.db);
    const bad = await refused(d.core.invoke('reports.update', {
      as: d.analyst.id, id: r.id, rev: r.rev, body: `One.\n\nTwo {{quote statement=${NO_SUCH_ID}}} three.`,
    }), 'invalid_input');
    expect(bad.message).toMatch(/Line 3: the quotation names no translation revision/);
    const huge = await refused(d.core.invoke('reports.update', { as: d.analyst.id, id: r.id, rev: r.rev, body: 'x'.repeat(2 * 1024 * 1024) }), 'invalid_input');
    expect(huge).toMatchObject({ field: 'body' });
    expect(huge.message).toMatch(/2,097,152 characters; a report body holds at most 1,000,000/);
    expect(tableCounts(d.core.db)).toEqual(counts);
  });

  it('a reference that went bad after it was saved does not stop other edits, but blocks the export', async () => {
    const d = await makeDesk();
    const src = await newSource(d, { marking: 'public' });
    const r = await draft(d, `Text[@${src.id}].`);
    await d.core.invoke('sources.trash', { as: d.analyst.id, id: src.id, rev: src.rev });
    const u = await d.core.invoke('reports.update', { as: d.analyst.id, id: r.id, rev: r.rev, body: `More text[@${src.id}].` });
    expect(u.body).toContain('More text');
    const { notices } = await d.core.invoke('reports.render', { as: d.analyst.id, id: r.id });
    expect(notices).toEqual([expect.objectContaining({ kind: 'trashed_source', severity: 'blocks', recordId: src.id })]);
    expect((await refused(exportMd(d, r.id), 'conflict')).message).toMatch(/in the trash/);
  });

  it('handles malformed markdown and markup: unclosed emphasis, raw HTML and images come out as text, never as markup', async () => {
    const d = await makeDesk();
    const src = await newSource(d, { marking: 'public' });
    const r = await draft(d, [
      '**unclosed bold and _half emphasis',
      '',
      '<script>alert(1)</script> <img src="http://example.invalid/x.png"> [[[ ]]] `code [@x]` > not a quote',
      '',
      `![remote](http://example.invalid/tracker.png)[@${src.id}]`,
      '',
      '- item one',
      '  - nested',
      '1) odd list',
    ].join('\n'));
    const out = await d.core.invoke('reports.render', { as: d.analyst.id, id: r.id });
    expect(out.notices.map((n) => n.kind)).toEqual(['image_dropped']);
    const html = text((await d.core.invoke('reports.export', { as: d.reviewer.id, id: r.id, format: 'html' })).data);
    expect(html).not.toMatch(/<script|<img|tracker\.png"/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('**unclosed bold and _half emphasis');
    expect(html).toContain('<sup class="fnref"><a href="#fn1"');
  });
});

describe("a source the body cites", () => {
  const joined = (d: Desk, sourceId: string) => auditRows(d.core.db).filter((a) => a.action === 'case.add_item' && a.changes.includes(`source:${sourceId}`)).map((a) => a.record_id);

  it("joins the report's cases in the same write, audited, as citations.add does; a case in the trash is left alone", async () => {
    const d = await makeDesk();
    const c = await newCase(d);
    const gone = await newCase(d, { title: 'Gone' });
    const a = await newSource(d, { title: 'A' });
    const b = await newSource(d, { title: 'B' });
    const r = await draft(d, `First[@${a.id}].`, { caseIds: [c.id, gone.id] });
    expect(joined(d, a.id).sort()).toEqual([c.id, gone.id].sort());
    const trashed = await d.core.invoke('cases.trash', { as: d.admin.id, id: gone.id, rev: gone.rev });
    expect(trashed.deletedAt).not.toBeNull();
    const cited = await d.core.invoke('reports.cite', { as: d.analyst.id, id: r.id, rev: r.rev, sourceId: b.id });
    expect(joined(d, b.id)).toEqual([c.id]);
    expect((await d.core.invoke('sources.list', { as: d.analyst.id, caseId: c.id })).items.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());

    // Taken out of the case by hand, a source already cited stays out when the body is edited again.
    await d.core.invoke('cases.removeItem', { as: d.analyst.id, caseId: c.id, itemType: 'source', itemId: a.id });
    await d.core.invoke('reports.update', { as: d.analyst.id, id: r.id, rev: cited.rev, body: `${cited.body}\n\nMore.` });
    expect((await d.core.invoke('sources.list', { as: d.analyst.id, caseId: c.id })).items.map((x) => x.id)).toEqual([b.id]);
  });

  it('does not join the case when the save is refused: nothing is written', async () => {
    const d = await makeDesk();
    const c = await newCase(d);
    const src = await newSource(d);
    const r = await draft(d, 'Nothing cited yet.', { caseIds: [c.id] });
    const counts = tableCounts(d.core.db);
    await refused(d.core.invoke('reports.update', { as: d.analyst.id, id: r.id, rev: r.rev, body: `Cited[@${src.id}] and {{quote statement=${NO_SUCH_ID} wording=published}}` }), 'invalid_input');
    expect(tableCounts(d.core.db)).toEqual(counts);
    expect(joined(d, src.id)).toEqual([]);
  });
});

describe('reports.cite and reports.quote', () => {
  it('insert references at a position; a quotation without a revision takes the approved one; trashed records are refused', async () => {
    const d = await makeDesk();
    const src = await newSource(d);
    const { st, revisionId } = await quotable(d);
    const r = await draft(d, 'He said it. Then more.');
    const c = await d.core.invoke('reports.cite', { as: d.analyst.id, id: r.id, rev: r.rev, sourceId: src.id, locator: 'at 02:13', position: 10 });
    expect(c.body).toBe(`He said it${formatCitation(src.id, 'at 02:13')}. Then more.`);
    const q = await d.core.invoke('reports.quote', { as: d.analyst.id, id: c.id, rev: c.rev, statementId: st.id });
    expect(q.body.endsWith(`\n\n${formatQuotation({ statementId: st.id, revisionId })}`)).toBe(true);
    const gone = await newSource(d);
    await d.core.invoke('sources.trash', { as: d.analyst.id, id: gone.id, rev: gone.rev });
    expect((await refused(d.core.invoke('reports.cite', { as: d.analyst.id, id: q.id, rev: q.rev, sourceId: gone.id }), 'invalid_input')).message).toMatch(/in the trash/);
    const noTr = await newStatement(d);
    expect((await refused(d.core.invoke('reports.quote', { as: d.analyst.id, id: q.id, rev: q.rev, statementId: noTr.id }), 'invalid_input')).message).toMatch(/no approved en translation/);
    expect((await auditRows(d.core.db)).filter((a) => a.record_id === r.id).map((a) => a.action)).toEqual(['report.create', 'report.cite', 'report.quote']);
  });
});

describe('quotations', () => {
  it('export is refused while a quoted revision is a draft, in review or sent back, listing every offending quotation', async () => {
    const d = await makeDesk();
    const drafted = await quotable(d, 'draft');
    const review = await quotable(d, 'in_review');
    const back = await quotable(d, 'changes_requested');
    const ok = await quotable(d, 'approved');
    const r = await draft(d, [drafted, review, back, ok].map((q) => formatQuotation({ statementId: q.st.id, revisionId: q.revisionId })).join('\n\n'));
    const { notices } = await d.core.invoke('reports.render', { as: d.analyst.id, id: r.id });
    expect(notices.filter((n) => n.kind === 'unapproved_quotation').map((n) => n.message)).toEqual([
      expect.stringMatching(/^Quotation 1 .* revision 1\) is a draft/),
      expect.stringMatching(/^Quotation 2 .* is in review/),
      expect.stringMatching(/^Quotation 3 .* is sent back with changes requested/),
    ]);
    for (const format of ['md', 'html', 'docx'] as const) {
      const e = await refused(d.core.invoke('reports.export', { as: d.reviewer.id, id: r.id, format }), 'conflict');
      expect(e.message).toMatch(/Quotation 1 .*Quotation 2 .*Quotation 3 /);
      expect(e.message).not.toMatch(/Quotation 4/);
    }
    await refused(d.core.invoke('reports.publish', { as: d.reviewer.id, id: r.id, rev: r.rev }), 'conflict');
  });

  it('renders the approved text of the chosen revision exactly, bracketed insertions kept, as a block or inline', async () => {
    const d = await makeDesk();
    const { st, revisionId } = await quotable(d);
    const q = formatQuotation({ statementId: st.id, revisionId });
    const r = await draft(d, `He said: ${q} and stopped.\n\n${q}`);
    const { document } = await d.core.invoke('reports.render', { as: d.analyst.id, id: r.id });
    const [inline, block] = document.blocks;
    // The original has a line break before its last sentence: the block keeps that paragraph break.
    expect(block).toEqual({ type: 'quotation', quotation: 1, paragraphs: [`${TARGETS[0]} ${TARGETS[1]}`, TARGETS[2]], lang: 'en' });
    expect(inline?.type === 'paragraph' && inline.runs.find((x) => x.type === 'quote')).toMatchObject({ text: TARGETS.join(' ') });
    expect(text((await exportMd(d, r.id)).data)).toContain(`He said: "${TARGETS.join(' ')}" and stopped.`);
  });

  it('refuses approved text whose SHA-256 no longer matches, after the text was changed behind the Core', async () => {
    const d = await makeDesk();
    const { st, revisionId } = await quotable(d);
    const r = await draft(d, formatQuotation({ statementId: st.id, revisionId }));
    expect((await exportMd(d, r.id)).data.length).toBeGreaterThan(0);
    const side = sideConnection(d.core);
    const segs = JSON.parse(side.prepare('SELECT segments FROM translation_revisions WHERE id = ?').pluck().get(revisionId) as string) as { target: string }[];
    segs[1]!.target = 'It was you who killed them.';
    side.prepare('UPDATE translation_revisions SET segments = ? WHERE id = ?').run(JSON.stringify(segs), revisionId);
    const e = await refused(exportMd(d, r.id), 'conflict');
    expect(e.message).toMatch(/Quotation 1 .* no longer matches the approved text/);
  });

  it('quotes published wording, says so in the notices and labels it in the HTML', async () => {
    const d = await makeDesk();
    const st = await newStatement(d, { originalText: null, originalStatus: 'not_captured', publishedWording: 'لن نتوقف ولا هدنة ولا تراجع', publishedWordingLanguage: 'ar', marking: 'public' });
    const r = await draft(d, `Kaabi wrote:\n\n${formatQuotation({ statementId: st.id, wording: 'published' })}`);
    const { notices, document } = await d.core.invoke('reports.render', { as: d.analyst.id, id: r.id });
    expect(notices).toEqual([expect.objectContaining({ kind: 'published_wording', severity: 'info', recordId: st.id })]);
    expect(document.quotations).toEqual([expect.objectContaining({ wording: 'published', revisionId: null, lang: 'ar', sha256: sha256(Buffer.from('لن نتوقف ولا هدنة ولا تراجع')) })]);
    const html = text((await d.core.invoke('reports.export', { as: d.reviewer.id, id: r.id, format: 'html' })).data);
    expect(html).toContain('<blockquote class="quotation published-wording" dir="rtl" lang="ar" data-wording="published" title="Published wording"><p dir="auto">لن نتوقف ولا هدنة ولا تراجع</p></blockquote>');
  });
});

describe('markings', () => {
  it('an export that would include a more restricted record is refused, naming it; its author or a case manager may allow it, audited with the records', async () => {
    const d = await makeDesk();
    const secret = await newSource(d, { title: 'Liaison note', marking: 'restricted' });
    const inner = await quotable(d, 'approved', { marking: 'internal' });
    const open = await newSource(d, { title: 'Public post', marking: 'public' });
    const r = await draft(d, `A[@${open.id}] B[@${secret.id}]\n\n${formatQuotation({ statementId: inner.st.id, revisionId: inner.revisionId })}`, { marking: 'subscribers' });
    const { notices } = await d.core.invoke('reports.render', { as: d.analyst.id, id: r.id });
    expect(notices.filter((n) => n.kind === 'marking').map((n) => n.recordId)).toEqual([secret.id, inner.st.id]);
    const e = await refused(exportMd(d, r.id), 'forbidden');
    expect(e.field).toBe('allowMarking');
    expect(e.message).toContain(`source "Liaison note" (${secret.id}) is restricted`);
    expect(e.message).toContain(`(${inner.st.id}) is internal`);
    expect(e.message).not.toContain(open.id);

    // Letting them through is the author's call or a case manager's, not any reader's.
    const exportsBefore = auditRows(d.core.db).filter((a) => a.action === 'report.export').length;
    const notMine = await refused(exportMd(d, r.id, { allowMarking: true }), 'forbidden');
    expect(notMine.message).toBe("Only a profile with the case manager role may let records more restricted than a report's marking into an export of a report they did not write.");
    expect(auditRows(d.core.db).filter((a) => a.action === 'report.export')).toHaveLength(exportsBefore);
    await d.core.invoke('reports.export', { as: d.admin.id, id: r.id, format: 'md', allowMarking: true });

    const ok = await d.core.invoke('reports.export', { as: d.analyst.id, id: r.id, format: 'md', allowMarking: true });
    expect(text(ok.data).startsWith('Marking: SUBSCRIBERS ONLY\n')).toBe(true);
    const entry = auditRows(d.core.db).filter((a) => a.action === 'report.export').at(-1)!;
    expect(entry.actor_id).toBe(d.analyst.id);
    const changes = JSON.parse(entry.changes) as Record<string, [unknown, unknown]>;
    expect((changes.allowedMarking?.[1] as { id: string }[]).map((x) => x.id)).toEqual([secret.id, inner.st.id]);
    expect(changes.export?.[1]).toMatchObject({ format: 'md', sha256: ok.sha256, marking: 'subscribers' });
  });
});

describe('publishing', () => {
  async function publishable(d: Desk) {
    const { st, v, revisionId } = await quotable(d);
    const src = await newSource(d, { kind: 'social_post', publisher: 'X (formerly Twitter)', author: '@akramalkaabi', publishedAt: '2023-11-01', marking: 'public' });
    const kase = await newCase(d, { marking: 'public' });
    const r = await draft(d, `Kaabi posted[@${src.id}]:\n\n${formatQuotation({ statementId: st.id, revisionId })}`, { caseIds: [kase.id], datelineDate: '2023-11-01' });
    return { r, st, v, revisionId, src };
  }

  it('is for a reviewer or case manager who did not write or edit the text (four eyes)', async () => {
    const d = await makeDesk();
    const { r } = await publishable(d);
    expect((await refused(d.core.invoke('reports.publish', { as: d.analyst.id, id: r.id, rev: r.rev }), 'forbidden')).message).toMatch(/reviewer or case manager/);
    // The admin (a case manager) edits the body: now they may not publish it either.
    const edited = await d.core.invoke('reports.update', { as: d.admin.id, id: r.id, rev: r.rev, body: `${r.body}\n\nOne more line.` });
    expect(edited.editors).toEqual([d.analyst.id, d.admin.id]);
    const e = await refused(d.core.invoke('reports.publish', { as: d.admin.id, id: r.id, rev: edited.rev }), 'forbidden');
    expect(e.message).toMatch(/^Dana Admin cannot publish this report: they edited its text\. Four eyes/);
    // A marking change is not an edit of the text.
    const marked = await d.core.invoke('reports.update', { as: d.admin.id, id: r.id, rev: edited.rev, marking: 'public' });
    expect(marked.editors).toEqual([d.analyst.id, d.admin.id]);
    const p = await d.core.invoke('reports.publish', { as: d.reviewer.id, id: r.id, rev: marked.rev });
    expect(p.report).toMatchObject({ publishedVersion: 1, version: 1 });
  });

  it('freezes the version: files stored and hashed, quoted revisions final, audited; later edits start version 2', async () => {
    const d = await makeDesk();
    const { r, v, revisionId } = await publishable(d);
    const before = {
      md: await exportMd(d, r.id), html: await d.core.invoke('reports.export', { as: d.reviewer.id, id: r.id, format: 'html' }),
    };
    const p = await d.core.invoke('reports.publish', { as: d.reviewer.id, id: r.id, rev: r.rev });
    expect(p.version).toMatchObject({ version: 1, publishedBy: d.reviewer.id, marking: 'public', allowedRecords: [] });
    expect(p.version.files.map((f) => f.format)).toEqual(['md', 'html', 'docx']);
    expect(p.notes).toEqual([expect.stringMatching(/No PDF was stored with this version .*printed from its stored HTML/)]);
    const stored = Object.fromEntries(p.version.files.map((f) => [f.format, f]));
    expect(stored.md?.sha256).toBe(before.md.sha256);
    expect(stored.html?.sha256).toBe(before.html.sha256);
    for (const f of p.version.files) expect(d.core.state.store.has(f.sha256)).toBe(true);
    expect(p.version.quotations).toEqual([expect.objectContaining({ revisionId, state: 'approved', sha256: v.latest.approvedSha256 })]);
    const tr = await d.core.invoke('translations.history', { as: d.analyst.id, id: v.translation.id });
    expect(tr.revisions.at(-1)).toMatchObject({ id: revisionId, state: 'final', publishedBy: d.reviewer.id });
    const actions = auditRows(d.core.db).slice(-2).map((a) => [a.action, a.record_id]);
    expect(actions).toEqual([['translation.publish', v.translation.id], ['report.publish', r.id]]);

    // Nothing changed since: publishing again is refused, and exporting gives the published bytes.
    await refused(d.core.invoke('reports.publish', { as: d.reviewer.id, id: r.id, rev: p.report.rev }), 'conflict');
    expect(await exportMd(d, r.id)).toMatchObject({ published: true, version: 1, sha256: stored.md?.sha256 });

    // Editing after publishing edits the draft, now version 2; version 1 stays exactly as it was.
    const v2 = await d.core.invoke('reports.update', { as: d.analyst.id, id: r.id, rev: p.report.rev, headline: 'Kaabi declares war, updated' });
    expect(v2).toMatchObject({ version: 2, publishedVersion: 1 });
    const draftMd = await exportMd(d, r.id);
    expect(draftMd).toMatchObject({ published: false, version: 2 });
    expect(text(draftMd.data)).toContain('# Kaabi declares war, updated');
    const old = await exportMd(d, r.id, { version: 1 });
    expect(old).toMatchObject({ published: true, version: 1, sha256: stored.md?.sha256, fileName: 'kaabi-declares-war-v1.md' });
    expect(Buffer.from(old.data).equals(Buffer.from(before.md.data))).toBe(true);
    const docx1 = await d.core.invoke('reports.export', { as: d.reviewer.id, id: r.id, version: 1, format: 'docx' });
    expect(docx1.sha256).toBe(stored.docx?.sha256);
    const frozen = await d.core.invoke('reports.render', { as: d.analyst.id, id: r.id, version: 1 });
    expect(frozen).toMatchObject({ published: true, version: 1, document: { headline: 'Kaabi declares war' } });
    const detail = await d.core.invoke('reports.getVersion', { as: d.analyst.id, id: r.id, version: 1 });
    expect(detail.markdown).toBe(text(before.md.data));
    expect(detail.record.headline).toBe('Kaabi declares war');
    expect((await d.core.invoke('reports.versions', { as: d.analyst.id, id: r.id })).map((x) => x.version)).toEqual([1]);
    await refused(d.core.invoke('reports.getVersion', { as: d.analyst.id, id: r.id, version: 2 }), 'not_found');

    const p2 = await d.core.invoke('reports.publish', { as: d.reviewer.id, id: r.id, rev: v2.rev });
    expect(p2.version.version).toBe(2);
    expect((await d.core.invoke('reports.versions', { as: d.analyst.id, id: r.id })).map((x) => x.version)).toEqual([2, 1]);
    expect((await d.core.check()).problems).toEqual([]);
  });

  it('stores the PDF too when a PDF engine is there, and prints one for a version published without it', async () => {
    const d = await makeDesk({ pdfEngine: async (html) => new Uint8Array(Buffer.from(`%PDF-1.7 fake of ${html.length} chars`)) });
    const { r } = await publishable(d);
    const p = await d.core.invoke('reports.publish', { as: d.reviewer.id, id: r.id, rev: r.rev });
    expect(p.version.files.map((f) => f.format)).toEqual(['md', 'html', 'docx', 'pdf']);
    expect(p.notes).toEqual([]);
    const pdf = await d.core.invoke('reports.export', { as: d.reviewer.id, id: r.id, version: 1, format: 'pdf' });
    expect(pdf.sha256).toBe(p.version.files.find((f) => f.format === 'pdf')?.sha256);
  });

  it('a published report cannot be purged, nor a statement a report quotes', async () => {
    const d = await makeDesk();
    const { r, st } = await publishable(d);
    const p = await d.core.invoke('reports.publish', { as: d.reviewer.id, id: r.id, rev: r.rev });
    const t = await d.core.invoke('reports.trash', { as: d.analyst.id, id: r.id, rev: p.report.rev });
    expect((await refused(d.core.invoke('trash.purge', { as: d.admin.id, recordType: 'report', id: r.id, rev: t.rev }))).message).toMatch(/published versions/);
    const gone = await d.core.invoke('statements.trash', { as: d.analyst.id, id: st.id, rev: st.rev });
    expect((await refused(d.core.invoke('trash.purge', { as: d.admin.id, recordType: 'statement', id: st.id, rev: gone.rev }))).message).toMatch(/reports that quote it/);
    // The trashed report's published version is still exported as it was.
    expect((await exportMd(d, r.id, { version: 1 })).sha256).toBe(p.version.files[0]?.sha256);
  });

  it('check names the report, version and format of a stored file that was changed, and its export is refused', async () => {
    const d = await makeDesk();
    const { r } = await publishable(d);
    const p = await d.core.invoke('reports.publish', { as: d.reviewer.id, id: r.id, rev: r.rev });
    const html = p.version.files.find((f) => f.format === 'html')!;
    const file = d.core.state.store.pathFor(html.sha256);
    fs.chmodSync(file, 0o644);
    fs.appendFileSync(file, '<!-- edited -->');
    const report = await d.core.check();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.stringMatching(new RegExp(`^Report "Kaabi declares war" \\(${r.id}\\), published version 1, html file: the stored file was modified \\(published SHA-256 ${html.sha256}`))]);
    expect((await refused(d.core.invoke('reports.export', { as: d.reviewer.id, id: r.id, version: 1, format: 'html' }), 'failed')).message).toMatch(/was modified/);
    fs.rmSync(file);
    expect((await d.core.check()).problems[0]).toMatch(/html file: the stored file is missing/);
  });

  it('a PDF export without an engine says so clearly', async () => {
    const d = await makeDesk();
    const r = await draft(d, 'Text.');
    expect((await refused(d.core.invoke('reports.export', { as: d.reviewer.id, id: r.id, format: 'pdf' }), 'failed')).message).toMatch(/^No PDF engine: .*CHROMIUM_PATH/);
  });
});
