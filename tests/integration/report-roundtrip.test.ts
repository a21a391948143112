// Issue 10's round trip: the sample published report, imported into a case with the importer,
// exports again as Markdown that reads as the sample: its headline, dateline, body paragraphs
// (the quotation in quotation marks, bracketed insertions kept) and footnotes [1]-[3].
import fs from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { describe, expect, it } from 'vitest';
import { makeDesk, newCase, useCleanup } from './helpers';
import { sampleParts } from './reportFixtures';

useCleanup();

// A byte copy of ../shared/samples/jttm-2023-11-01-al-nujaba.txt (the product must not read ../shared).
const SAMPLE = new Uint8Array(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'report', 'jttm-2023-11-01-al-nujaba.txt')));

describe('the sample report, imported and exported again', () => {
  it('exports as Markdown with the sample\'s headline, dateline, body paragraphs and footnote numbering', async () => {
    const d = await makeDesk();
    const kase = await newCase(d, { marking: 'public' });
    const plan = await d.core.invoke('reports.importPreview', { as: d.analyst.id, caseId: kase.id, fileName: 'jttm-2023-11-01-al-nujaba.txt', data: SAMPLE });
    const imported = await d.core.invoke('reports.importApply', {
      as: d.analyst.id, plan, choices: { createActors: plan.actors.proposed.map((a) => a.key), keepDropped: [] },
    });

    // The dateline's date is a date of the record (so a Hijri date can be shown beside it), not text.
    expect(imported.report).toMatchObject({ dateline: '', datelineDate: '2023-11-01', headline: plan.report.headline });

    const out = await d.core.invoke('reports.export', { as: d.reviewer.id, id: imported.report.id, format: 'md' });
    const md = Buffer.from(out.data).toString('utf8');
    const sample = sampleParts();
    const paras = md.trimEnd().split('\n\n');
    expect(paras[0]).toBe('Marking: PUBLIC');
    expect(paras[1]).toBe(`# ${sample.headline}`);
    expect(paras[2]).toBe(sample.dateline);
    expect(sample.dateline).toBe('November 1, 2023');
    // The body as published, each [n] marker a Markdown footnote reference [^n].
    expect(sample.body).toHaveLength(3);
    expect(paras.slice(3, 6)).toEqual(sample.body.map((p) => p.replace(/\[(\d+)\]/g, '[^$1]')));
    expect(paras[4]).toContain('The statement reads: "In the Name of Allah');
    expect(paras[4]).toContain('It was not you [believers] who killed them');
    // Three footnotes, numbered as the sample numbers them, and nothing after them.
    const notes = paras.slice(6);
    expect(notes.map((n) => /^\[\^(\d+)\]: /.exec(n)?.[1])).toEqual(['1', '2', '3']);
    // The first in the house style, from the source the importer made of the sample's X post.
    expect(notes[0]).toBe('[^1]: X (formerly Twitter), Akram Al-Kaabi, November 1, 2023.');

    // Parsed back as CommonMark with footnotes: references 1, 2, 3 in order, three definitions.
    const tokens = new MarkdownIt('commonmark').use(footnote).parse(md, {});
    const refs = tokens.filter((t) => t.type === 'inline').flatMap((t) => t.children ?? []).filter((t) => t.type === 'footnote_ref');
    expect(refs.map((t) => (t.meta as { id: number }).id + 1)).toEqual([1, 2, 3]);
    expect(tokens.filter((t) => t.type === 'footnote_open')).toHaveLength(3);
  });
});
