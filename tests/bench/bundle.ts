/**
 * `npm run bench:bundle [-- --statements 10000 --mb 1024 --encrypted --json]`: bundle export and
 * import of one case with N statements (synthetic Arabic originals, one audit entry each) and
 * attachments totalling MB megabytes (64 MB files of random bytes). With --encrypted both desks
 * are encrypted at rest: export opens every sealed attachment, import seals them again. Export and import each run in a process
 * of their own (bundle-child.ts), so the peak RSS printed is theirs alone: attachments are
 * streamed, never held whole, so the peak must stay far below the attachment total.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { v7 as uuidv7 } from 'uuid';
import { appendAudit, readChainHead } from '../../electron/core/audit/chain';
import { startCapture, stopCapture, takeCaptured } from '../../electron/core/audit/capture';
import { writeSignedHead } from '../../electron/core/audit/head';
import { columnsOf, recordToRow, tableOf } from '../../electron/core/db/tables';
import { createCore } from '../../electron/core/index';
import { makeActors, makeStatement, makeVocab, rng } from './search-corpus';

const REPO = path.resolve(__dirname, '../..');
const { values: args } = parseArgs({
  options: { statements: { type: 'string', default: '10000' }, mb: { type: 'string', default: '1024' }, json: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false }, encrypted: { type: 'boolean', default: false } },
  strict: true,
});
const N = Number(args.statements);
const MB = Number(args.mb);
const say = (line: string) => { if (!args.json) console.log(line); };
// The children unlock with it (bundle-child.ts); the bench's own desks only.
const PASSPHRASE = 'bench passphrase for both desks';
if (args.encrypted) process.env.CASEFILE_BENCH_PASSPHRASE = PASSPHRASE;
const create = args.encrypted ? { create: { method: 'passphrase', passphrase: PASSPHRASE } } as const : {};

async function seed(dir: string): Promise<{ as: string; caseId: string }> {
  const core = createCore({ dataDir: dir, ...create });
  const profile = await core.invoke('profiles.create', { as: null, name: 'Bench', initials: 'B', roles: ['admin', 'analyst', 'case_manager'] });
  const kase = await core.invoke('cases.create', { as: profile.id, title: 'Bench case' });
  const db = core.db;
  const now = '2025-01-01T00:00:00.000Z';
  const meta = { rev: 1, createdAt: now, updatedAt: now, createdBy: profile.id, updatedBy: profile.id, deletedAt: null };
  const insert = (type: 'actor' | 'statement') => {
    const def = tableOf(type);
    const cols = columnsOf(def);
    const stmt = db.prepare(`INSERT INTO ${def.table} (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`);
    return (rec: Record<string, unknown>) => {
      stmt.run(recordToRow(def, rec));
      appendAudit(db, { actorId: profile.id, action: `${type}.create`, recordType: type, recordId: rec.id as string, changes: { id: [null, rec.id] }, at: now }, takeCaptured(db));
    };
  };
  const rand = rng(20231101);
  const vocab = makeVocab(rand);
  const actors = makeActors(rand, 200, uuidv7);
  const tags = Array.from({ length: 300 }, (_, i) => `${vocab.en[(i * 7) % 2000]}_${vocab.en[(i * 13 + 5) % 2000]}`);
  const item = db.prepare("INSERT INTO case_items (case_id, item_type, item_id, added_at, added_by) VALUES (?, 'statement', ?, ?, ?)");
  const addItem = (id: string) => {
    item.run(kase.id, id, now, profile.id);
    appendAudit(db, { actorId: profile.id, action: 'case.addItem', recordType: 'case', recordId: kase.id, changes: { items: [null, `statement:${id}`] }, at: now }, takeCaptured(db));
  };
  // As the Core's write(): the rows are noted, and each entry holds the images of those it wrote
  // (a seeded desk whose trail disowned its records would be refused by the import's replay).
  db.transaction(() => {
    startCapture(db);
    const insActor = insert('actor');
    for (const a of actors) insActor({ ...meta, id: a.id, kind: a.kind, name: a.name, nameOriginal: a.nameOriginal, aliases: a.aliases, description: '', country: 'Iraq' });
    const insSt = insert('statement');
    for (let i = 0; i < N; i++) {
      const g = makeStatement(rand, vocab, actors, 1, tags);
      const id = uuidv7();
      insSt({
        ...meta, id, speakerId: g.speaker.id, onBehalfOfId: null, saidAt: g.saidAt, datePrecision: 'day', timezone: null,
        platform: g.platform, handle: null, url: null, language: 'ar', originalText: g.originalText, originalStatus: 'captured',
        publishedWording: g.publishedWording, publishedWordingLanguage: 'en', summary: g.summary, hashtags: g.hashtags,
        mentions: [], links: [], scriptureRefs: [], reliability: null, credibility: null, marking: 'internal',
      });
      addItem(id);
    }
    const undescribed = stopCapture(db);
    if (undescribed.length) throw new Error(`seeded rows of ${undescribed.join(', ')} have no audit entry`);
  })();
  writeSignedHead(dir, core.state.key, readChainHead(db));
  const source = await core.invoke('sources.create', { as: profile.id, kind: 'video', title: 'Recordings', caseIds: [kase.id] });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-bench-files-'));
  const fileMb = 64;
  for (let left = MB, n = 0; left > 0; left -= fileMb, n++) {
    const file = path.join(tmp, `video-${n}.bin`);
    const fd = fs.openSync(file, 'w');
    for (let i = 0; i < Math.min(fileMb, left); i++) fs.writeSync(fd, crypto.randomBytes(1024 * 1024));
    fs.closeSync(fd);
    await core.attachFile(profile.id, file, { ownerType: 'source', ownerId: source.id });
    fs.rmSync(file);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  core.close();
  return { as: profile.id, caseId: kase.id };
}

function child(op: string, ...rest: string[]): { ms: number; peakRssMb: number; detail: Record<string, unknown> } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'bundle-child.ts'), op, ...rest], { cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${op} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as { ms: number; peakRssMb: number; detail: Record<string, unknown> };
}

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-bench-bundle-'));
  try {
    const a = path.join(root, 'a');
    const b = path.join(root, 'b');
    say(`Seeding a case of ${N.toLocaleString('en-US')} statements and ${MB} MB of attachments${args.encrypted ? ' on encrypted desks' : ''}…`);
    const { caseId } = await seed(a);
    const dB = createCore({ dataDir: b, ...create });
    await dB.invoke('profiles.create', { as: null, name: 'Other', initials: 'O', roles: ['admin', 'analyst', 'case_manager'] });
    dB.close();
    const file = path.join(root, 'case.cfb');
    const exp = child('export', a, caseId, file);
    const imp = child('import', b, file);
    const result = { statements: N, attachmentsMb: MB, encrypted: args.encrypted, bundleMb: Math.round(fs.statSync(file).size / 1024 / 1024), export: exp, import: imp };
    if (args.json) console.log(JSON.stringify(result));
    else {
      say(`bundle: ${result.bundleMb} MB`);
      say(`export: ${(exp.ms / 1000).toFixed(1)} s, peak RSS ${exp.peakRssMb} MB`);
      say(`import: ${(imp.ms / 1000).toFixed(1)} s, peak RSS ${imp.peakRssMb} MB (${JSON.stringify(imp.detail)})`);
    }
  } finally {
    if (!args.keep) fs.rmSync(root, { recursive: true, force: true });
    else say(`kept ${root}`);
  }
}

void main();
