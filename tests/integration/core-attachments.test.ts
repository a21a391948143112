import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditCount, makeDesk, newSource, refused, tableCounts, tempDir, useCleanup, type Desk } from './helpers';

useCleanup();

// A real 1x1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

/** Every file under `dir`, relative, sorted. */
function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

const storedFiles = (d: Desk) => walk(path.join(d.dir, 'attachments')).filter((f) => !f.startsWith(`tmp${path.sep}`));

function writeTemp(name: string, bytes: Uint8Array): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe('attachments through the Core', () => {
  it('the same bytes attached to two sources: two records, one stored file', async () => {
    const d = await makeDesk();
    const s1 = await newSource(d, { title: 'X post' });
    const s2 = await newSource(d, { title: 'Telegram repost' });
    const a1 = await d.core.attachFile(d.analyst.id, writeTemp('screenshot.png', PNG), { ownerType: 'source', ownerId: s1.id });
    const a2 = await d.core.invoke('attachments.add', { as: d.analyst.id, ownerType: 'source', ownerId: s2.id, fileName: 'copy.png', data: new Uint8Array(PNG) });
    expect(a1.id).not.toBe(a2.id);
    expect(a1.sha256).toBe(sha(PNG));
    expect(a2.sha256).toBe(a1.sha256);
    expect(a1).toMatchObject({ size: PNG.length, mediaType: 'image/png', originalName: 'screenshot.png', createdBy: d.analyst.id, ownerId: s1.id });
    expect(a2).toMatchObject({ originalName: 'copy.png', ownerId: s2.id });
    expect(storedFiles(d)).toEqual([path.join(a1.sha256.slice(0, 2), a1.sha256)]);
    expect((await d.core.invoke('attachments.list', { as: d.analyst.id, ownerType: 'source', ownerId: s1.id })).map((a) => a.id)).toEqual([a1.id]);
    expect(await d.core.invoke('attachments.get', { as: d.analyst.id, id: a2.id })).toEqual(a2);
    // The stored file is exactly the bytes given, and read-only.
    const stored = path.join(d.dir, 'attachments', a1.sha256.slice(0, 2), a1.sha256);
    expect(Buffer.compare(fs.readFileSync(stored), PNG)).toBe(0);
    if (process.platform !== 'win32') expect(fs.statSync(stored).mode & 0o222).toBe(0);
    expect(await d.core.invoke('attachments.verify', { as: d.analyst.id, id: a1.id })).toEqual({ ok: true, sha256: a1.sha256 });
  });

  it('a file named ../../x is stored only under attachments/ab/<sha>; the name is metadata', async () => {
    // The data folder sits two levels down in its own temp root, so "../../x" from the data
    // folder or from attachments/ would still land inside the root, where we can see it.
    const root = tempDir();
    const dataDir = path.join(root, 'a', 'b', 'data');
    const d = await makeDesk({}, dataDir);
    const s = await newSource(d);
    const bytes = Buffer.from('evidence text\n');
    const a = await d.core.invoke('attachments.add', { as: d.analyst.id, ownerType: 'source', ownerId: s.id, fileName: '../../x', data: new Uint8Array(bytes) });
    const src = tempDir();
    fs.mkdirSync(path.join(src, 'p', 'q'), { recursive: true });
    fs.writeFileSync(path.join(src, 'x'), 'other evidence\n');
    const b = await d.core.attachFile(d.analyst.id, path.join(src, 'p', 'q') + '/../../x', { ownerType: 'source', ownerId: s.id });
    expect(a.originalName).toBe('../../x');
    expect(b.originalName).toBe('x');
    const inData = (f: string) => path.join('a', 'b', 'data', f);
    expect(walk(root)).toEqual([
      inData(path.join('attachments', a.sha256.slice(0, 2), a.sha256)),
      inData(path.join('attachments', b.sha256.slice(0, 2), b.sha256)),
      inData('audit-head.json'), inData('casefile.sqlite'), inData('casefile.sqlite-shm'), inData('casefile.sqlite-wal'), inData('desk-key.json'),
    ].sort());
  });

  it('sniffs the media type from the bytes, not the name', async () => {
    const d = await makeDesk();
    const s = await newSource(d);
    const png = await d.core.invoke('attachments.add', { as: d.analyst.id, ownerType: 'source', ownerId: s.id, fileName: 'report.pdf', data: new Uint8Array(PNG) });
    expect(png.mediaType).toBe('image/png');
    const pdf = await d.core.attachFile(d.analyst.id, writeTemp('image.png', PDF), { ownerType: 'source', ownerId: s.id });
    expect(pdf.mediaType).toBe('application/pdf');
  });

  it('refuses a file over the size limit with too_large, and records nothing', async () => {
    const d = await makeDesk({ maxAttachmentBytes: 1024 });
    const s = await newSource(d);
    const counts = tableCounts(d.core.db);
    const big = new Uint8Array(1025).fill(7);
    const body = await refused(d.core.invoke('attachments.add', { as: d.analyst.id, ownerType: 'source', ownerId: s.id, fileName: 'big.bin', data: big }), 'too_large');
    expect(body.message).toMatch(/1 KiB/);
    await refused(d.core.attachFile(d.analyst.id, writeTemp('big.bin', big), { ownerType: 'source', ownerId: s.id }), 'too_large');
    expect(tableCounts(d.core.db)).toEqual(counts);
    expect(storedFiles(d)).toEqual([]);
    // Exactly at the limit is fine.
    const ok = await d.core.invoke('attachments.add', { as: d.analyst.id, ownerType: 'source', ownerId: s.id, fileName: 'edge.bin', data: new Uint8Array(1024).fill(7) });
    expect(ok.size).toBe(1024);
  });

  it('refuses attaching to a record that does not exist, or as a reviewer, and records nothing', async () => {
    const d = await makeDesk();
    const s = await newSource(d);
    const counts = tableCounts(d.core.db);
    await refused(d.core.invoke('attachments.add', { as: d.analyst.id, ownerType: 'statement', ownerId: s.id, fileName: 'a', data: new Uint8Array(PNG) }), 'not_found');
    expect((await refused(d.core.invoke('attachments.add', { as: d.reviewer.id, ownerType: 'source', ownerId: s.id, fileName: 'a', data: new Uint8Array(PNG) }), 'forbidden')).needsRole).toBeTruthy();
    await refused(d.core.attachFile(d.analyst.id, path.join(tempDir(), 'no-such-file.png'), { ownerType: 'source', ownerId: s.id }), 'invalid_input');
    // A bad owner type or description by the file-path door is refused before a byte is stored.
    const file = writeTemp('shot.png', PNG);
    const bogusOwner = { ownerType: 'planet', ownerId: s.id } as unknown as Parameters<typeof d.core.attachFile>[2];
    expect((await refused(d.core.attachFile(d.analyst.id, file, bogusOwner), 'invalid_input')).field).toBe('ownerType');
    await refused(d.core.attachFile(d.analyst.id, file, { ownerType: 'source', ownerId: s.id }, 'x'.repeat(5000)), 'invalid_input');
    expect((await refused(d.core.attachFile(d.analyst.id, tempDir(), { ownerType: 'source', ownerId: s.id }), 'invalid_input')).message).toMatch(/not a regular file/);
    expect(tableCounts(d.core.db)).toEqual(counts);
    expect(d.core.state.store.list()).toEqual([]);
  });

  it('check reports a stored file whose bytes changed on disk, and a missing one', async () => {
    const d = await makeDesk();
    const s = await newSource(d);
    const a = await d.core.invoke('attachments.add', { as: d.analyst.id, ownerType: 'source', ownerId: s.id, fileName: 'shot.png', data: new Uint8Array(PNG) });
    const b = await d.core.invoke('attachments.add', { as: d.analyst.id, ownerType: 'source', ownerId: s.id, fileName: 'doc.pdf', data: new Uint8Array(PDF) });
    expect((await d.core.check()).ok).toBe(true);

    const fileA = path.join(d.dir, 'attachments', a.sha256.slice(0, 2), a.sha256);
    fs.chmodSync(fileA, 0o644);
    const changed = Buffer.from(PNG);
    changed.writeUInt8(changed.readUInt8(changed.length - 1) ^ 0xff, changed.length - 1);
    fs.writeFileSync(fileA, changed);
    fs.chmodSync(path.join(d.dir, 'attachments', b.sha256.slice(0, 2), b.sha256), 0o644);
    fs.rmSync(path.join(d.dir, 'attachments', b.sha256.slice(0, 2), b.sha256));

    const report = await d.core.check();
    expect(report.ok).toBe(false);
    const problems = report.problems.join('\n');
    expect(problems).toContain(`Attachment ${a.sha256}: the stored file was modified`);
    expect(problems).toContain(sha(changed));
    expect(problems).toContain(`Attachment ${b.sha256}: the stored file is missing`);
    expect(await d.core.invoke('attachments.verify', { as: d.analyst.id, id: a.id })).toEqual({ ok: false, sha256: a.sha256, actual: sha(changed) });
    expect((await d.core.invoke('attachments.verify', { as: d.analyst.id, id: b.id })).ok).toBe(false);
  });

  it('trash, restore and purge: the stored file goes only when no record uses it', async () => {
    const d = await makeDesk();
    const s1 = await newSource(d);
    const s2 = await newSource(d);
    const a1 = await d.core.invoke('attachments.add', { as: d.analyst.id, ownerType: 'source', ownerId: s1.id, fileName: 'a.png', data: new Uint8Array(PNG) });
    const a2 = await d.core.invoke('attachments.add', { as: d.analyst.id, ownerType: 'source', ownerId: s2.id, fileName: 'b.png', data: new Uint8Array(PNG) });
    const t1 = await d.core.invoke('attachments.trash', { as: d.analyst.id, id: a1.id, rev: a1.rev });
    expect(await d.core.invoke('attachments.list', { as: d.analyst.id, ownerType: 'source', ownerId: s1.id })).toEqual([]);
    expect((await d.core.invoke('attachments.list', { as: d.analyst.id, ownerType: 'source', ownerId: s1.id, trashed: true })).map((a) => a.id)).toEqual([a1.id]);
    const audits = auditCount(d.core);
    await d.core.invoke('trash.purge', { as: d.admin.id, recordType: 'attachment', id: a1.id, rev: t1.rev });
    expect(auditCount(d.core)).toBe(audits + 1);
    expect(storedFiles(d)).toHaveLength(1); // a2 still uses it
    const t2 = await d.core.invoke('attachments.trash', { as: d.analyst.id, id: a2.id, rev: a2.rev });
    await d.core.invoke('trash.purge', { as: d.admin.id, recordType: 'attachment', id: a2.id, rev: t2.rev });
    expect(storedFiles(d)).toEqual([]);
    expect((await d.core.check()).ok).toBe(true);
  });

  it('a source with an attachment cannot be purged until the attachment is', async () => {
    const d = await makeDesk();
    const s = await newSource(d);
    await d.core.invoke('attachments.add', { as: d.analyst.id, ownerType: 'source', ownerId: s.id, fileName: 'a.png', data: new Uint8Array(PNG) });
    const t = await d.core.invoke('sources.trash', { as: d.analyst.id, id: s.id, rev: s.rev });
    expect((await refused(d.core.invoke('trash.purge', { as: d.admin.id, recordType: 'source', id: s.id, rev: t.rev }))).message).toMatch(/attachments/);
  });

  it('reads stored bytes back for a preview, refuses over the limit and refuses bytes changed on disk', async () => {
    const d = await makeDesk();
    const s = await newSource(d);
    const att = await d.core.attachFile(d.analyst.id, writeTemp('shot.png', PNG), { ownerType: 'source', ownerId: s.id });
    const read = await d.core.invoke('attachments.read', { as: d.reviewer.id, id: att.id });
    expect(Buffer.from(read.data).equals(PNG)).toBe(true);
    expect(read).toMatchObject({ mediaType: 'image/png', sha256: att.sha256 });
    expect((await refused(d.core.invoke('attachments.read', { as: d.analyst.id, id: att.id, maxBytes: 10 }), 'too_large')).message).toMatch(/limited to/);
    const file = d.core.state.store.pathFor(att.sha256);
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, Buffer.concat([PNG, Buffer.from('tampered')]));
    expect((await refused(d.core.invoke('attachments.read', { as: d.analyst.id, id: att.id, maxBytes: 1024 * 1024 }), 'failed')).message).toMatch(/modified on disk/);
  });
});
