// `casefile call`: every contract method through the command line, with the contract's own
// input checks. The CLI runs in this process (cliRunner.ts); standard input is also read through
// the real binary, as a script would feed it.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { beforeAll, describe, expect, it } from 'vitest';
import { contract, METHODS, type Method } from '../../shared/ipc/contract';
import { isWrite } from '../../shared/ipc/methods';
import { BYTES_TAG, decodeJson } from '../../shared/ipc/wire';
import { cf, cfProcess, tempDir } from './cliRunner';

type Vals = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * One call of every method, in an order where each finds what it needs. `input` builds the
 * input from what earlier calls returned; `as` picks who acts ('none': leave it to the CLI).
 */
interface Step { method: Method; input?: (v: Vals) => Record<string, unknown>; as?: 'admin' | 'reviewer' | 'none'; keep?: string }

const TEXT = 'نص البيان الأول. والجملة الثانية.';
const STEPS: Step[] = [
  { method: 'app.info' },
  { method: 'profiles.create', as: 'none', input: () => ({ name: 'Dana Admin', initials: 'DA', roles: ['analyst', 'case_manager'] }), keep: 'admin' },
  { method: 'profiles.create', input: () => ({ name: 'Rami', initials: 'RR', roles: ['reviewer'] }), keep: 'reviewer' },
  { method: 'profiles.list' },
  { method: 'profiles.update', input: (v) => ({ id: v.reviewer.id, rev: v.reviewer.rev, name: 'Rami Reviewer' }), keep: 'reviewer' },
  { method: 'profiles.permissions' },
  { method: 'profiles.deactivate', input: (v) => ({ id: v.reviewer.id, rev: v.reviewer.rev }), keep: 'reviewer' },
  { method: 'profiles.reactivate', input: (v) => ({ id: v.reviewer.id, rev: v.reviewer.rev }), keep: 'reviewer' },
  { method: 'sample.load' },

  { method: 'cases.create', input: () => ({ title: 'Case A' }), keep: 'case' },
  { method: 'cases.list', input: () => ({ status: ['open'] }) },
  { method: 'cases.get', input: (v) => ({ id: v.case.id }) },
  { method: 'cases.update', input: (v) => ({ id: v.case.id, rev: v.case.rev, summary: 'Summary' }), keep: 'case' },

  { method: 'actors.create', input: () => ({ kind: 'person', name: 'Akram al-Kaabi', nameOriginal: 'أكرم الكعبي' }), keep: 'actor' },
  { method: 'actors.create', input: () => ({ kind: 'organization', name: 'Harakat al-Nujaba' }), keep: 'org' },
  { method: 'actors.list', input: () => ({ text: 'Kaabi' }) },
  { method: 'actors.get', input: (v) => ({ id: v.actor.id }) },
  { method: 'actors.update', input: (v) => ({ id: v.actor.id, rev: v.actor.rev, description: 'Secretary-general' }) },
  { method: 'actors.link', input: (v) => ({ fromActorId: v.actor.id, relation: 'leader_of', toActorId: v.org.id }), keep: 'relation' },
  { method: 'actors.relations', input: (v) => ({ actorId: v.actor.id }) },
  { method: 'actors.unlink', input: (v) => ({ relationId: v.relation.id }) },

  { method: 'statements.create', input: (v) => ({ originalText: TEXT, language: 'ar', speakerId: v.actor.id, caseIds: [v.case.id] }), keep: 'statement' },
  { method: 'statements.create', input: () => ({ originalText: 'بيان آخر', language: 'ar' }), keep: 'other' },
  { method: 'statements.list', input: (v) => ({ caseId: v.case.id }) },
  { method: 'statements.get', input: (v) => ({ id: v.statement.id }) },
  { method: 'statements.update', input: (v) => ({ id: v.statement.id, rev: v.statement.rev, summary: 'The first statement' }) },
  { method: 'statements.relate', input: (v) => ({ statementId: v.statement.id, relatedId: v.other.id }) },
  { method: 'statements.related', input: (v) => ({ statementId: v.statement.id }) },
  { method: 'statements.unrelate', input: (v) => ({ statementId: v.statement.id, relatedId: v.other.id }) },

  { method: 'cases.addItem', input: (v) => ({ caseId: v.case.id, itemType: 'statement', itemId: v.other.id }) },
  { method: 'cases.items', input: (v) => ({ caseId: v.case.id }) },
  { method: 'cases.forItem', input: (v) => ({ itemType: 'statement', itemId: v.other.id }) },
  { method: 'cases.removeItem', input: (v) => ({ caseId: v.case.id, itemType: 'statement', itemId: v.other.id }) },

  { method: 'sources.create', input: (v) => ({ kind: 'social_post', title: 'Post on X', caseIds: [v.case.id] }), keep: 'source' },
  { method: 'sources.list', input: (v) => ({ caseId: v.case.id }) },
  { method: 'sources.get', input: (v) => ({ id: v.source.id }) },
  { method: 'sources.update', input: (v) => ({ id: v.source.id, rev: v.source.rev, url: 'https://x.com/example/status/1' }), keep: 'source' },
  { method: 'citations.add', input: (v) => ({ citingType: 'statement', citingId: v.statement.id, sourceId: v.source.id }), keep: 'citation' },
  { method: 'citations.list', input: (v) => ({ sourceId: v.source.id }) },
  { method: 'citations.update', input: (v) => ({ id: v.citation.id, locator: 'para. 2' }) },
  { method: 'citations.reorder', input: (v) => ({ citingType: 'statement', citingId: v.statement.id, order: [v.citation.id] }) },
  { method: 'citations.remove', input: (v) => ({ id: v.citation.id }) },

  {
    method: 'attachments.add', keep: 'attachment',
    input: (v) => ({ ownerType: 'source', ownerId: v.source.id, fileName: 'capture.txt', data: new TextEncoder().encode('captured bytes\n') }),
  },
  { method: 'attachments.list', input: (v) => ({ ownerType: 'source', ownerId: v.source.id }) },
  { method: 'attachments.get', input: (v) => ({ id: v.attachment.id }) },
  { method: 'attachments.read', input: (v) => ({ id: v.attachment.id }), keep: 'bytes' },
  { method: 'attachments.verify', input: (v) => ({ id: v.attachment.id }) },
  { method: 'attachments.page', input: (v) => ({ id: v.attachment.id }) },
  { method: 'attachments.trash', input: (v) => ({ id: v.attachment.id, rev: v.attachment.rev }), keep: 'attachment' },
  { method: 'attachments.restore', input: (v) => ({ id: v.attachment.id, rev: v.attachment.rev }) },

  { method: 'notes.create', input: (v) => ({ targetType: 'statement', targetId: v.statement.id, body: 'Check the date.' }), keep: 'note' },
  { method: 'notes.list', input: (v) => ({ targetType: 'statement', targetId: v.statement.id }) },
  { method: 'notes.get', input: (v) => ({ id: v.note.id }) },
  { method: 'notes.update', input: (v) => ({ id: v.note.id, rev: v.note.rev, pinned: true }), keep: 'note' },
  { method: 'notes.trash', input: (v) => ({ id: v.note.id, rev: v.note.rev }), keep: 'note' },
  { method: 'notes.restore', input: (v) => ({ id: v.note.id, rev: v.note.rev }) },

  { method: 'events.create', input: (v) => ({ caseId: v.case.id, occurredAt: '2023-11-01', title: 'Strike' }), keep: 'event' },
  { method: 'events.list', input: (v) => ({ caseId: v.case.id }) },
  { method: 'events.get', input: (v) => ({ id: v.event.id }) },
  { method: 'events.update', input: (v) => ({ id: v.event.id, rev: v.event.rev, description: 'Reported' }), keep: 'event' },
  { method: 'events.trash', input: (v) => ({ id: v.event.id, rev: v.event.rev }), keep: 'event' },
  { method: 'events.restore', input: (v) => ({ id: v.event.id, rev: v.event.rev }) },

  { method: 'reports.create', input: (v) => ({ headline: 'Militia leader threatens', caseIds: [v.case.id] }), keep: 'report' },
  { method: 'reports.list', input: (v) => ({ caseId: v.case.id }) },
  { method: 'reports.get', input: (v) => ({ id: v.report.id }) },
  { method: 'reports.update', input: (v) => ({ id: v.report.id, rev: v.report.rev, dateline: 'Baghdad' }), keep: 'report' },
  { method: 'reports.trash', input: (v) => ({ id: v.report.id, rev: v.report.rev }), keep: 'report' },
  { method: 'reports.restore', input: (v) => ({ id: v.report.id, rev: v.report.rev }), keep: 'report' },

  { method: 'translations.start', input: (v) => ({ statementId: v.statement.id, targetLang: 'en' }), keep: 'tv' },
  { method: 'translations.list', input: (v) => ({ statementId: v.statement.id }) },
  { method: 'translations.get', input: (v) => ({ statementId: v.statement.id, targetLang: 'en' }) },
  {
    method: 'translations.segment', keep: 'tv',
    input: (v) => ({ id: v.tv.translation.id, rev: v.tv.translation.rev, action: 'merge', segmentId: v.tv.latest.segments[0].id }),
  },
  {
    method: 'translations.edit', keep: 'tv',
    input: (v) => ({ id: v.tv.translation.id, rev: v.tv.translation.rev, segments: v.tv.latest.segments.map((s: { id: string }) => ({ id: s.id, target: 'The first statement.' })) }),
  },
  { method: 'translations.submit', input: (v) => ({ id: v.tv.translation.id, rev: v.tv.translation.rev }), keep: 'tv' },
  { method: 'translations.queue', as: 'reviewer' },
  { method: 'translations.diff', input: (v) => ({ revisionId: v.tv.latest.id }) },
  { method: 'translations.comment', as: 'reviewer', input: (v) => ({ revisionId: v.tv.latest.id, body: 'Looks right.' }) },
  { method: 'translations.requestChanges', as: 'reviewer', input: (v) => ({ id: v.tv.translation.id, rev: v.tv.translation.rev, comment: 'Say "first".' }), keep: 'tv' },
  {
    method: 'translations.importXliff', keep: 'imported',
    input: (v) => ({ xml: v.export.files[0].xml.replace(/<target>[^<]*<\/target>/, '<target>The very first statement.</target>') }),
  },
  { method: 'translations.history', input: (v) => ({ id: v.tv.translation.id }), keep: 'history' },
  { method: 'translations.submit', input: (v) => ({ id: v.history.translation.id, rev: v.history.translation.rev }), keep: 'tv' },
  { method: 'translations.approve', as: 'reviewer', input: (v) => ({ id: v.tv.translation.id, rev: v.tv.translation.rev }), keep: 'tv' },
  { method: 'translations.publish', input: (v) => ({ id: v.tv.translation.id, rev: v.tv.translation.rev }) },
  { method: 'translations.suggest', input: () => ({ source: 'نص البيان الأول', sourceLang: 'ar', targetLang: 'en' }) },
  { method: 'translations.qa', input: (v) => ({ id: v.tv.translation.id }) },
  // A new draft over the published text with an unbalanced bracket: a finding to override.
  {
    method: 'translations.edit', keep: 'tv2',
    input: (v) => ({ id: v.tv.translation.id, rev: v.tv.translation.rev + 1, segments: [{ id: v.tv.latest.segments[0].id, target: 'The first [statement.' }] }),
  },
  {
    method: 'translations.overrideQa',
    input: (v) => ({ id: v.tv2.translation.id, segmentId: v.tv2.latest.segments[0].id, check: 'brackets', subject: '[', reason: 'Quoted as printed.' }),
  },

  { method: 'glossary.create', as: 'reviewer', input: () => ({ sourceLang: 'ar', targetLang: 'en', term: 'البيان', renderings: ['the statement'] }), keep: 'term' },
  { method: 'glossary.list' },
  { method: 'glossary.update', as: 'reviewer', input: (v) => ({ id: v.term.id, rev: v.term.rev, notes: 'As in a communiqué' }), keep: 'term' },
  { method: 'glossary.export', input: () => ({ format: 'csv' }), keep: 'glossaryCsv' },
  { method: 'glossary.import', as: 'reviewer', input: (v) => ({ format: 'csv', text: v.glossaryCsv.text.replace('the statement', 'the communiqué') }) },
  { method: 'glossary.list', keep: 'terms' },
  { method: 'glossary.trash', as: 'reviewer', input: (v) => ({ id: v.terms[0].id, rev: v.terms[0].rev }), keep: 'term' },
  { method: 'glossary.restore', as: 'reviewer', input: (v) => ({ id: v.term.id, rev: v.term.rev }) },

  // The report quotes the translation published above; the reviewer, who wrote none of it, publishes it.
  { method: 'reports.cite', input: (v) => ({ id: v.report.id, rev: v.report.rev, sourceId: v.source.id, locator: 'at 02:13' }), keep: 'report' },
  { method: 'reports.quote', input: (v) => ({ id: v.report.id, rev: v.report.rev, statementId: v.statement.id, revisionId: v.tv.latest.id }), keep: 'report' },
  { method: 'reports.render', input: (v) => ({ id: v.report.id }) },
  { method: 'reports.export', input: (v) => ({ id: v.report.id, format: 'md' }) },
  { method: 'reports.publish', as: 'reviewer', input: (v) => ({ id: v.report.id, rev: v.report.rev }) },
  { method: 'reports.versions', input: (v) => ({ id: v.report.id }) },
  { method: 'reports.getVersion', input: (v) => ({ id: v.report.id, version: 1 }) },
  {
    method: 'reports.importPreview', keep: 'importPlan',
    input: (v) => ({ caseId: v.case.id, fileName: 'sample.txt', data: new Uint8Array(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'report', 'jttm-2023-11-01-al-nujaba.txt'))) }),
  },
  { method: 'reports.importApply', input: (v) => ({ plan: v.importPlan }) },

  { method: 'search.query', input: () => ({ q: 'الكعبي OR statement' }) },
  { method: 'search.suggest', input: () => ({ q: 'kaab' }) },
  { method: 'inbox.mine', input: () => ({ limit: 5 }) },

  { method: 'statements.trash', input: (v) => ({ id: v.other.id, rev: v.other.rev }), keep: 'other' },
  { method: 'statements.restore', input: (v) => ({ id: v.other.id, rev: v.other.rev }) },
  { method: 'sources.trash', input: (v) => ({ id: v.source.id, rev: v.source.rev }), keep: 'source' },
  // A bundle made while the source was in the trash, taken back after it was restored: a trash suggestion to settle.
  { method: 'exchange.exportBundle', input: (v) => ({ caseId: v.case.id }), keep: 'bundle' },
  { method: 'sources.restore', input: (v) => ({ id: v.source.id, rev: v.source.rev }), keep: 'source' },
  { method: 'exchange.inspectBundle', input: (v) => ({ file: v.bundle.file }) },
  { method: 'exchange.importBundle', input: (v) => ({ file: v.bundle.file }) },
  { method: 'exchange.conflicts', input: (v) => ({ caseId: v.case.id }), keep: 'conflicts' },
  { method: 'exchange.resolve', input: (v) => ({ id: v.conflicts[0].id, resolution: 'kept', rev: v.source.rev }) },
  { method: 'exchange.exportStix', input: (v) => ({ caseId: v.case.id }) },
  { method: 'exchange.exportCsl', input: (v) => ({ caseId: v.case.id }) },
  { method: 'cases.trash', input: (v) => ({ id: v.case.id, rev: v.case.rev }), keep: 'case' },
  { method: 'cases.restore', input: (v) => ({ id: v.case.id, rev: v.case.rev }) },
  { method: 'actors.trash', input: (v) => ({ id: v.org.id, rev: v.org.rev }), keep: 'org' },
  { method: 'actors.restore', input: (v) => ({ id: v.org.id, rev: v.org.rev }), keep: 'org' },
  { method: 'actors.trash', input: (v) => ({ id: v.org.id, rev: v.org.rev }), keep: 'org' },
  { method: 'trash.list' },
  { method: 'trash.purge', input: (v) => ({ recordType: 'actor', id: v.org.id, rev: v.org.rev }) },
  { method: 'audit.list', input: () => ({ limit: 5 }) },
  { method: 'audit.verify' },
  { method: 'audit.anchor' },
  { method: 'desk.check' },
  { method: 'desk.reindex', as: 'admin' },
];

// translations.exportXliff runs between requestChanges and importXliff (the file to import).
STEPS.splice(STEPS.findIndex((s) => s.method === 'translations.importXliff'), 0, {
  method: 'translations.exportXliff', input: (v) => ({ statementId: v.statement.id }), keep: 'export',
});

let dir: string;

beforeAll(async () => {
  dir = path.join(tempDir(), 'desk');
  expect((await cf(['init', '--unencrypted', '--data', dir])).code).toBe(0);
});

describe('casefile call', () => {
  it('reaches every method of the contract and prints its Result; reads change nothing, writes are audited', async () => {
    expect(new Set(STEPS.map((s) => s.method)), 'every contract method needs a step here').toEqual(new Set(METHODS));
    const side = new Database(path.join(dir, 'casefile.sqlite'), { readonly: true });
    const audited = () => side.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    const v: Vals = {};
    try {
      for (const step of STEPS) {
        const input = step.input?.(v) ?? {};
        const before = audited();
        const result = await call(step.method, input, v, step.as ?? 'admin');
        const label = `${step.method} ${JSON.stringify(input).slice(0, 200)}`;
        expect(result, label).toMatchObject({ ok: true });
        expect(contract[step.method].output.safeParse(result.value).success, label).toBe(true);
        if (isWrite(step.method)) expect(audited(), `${label}: a write leaves an audit entry`).toBeGreaterThan(before);
        else expect(audited(), `${label}: a read changes nothing`).toBe(before);
        if (step.keep) v[step.keep] = result.value;
      }
    } finally {
      side.close();
    }
    // Bytes went in and came back as the same bytes.
    expect(new TextDecoder().decode(v.bytes.data)).toBe('captured bytes\n');
  });

  async function call(method: Method, input: Record<string, unknown>, v: Vals, as: Step['as']) {
    const args = ['call', method, '--data', dir];
    if (as === 'admin' && v.admin) args.push('--as', v.admin.id);
    if (as === 'reviewer') args.push('--as', v.reviewer.id);
    const file = path.join(dir, '..', 'input.json');
    fs.writeFileSync(file, encodeInput(input));
    const r = await cf([...args, '--input-file', file]);
    expect(r.stderr, `${method}: stderr`).toBe('');
    expect(r.code, `${method}: exit code`).toBe(0);
    return decodeJson(r.stdout) as { ok: boolean; value: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }
});

function encodeInput(input: Record<string, unknown>): string {
  return JSON.stringify(input, (_k, x: unknown) => (x instanceof Uint8Array ? { [BYTES_TAG]: Buffer.from(x).toString('base64') } : x));
}

describe('casefile call, run as a script would', () => {
  let desk: string;
  let dana: string;
  beforeAll(async () => {
    desk = path.join(tempDir(), 'desk');
    expect((await cf(['init', '--unencrypted', '--data', desk])).code).toBe(0);
    const made = await cf(['call', 'profiles.create', '--data', desk, '--input', '{"name":"Dana Admin","initials":"DA","roles":["case_manager"]}']);
    expect(made.code, made.stderr).toBe(0);
    dana = (JSON.parse(made.stdout) as { value: { id: string } }).value.id;
  });

  it('reads the input from standard input with --input -, and fills in the acting profile', async () => {
    const r = cfProcess(['call', 'cases.create', '--data', desk, '--input', '-'], { input: '{"title":"Fourth of the month"}' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const made = JSON.parse(r.stdout) as { ok: true; value: { title: string; createdBy: string } };
    expect(made).toMatchObject({ ok: true, value: { title: 'Fourth of the month', createdBy: dana } });
  });

  it('bad JSON is a usage error (exit 2) that says where; nothing reaches the Core', async () => {
    const r = await cf(['call', 'cases.create', '--data', desk, '--input', '{"title": "x",}']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^casefile: --input is not valid JSON: .*position 14/m);
    const notObject = await cf(['call', 'cases.create', '--data', desk, '--input', '"x"']);
    expect(notObject.code).toBe(2);
    expect(notObject.stderr).toMatch(/--input must be a JSON object/);
    const both = await cf(['call', 'cases.list', '--data', desk, '--input', '{}', '--input-file', 'x.json']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/give the input once/);
  });

  it('input the contract refuses is the Core\'s refusal: exit 1, the message on stderr, the Result on stdout', async () => {
    const r = await cf(['call', 'cases.create', '--data', desk, '--input', '{"title":"ok","priority":"whenever","colour":"red"}']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^casefile: invalid_input: .*priority/);
    const result = JSON.parse(r.stdout) as { ok: false; error: { code: string; message: string } };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toMatch(/priority/);
    expect(result.error.message).toMatch(/colour/);
  });

  it('an unknown method is a usage error that suggests the right one; --list lists every method', async () => {
    const r = await cf(['call', 'case.list', '--data', desk]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no method case\.list in the contract; did you mean cases\.list/);
    const list = await cf(['call', '--list', '--json', '--data', desk]);
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as { method: string; access: string; actingProfile: boolean }[];
    expect(rows.map((x) => x.method)).toEqual(METHODS);
    expect(rows.find((x) => x.method === 'cases.get')).toMatchObject({ access: 'read', actingProfile: true });
    expect(rows.find((x) => x.method === 'profiles.list')).toMatchObject({ access: 'read', actingProfile: false });
  });
});
