// Case bundles between two desks (issue 13): export, signed and verified; import that merges
// without loss (new, one side, both sides, trash, translation revisions, the same bundle twice);
// and every way a bundle is refused (tampering, signature, keys, zip attacks), writing nothing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exchangeFile, importBundle } from '../../electron/core/io/bundle';
import { DEFAULT_LIMITS } from '../../electron/core/io/bundle/format';
import { createJob } from '../../electron/core/job';
import { checkIndex } from '../../electron/core/search/index';
import { readZip, writeZip, type RawEntry } from './bundleZip';
import { makeDesk, refused, tableCounts, useCleanup, type Desk } from './helpers';

useCleanup();

/** Exports a case from one desk and puts the file in the other's exchange folder. */
async function ship(from: Desk, to: Desk, caseId: string): Promise<string> {
  const out = await from.core.invoke('exchange.exportBundle', { as: from.admin.id, caseId });
  const dest = exchangeFile(to.core.dataDir, out.file);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.copyFileSync(exchangeFile(from.core.dataDir, out.file), dest);
  return out.file;
}

async function seed(d: Desk) {
  const as = d.admin.id;
  const kase = await d.core.invoke('cases.create', { as, title: 'Harakat statements' });
  const actor = await d.core.invoke('actors.create', { as, kind: 'person', name: 'Akram al-Kaabi', nameOriginal: 'أكرم الكعبي' });
  const st = await d.core.invoke('statements.create', { as, originalText: 'نص البيان الأول. والجملة الثانية.', language: 'ar', speakerId: actor.id, caseIds: [kase.id] });
  const src = await d.core.invoke('sources.create', { as, kind: 'social_post', title: 'Post on X', url: 'https://x.example/1', caseIds: [kase.id] });
  await d.core.invoke('citations.add', { as, citingType: 'statement', citingId: st.id, sourceId: src.id });
  const file = await d.core.invoke('attachments.add', { as, ownerType: 'source', ownerId: src.id, fileName: 'shot.png', data: new Uint8Array(crypto.randomBytes(4096)) });
  const note = await d.core.invoke('notes.create', { as, targetType: 'statement', targetId: st.id, body: 'Check the date' });
  return { kase, actor, st, src, file, note };
}

describe('case bundles between two desks', () => {
  it('moves a case whole to another desk, with its attachments, audit entries and provenance; a new key must be accepted once', async () => {
    const a = await makeDesk();
    const b = await makeDesk();
    const f = await seed(a);
    const file = await ship(a, b, f.kase.id);

    const preview = await b.core.invoke('exchange.inspectBundle', { as: b.admin.id, file });
    expect(preview.signer.trust).toBe('new');
    expect(preview.changes.filter((c) => c.action === 'add').map((c) => c.recordType)).toEqual(expect.arrayContaining(['case', 'statement', 'source', 'actor', 'note', 'attachment']));
    const before = tableCounts(b.core.db);
    const unknown = await refused(b.core.invoke('exchange.importBundle', { as: b.admin.id, file }), 'forbidden');
    expect(unknown.message).toContain(preview.signer.fingerprint);
    expect(tableCounts(b.core.db)).toEqual(before);

    const bundleBytes = fs.readFileSync(exchangeFile(b.dir, file));
    const res = await b.core.invoke('exchange.importBundle', { as: b.admin.id, file, trustKey: true });
    // Taken in, the staged copy is gone from the data folder.
    expect(fs.existsSync(exchangeFile(b.dir, file))).toBe(false);
    expect(res.counts.conflicts).toBe(0);
    const st = await b.core.invoke('statements.get', { as: b.admin.id, id: f.st.id });
    expect(st.originalText).toBe(f.st.originalText);
    expect((await b.core.invoke('cases.items', { as: b.admin.id, caseId: f.kase.id })).length).toBeGreaterThanOrEqual(2);
    const bytes = await b.core.invoke('attachments.read', { as: b.admin.id, id: f.file.id });
    expect(Buffer.from(bytes.data).equals(Buffer.from((await a.core.invoke('attachments.read', { as: a.admin.id, id: f.file.id })).data))).toBe(true);
    const db = b.core.db;
    expect(db.prepare("SELECT count(*) FROM record_provenance WHERE record_id = ?").pluck().get(f.st.id)).toBe(1);
    expect(db.prepare('SELECT count(*) FROM imported_audit WHERE record_id = ?').pluck().get(f.st.id)).toBeGreaterThan(0);
    expect(db.prepare('SELECT desk_name, fingerprint FROM trusted_keys').all()).toEqual([{ desk_name: a.core.state.key.deskName, fingerprint: a.core.state.key.fingerprint }]);
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'desk_key.trust'").pluck().get()).toBe(1);
    // Accepting the key is in this desk's trail with the key row it wrote; the other desk's
    // entries are that desk's trail, kept beside this one and never in it.
    expect(db.prepare("SELECT a.action FROM audit_rows r JOIN audit_log a USING (seq) WHERE r.tbl = 'trusted_keys'").pluck().all()).toEqual(['desk_key.trust']);
    expect(db.prepare("SELECT count(*) FROM audit_rows WHERE tbl = 'imported_audit'").pluck().get()).toBe(0);
    // Both desks still pass their checks: each chain verified on its own.
    expect((await b.core.check()).problems).toEqual([]);

    // The same bundle twice changes nothing.
    const once = tableCounts(b.core.db);
    const second = crypto.randomUUID();
    fs.writeFileSync(exchangeFile(b.dir, second), bundleBytes);
    const again = await b.core.invoke('exchange.importBundle', { as: b.admin.id, file: second });
    expect(again.counts).toMatchObject({ added: 0, updated: 0, conflicts: 0, links: 0, revisions: 0, auditEntries: 0 });
    expect(tableCounts(b.core.db)).toEqual(once);
  });

  it('fast-forwards a record changed on one side, and keeps both versions of one changed on both as a conflict', async () => {
    const a = await makeDesk();
    const b = await makeDesk();
    const f = await seed(a);
    await b.core.invoke('exchange.importBundle', { as: b.admin.id, file: await ship(a, b, f.kase.id), trustKey: true });

    // Only B edits the statement: back on A it fast-forwards.
    const sb = await b.core.invoke('statements.get', { as: b.admin.id, id: f.st.id });
    await b.core.invoke('statements.update', { as: b.admin.id, id: sb.id, rev: sb.rev, summary: 'Edited at B' });
    const r1 = await a.core.invoke('exchange.importBundle', { as: a.admin.id, file: await ship(b, a, f.kase.id), trustKey: true });
    expect(r1.counts.conflicts).toBe(0);
    expect((await a.core.invoke('statements.get', { as: a.admin.id, id: f.st.id })).summary).toBe('Edited at B');
    // The search index took the import in with it, as it does every write (the same as a rebuild).
    const found = (d: Desk, q: string) => d.core.invoke('search.query', { as: d.admin.id, q }).then((r) => r.hits.map((h) => h.id));
    expect(await found(a, 'Edited')).toEqual([f.st.id]);
    expect(checkIndex(a.core)).toEqual([]);
    expect(await found(b, 'الكعبي')).toEqual(expect.arrayContaining([f.actor.id]));

    // Both edit the source: a conflict, mine kept, theirs listed; nothing else blocked.
    const srcA = await a.core.invoke('sources.get', { as: a.admin.id, id: f.src.id });
    await a.core.invoke('sources.update', { as: a.admin.id, id: srcA.id, rev: srcA.rev, title: 'Title at A' });
    const srcB = await b.core.invoke('sources.get', { as: b.admin.id, id: f.src.id });
    await b.core.invoke('sources.update', { as: b.admin.id, id: srcB.id, rev: srcB.rev, title: 'Title at B' });
    const nb = await b.core.invoke('notes.get', { as: b.admin.id, id: f.note.id });
    await b.core.invoke('notes.update', { as: b.admin.id, id: nb.id, rev: nb.rev, body: 'Date checked' });
    const r2 = await a.core.invoke('exchange.importBundle', { as: a.admin.id, file: await ship(b, a, f.kase.id) });
    expect(r2.counts.conflicts).toBe(1);
    expect((await a.core.invoke('sources.get', { as: a.admin.id, id: f.src.id })).title).toBe('Title at A');
    expect((await a.core.invoke('notes.get', { as: a.admin.id, id: f.note.id })).body).toBe('Date checked');
    const [c] = await a.core.invoke('exchange.conflicts', { as: a.admin.id, caseId: f.kase.id });
    expect(c).toMatchObject({ kind: 'conflict', recordType: 'source', recordId: f.src.id, originFingerprint: b.core.state.key.fingerprint });
    expect(c!.theirs.title).toBe('Title at B');
    expect(c!.mine!.title).toBe('Title at A');

    // Take theirs; sent back, B has nothing to merge by hand.
    const resolved = await a.core.invoke('exchange.resolve', { as: a.admin.id, id: c!.id, resolution: 'theirs', rev: c!.mine!.rev as number });
    expect(resolved.resolution).toBe('theirs');
    expect((await a.core.invoke('sources.get', { as: a.admin.id, id: f.src.id })).title).toBe('Title at B');
    expect(await a.core.invoke('exchange.conflicts', { as: a.admin.id })).toEqual([]);
    const r3 = await b.core.invoke('exchange.importBundle', { as: b.admin.id, file: await ship(a, b, f.kase.id) });
    expect(r3.counts.conflicts).toBe(0);
    expect((await b.core.invoke('sources.get', { as: b.admin.id, id: f.src.id })).title).toBe('Title at B');
  });

  it('shows a trash on the other desk as a suggestion and never deletes here', async () => {
    const a = await makeDesk();
    const b = await makeDesk();
    const f = await seed(a);
    await b.core.invoke('exchange.importBundle', { as: b.admin.id, file: await ship(a, b, f.kase.id), trustKey: true });
    const nb = await b.core.invoke('notes.get', { as: b.admin.id, id: f.note.id });
    await b.core.invoke('notes.trash', { as: b.admin.id, id: nb.id, rev: nb.rev });
    const r = await a.core.invoke('exchange.importBundle', { as: a.admin.id, file: await ship(b, a, f.kase.id), trustKey: true });
    expect(r.counts.trashSuggestions).toBe(1);
    expect((await a.core.invoke('notes.get', { as: a.admin.id, id: f.note.id })).deletedAt).toBeNull();
    const [s] = await a.core.invoke('exchange.conflicts', { as: a.admin.id });
    expect(s).toMatchObject({ kind: 'trash', recordId: f.note.id });
  });

  it('unions translation revisions made on each side; approvals keep their pinned hash', async () => {
    const a = await makeDesk();
    const b = await makeDesk();
    const f = await seed(a);
    let t = await a.core.invoke('translations.start', { as: a.admin.id, statementId: f.st.id, targetLang: 'en' });
    t = await a.core.invoke('translations.edit', { as: a.admin.id, id: t.translation.id, rev: t.translation.rev, segments: t.latest.segments.map((s) => ({ id: s.id, target: 'First text.' })) });
    t = await a.core.invoke('translations.submit', { as: a.admin.id, id: t.translation.id, rev: t.translation.rev });
    t = await a.core.invoke('translations.approve', { as: a.reviewer.id, id: t.translation.id, rev: t.translation.rev });
    await b.core.invoke('exchange.importBundle', { as: b.admin.id, file: await ship(a, b, f.kase.id), trustKey: true });
    const tb = (await b.core.invoke('translations.get', { as: b.admin.id, statementId: f.st.id, targetLang: 'en' }))!;
    expect(tb.approved?.approvedSha256).toBe(t.approved?.approvedSha256);
    expect(tb.problems).toEqual([]);

    const seg = t.latest.segments[0]!.id;
    await a.core.invoke('translations.edit', { as: a.admin.id, id: t.translation.id, rev: t.translation.rev, segments: [{ id: seg, target: 'Edited at A.' }] });
    await b.core.invoke('translations.edit', { as: b.admin.id, id: tb.translation.id, rev: tb.translation.rev, segments: [{ id: seg, target: 'Edited at B.' }] });
    await a.core.invoke('exchange.importBundle', { as: a.admin.id, file: await ship(b, a, f.kase.id), trustKey: true });
    const revs = a.core.db.prepare('SELECT number, segments FROM translation_revisions WHERE translation_id = ? ORDER BY number').all(t.translation.id) as { number: number; segments: string }[];
    expect(revs.map((r) => r.number)).toEqual([1, 2, 3]);
    expect(revs.map((r) => (JSON.parse(r.segments) as { target: string }[])[0]!.target)).toEqual(['First text.', 'Edited at A.', 'Edited at B.']);
    expect((await a.core.check()).problems).toEqual([]);
  });

  it('leaves out records more restricted than the bundle, lists them, and includes them only when allowed (audited)', async () => {
    const a = await makeDesk();
    const f = await seed(a);
    const secret = await a.core.invoke('statements.create', { as: a.admin.id, originalText: 'سري', language: 'ar', marking: 'restricted', caseIds: [f.kase.id] });
    const out = await a.core.invoke('exchange.exportBundle', { as: a.admin.id, caseId: f.kase.id, marking: 'internal' });
    expect(out.leftOut.map((r) => r.id)).toEqual([secret.id]);
    const lines = (await readZip(exchangeFile(a.dir, out.file))).find((e) => e.name === 'records.jsonl')!.data.toString('utf8');
    expect(lines).not.toContain(secret.id);
    const allowed = await a.core.invoke('exchange.exportBundle', { as: a.admin.id, caseId: f.kase.id, marking: 'internal', allowMarking: true });
    expect(allowed.allowed.map((r) => r.id)).toEqual([secret.id]);
    const audit = a.core.db.prepare("SELECT changes FROM audit_log WHERE action = 'bundle.export' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
    expect(audit).toContain(secret.id);
  });
});

describe('bundles between encrypted desks', () => {
  // Cheap scrypt: these tests are about what a bundle carries, not about the cost of guessing.
  const sealed = { create: { method: 'passphrase', passphrase: 'correct horse battery staple', scrypt: { N: 2 ** 10, r: 8, p: 1 } } } as const;
  const storedBytes = (d: Desk, sha: string) => fs.readFileSync(d.core.state.store.pathFor(sha));

  it('carry the plain bytes of attachments; an encrypted desk seals what it takes in, a plain one keeps them plain', async () => {
    const a = await makeDesk(sealed);
    const b = await makeDesk(sealed);
    const c = await makeDesk();
    expect(a.core.encrypted && b.core.encrypted && !c.core.encrypted).toBe(true);
    const f = await seed(a);
    const plain = Buffer.from((await a.core.invoke('attachments.read', { as: a.admin.id, id: f.file.id })).data);
    expect(storedBytes(a, f.file.sha256).includes(plain.subarray(0, 64))).toBe(false);

    const file = await ship(a, b, f.kase.id);
    const inZip = (await readZip(exchangeFile(b.dir, file))).find((e) => e.name === `files/${f.file.sha256}`)!;
    expect(inZip.data.equals(plain)).toBe(true);

    await b.core.invoke('exchange.importBundle', { as: b.admin.id, file, trustKey: true });
    expect(Buffer.from((await b.core.invoke('attachments.read', { as: b.admin.id, id: f.file.id })).data).equals(plain)).toBe(true);
    expect(storedBytes(b, f.file.sha256).includes(plain.subarray(0, 64))).toBe(false);
    expect((await b.core.check()).problems).toEqual([]);

    await c.core.invoke('exchange.importBundle', { as: c.admin.id, file: await ship(a, c, f.kase.id), trustKey: true });
    expect(storedBytes(c, f.file.sha256).equals(plain)).toBe(true);
    expect((await c.core.check()).problems).toEqual([]);
  });

  it('refuses to export a case whose stored attachment is damaged, leaving no file', async () => {
    const a = await makeDesk(sealed);
    const f = await seed(a);
    const stored = a.core.state.store.pathFor(f.file.sha256);
    fs.chmodSync(stored, 0o644);
    const bytes = fs.readFileSync(stored);
    bytes[bytes.length - 1]! ^= 1;
    fs.writeFileSync(stored, bytes);
    const err = await refused(a.core.invoke('exchange.exportBundle', { as: a.admin.id, caseId: f.kase.id }));
    expect(err.message).toContain(f.file.sha256.slice(0, 12));
    expect(fs.readdirSync(path.join(a.dir, 'exchange'))).toEqual([]);
    expect(a.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'bundle.export'").pluck().get()).toBe(0);
  });
});

describe('bundles that are refused, writing nothing', () => {
  async function bundleFor(): Promise<{ a: Desk; b: Desk; file: string; entries: RawEntry[] }> {
    const a = await makeDesk();
    const b = await makeDesk();
    const f = await seed(a);
    const file = await ship(a, b, f.kase.id);
    return { a, b, file, entries: await readZip(exchangeFile(b.dir, file)) };
  }
  async function refusedWith(b: Desk, file: string, entries: RawEntry[], message: RegExp, limits = DEFAULT_LIMITS) {
    writeZip(exchangeFile(b.dir, file), entries);
    const before = tableCounts(b.core.db);
    const blobs = blobCount(b.dir);
    const err = await refused(importBundle(b.core.state, { profile: b.admin }, { file, trustKey: true }, createJob(), limits));
    expect(err.message).toMatch(message);
    expect(tableCounts(b.core.db)).toEqual(before);
    expect(blobCount(b.dir)).toBe(blobs);
  }
  const blobCount = (dir: string) => (fs.existsSync(path.join(dir, 'attachments')) ? fs.readdirSync(path.join(dir, 'attachments'), { recursive: true }).filter((n) => /[0-9a-f]{64}$/.test(String(n))).length : 0);
  const swap = (entries: RawEntry[], name: string, fn: (d: Buffer) => Buffer) => entries.map((e) => (e.name === name ? { ...e, data: fn(e.data) } : e));

  it('a tampered record file', async () => {
    const { b, file, entries } = await bundleFor();
    await refusedWith(b, file, swap(entries, 'records.jsonl', (d) => Buffer.from(d.toString('utf8').replace('Check the date', 'Check the data'))), /records\.jsonl does not match the SHA-256/);
  });
  it('a tampered attachment', async () => {
    const { b, file, entries } = await bundleFor();
    const name = entries.find((e) => e.name.startsWith('files/'))!.name;
    await refusedWith(b, file, swap(entries, name, (d) => Buffer.from(d.map((x, i) => (i === 0 ? x ^ 1 : x)))), /hashes to [0-9a-f]{64}: it was altered/);
  });
  it('a bad signature', async () => {
    const { b, file, entries } = await bundleFor();
    await refusedWith(b, file, swap(entries, 'manifest.json', (d) => Buffer.from(d.toString('utf8').replace('"marking": "internal"', '"marking": "public"'))), /signature does not match/);
  });
  // Someone holding the exporting desk's key (or that desk, edited outside Casefile) can make a
  // bundle whose hashes and signature all hold; its records must still agree with its own entries.
  const resign = (a: Desk, entries: RawEntry[], records: (text: string) => string): RawEntry[] => {
    const body = Buffer.from(records(entries.find((e) => e.name === 'records.jsonl')!.data.toString('utf8')), 'utf8');
    const manifest = JSON.parse(entries.find((e) => e.name === 'manifest.json')!.data.toString('utf8')) as { files: { path: string; size: number; sha256: string }[] };
    const listed = manifest.files.find((x) => x.path === 'records.jsonl')!;
    listed.size = body.length;
    listed.sha256 = crypto.createHash('sha256').update(body).digest('hex');
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    const signature = Buffer.from(a.core.state.key.sign(manifestBytes).toString('base64'), 'ascii');
    return entries.map((e) => (e.name === 'records.jsonl' ? { ...e, data: body } : e.name === 'manifest.json' ? { ...e, data: manifestBytes } : e.name === 'manifest.sig' ? { ...e, data: signature } : e));
  };
  const forgeRecord = (text: string) => text.split('\n').map((l) => (l.includes('"kind":"record"') ? l.replace('Check the date', 'Check the data') : l)).join('\n');
  it('a signed bundle whose record disagrees with its own audit entries', async () => {
    const { a, b, file, entries } = await bundleFor();
    const note = a.core.db.prepare('SELECT id FROM notes').pluck().get() as string;
    const forged = resign(a, entries, forgeRecord);
    await refusedWith(b, file, forged, new RegExp(`disagree with its own audit trail.*note ${note}: body differs from the bundle's audit trail: expected "Check the date" \\(entry \\d+\\), found "Check the data"`));
  });
  it('a signed bundle whose record and row images were both forged', async () => {
    const { a, b, file, entries } = await bundleFor();
    // The entries' own words (their changes) are left alone: only the images that vouch for the record.
    const forgeImages = (text: string) => text.split('\n').map((l) => {
      if (!l.includes('"kind":"audit"')) return l;
      const line = JSON.parse(l) as { rows: { data: string | null }[] };
      for (const r of line.rows) if (r.data) r.data = r.data.replace('Check the date', 'Check the data');
      return JSON.stringify(line);
    }).join('\n');
    await refusedWith(b, file, resign(a, entries, (t) => forgeImages(forgeRecord(t))), /row images of audit entry \d+ of desk [0-9a-f-]+ do not match its hash/);
  });
  it('a desk whose key changed since it was accepted', async () => {
    const { a, b, file } = await bundleFor();
    await b.core.invoke('exchange.importBundle', { as: b.admin.id, file, trustKey: true });
    b.core.db.prepare("UPDATE trusted_keys SET public_key = ?").run(Buffer.alloc(32, 7).toString('base64'));
    const file2 = await ship(a, b, (a.core.db.prepare('SELECT id FROM cases').pluck().get() as string));
    await refusedWith(b, file2, await readZip(exchangeFile(b.dir, file2)), /not the key .* accepted for that desk/);
  });
  it('an absolute path', async () => {
    const { b, file, entries } = await bundleFor();
    await refusedWith(b, file, [...entries, { name: '/etc/passwd', data: Buffer.from('x') }], /absolute path/);
  });
  it('a path with ..', async () => {
    const { b, file, entries } = await bundleFor();
    await refusedWith(b, file, [...entries, { name: 'files/../../evil', data: Buffer.from('x') }], /climbs out of its folder/);
  });
  it('a symlink', async () => {
    const { b, file, entries } = await bundleFor();
    await refusedWith(b, file, [...entries, { name: 'link', data: Buffer.from('/etc/passwd'), mode: 0o120777 }], /symbolic link/);
  });
  it('duplicate names', async () => {
    const { b, file, entries } = await bundleFor();
    await refusedWith(b, file, [...entries, entries.find((e) => e.name === 'records.jsonl')!], /two files named "records\.jsonl"/);
  });
  it('too many entries', async () => {
    const { b, file, entries } = await bundleFor();
    await refusedWith(b, file, entries, /more than the 3 a bundle may/, { ...DEFAULT_LIMITS, maxEntries: 3 });
  });
  it('too large unpacked', async () => {
    const { b, file, entries } = await bundleFor();
    await refusedWith(b, file, entries, /more than 1 KiB unpacked/, { ...DEFAULT_LIMITS, maxTotalBytes: 1024 });
  });
  it('records too large to read into memory', async () => {
    const { b, file, entries } = await bundleFor();
    await refusedWith(b, file, entries, /"records\.jsonl" is larger than 100 bytes/, { ...DEFAULT_LIMITS, maxMetadataBytes: 100 });
  });
  it('a zip bomb (compression ratio)', async () => {
    const { b, file, entries } = await bundleFor();
    await refusedWith(b, file, [...entries, { name: 'files/bomb', data: Buffer.alloc(8 * 1024 * 1024), deflate: true }], /zip bomb/);
  });
  it('a file the manifest does not list', async () => {
    const { b, file, entries } = await bundleFor();
    await refusedWith(b, file, [...entries, { name: 'extra.txt', data: Buffer.from('hello') }], /does not list \("extra\.txt"\)/);
  });
});

describe('casefile check after an import', () => {
  it("verifies each desk's imported chain on its own and finds an entry altered here", async () => {
    const a = await makeDesk();
    const b = await makeDesk();
    const f = await seed(a);
    await b.core.invoke('exchange.importBundle', { as: b.admin.id, file: await ship(a, b, f.kase.id), trustKey: true });
    expect((await b.core.check()).problems).toEqual([]);
    // Edited behind the Core's back (the append-only trigger dropped first, as an attacker would).
    b.core.db.exec('DROP TRIGGER imported_audit_no_update');
    b.core.db.prepare("UPDATE imported_audit SET action = 'statement.forged' WHERE seq = (SELECT min(seq) FROM imported_audit WHERE record_id = ?)").run(f.st.id);
    const report = await b.core.check();
    expect(report.problems.join('\n')).toMatch(/of desk [0-9a-f-]+ \(imported\) does not match its hash/);
  });
});

describe('records against the trail after an exchange', () => {
  it('the receiving desk checks clean after a merge, and after each way a conflict or trash suggestion is settled', async () => {
    const a = await makeDesk();
    const b = await makeDesk();
    const f = await seed(a);
    await b.core.invoke('exchange.importBundle', { as: b.admin.id, file: await ship(a, b, f.kase.id), trustKey: true });
    expect((await b.core.check()).problems).toEqual([]);
    // Both edit the source and the statement, B trashes the note: two conflicts and a trash suggestion on A.
    const edit = async (d: Desk, at: string) => {
      const src = await d.core.invoke('sources.get', { as: d.admin.id, id: f.src.id });
      await d.core.invoke('sources.update', { as: d.admin.id, id: src.id, rev: src.rev, title: `Title at ${at}` });
      const st = await d.core.invoke('statements.get', { as: d.admin.id, id: f.st.id });
      await d.core.invoke('statements.update', { as: d.admin.id, id: st.id, rev: st.rev, summary: `Summary at ${at}` });
    };
    await edit(a, 'A');
    await edit(b, 'B');
    const nb = await b.core.invoke('notes.get', { as: b.admin.id, id: f.note.id });
    await b.core.invoke('notes.trash', { as: b.admin.id, id: nb.id, rev: nb.rev });
    const r = await a.core.invoke('exchange.importBundle', { as: a.admin.id, file: await ship(b, a, f.kase.id), trustKey: true });
    expect(r.counts).toMatchObject({ conflicts: 2, trashSuggestions: 1 });
    expect((await a.core.check()).problems).toEqual([]);
    const open = await a.core.invoke('exchange.conflicts', { as: a.admin.id });
    const of = (id: string, kind: string) => open.find((c) => c.recordId === id && c.kind === kind)!;
    await a.core.invoke('exchange.resolve', { as: a.admin.id, id: of(f.src.id, 'conflict').id, resolution: 'mine', rev: of(f.src.id, 'conflict').mine!.rev as number });
    expect((await a.core.check()).problems).toEqual([]);
    await a.core.invoke('exchange.resolve', { as: a.admin.id, id: of(f.st.id, 'conflict').id, resolution: 'theirs', rev: of(f.st.id, 'conflict').mine!.rev as number });
    expect((await a.core.check()).problems).toEqual([]);
    await a.core.invoke('exchange.resolve', { as: a.admin.id, id: of(f.note.id, 'trash').id, resolution: 'trashed', rev: of(f.note.id, 'trash').mine!.rev as number });
    expect((await a.core.check()).problems).toEqual([]);
    expect((await a.core.invoke('sources.get', { as: a.admin.id, id: f.src.id })).title).toBe('Title at A');
    expect((await a.core.invoke('statements.get', { as: a.admin.id, id: f.st.id })).summary).toBe('Summary at B');
    // Sent back to B, which takes A's settled versions in and checks clean too.
    await b.core.invoke('exchange.importBundle', { as: b.admin.id, file: await ship(a, b, f.kase.id) });
    expect((await b.core.check()).problems).toEqual([]);
    expect((await b.core.invoke('sources.get', { as: b.admin.id, id: f.src.id })).title).toBe('Title at A');
  });
});

describe('bundle export', () => {
  it('records the SHA-256 of the file it wrote, and a cancelled export leaves no file', async () => {
    const a = await makeDesk();
    const f = await seed(a);
    const out = await a.core.invoke('exchange.exportBundle', { as: a.admin.id, caseId: f.kase.id });
    const bytes = fs.readFileSync(exchangeFile(a.dir, out.file));
    expect(out.sha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
    expect(out.size).toBe(bytes.length);

    const stop = new AbortController();
    stop.abort();
    const before = fs.readdirSync(path.join(a.dir, 'exchange')).length;
    await refused(a.core.invoke('exchange.exportBundle', { as: a.admin.id, caseId: f.kase.id }, { signal: stop.signal }), 'cancelled');
    expect(fs.readdirSync(path.join(a.dir, 'exchange')).length).toBe(before);
  });
});
