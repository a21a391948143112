import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Attachment } from '../../../shared/domain';
import { createAttachmentOpener, removeOpenCopies, safeCopyName } from '../../../electron/main/openAttachment';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function setup(att: Partial<Attachment>, confirm = true) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-open-'));
  dirs.push(root);
  const stored = path.join(root, 'stored.bin');
  fs.writeFileSync(stored, 'EVIDENCE');
  const sha256 = crypto.createHash('sha256').update('EVIDENCE').digest('hex');
  const full = { originalName: 'x', mediaType: 'image/png', sha256, size: 8, ...att } as Attachment;
  const deps = {
    getAttachment: vi.fn(async () => full),
    copyStored: vi.fn(async (_sha: string, dest: string) => {
      fs.copyFileSync(stored, dest);
      fs.chmodSync(dest, 0o400);
    }),
    confirm: vi.fn(async () => confirm),
    openPath: vi.fn(async (_file: string) => ''),
    copiesRoot: path.join(root, 'user-data', 'open-copies'),
  };
  return { deps, open: createAttachmentOpener(deps), root, stored };
}

describe('opening an attachment in the system viewer', () => {
  it('asks first, then opens a read-only copy named by the sniffed type, not the captured name', async () => {
    const { deps, open } = setup({ originalName: 'invoice.pdf.exe', mediaType: 'image/png' });
    expect(await open('p', 'id')).toEqual({ opened: true });
    const file = deps.openPath.mock.calls[0]![0];
    expect(path.basename(file)).toBe('invoice_pdf.png');
    expect(fs.readFileSync(file, 'utf8')).toBe('EVIDENCE');
    expect(fs.statSync(file).mode & 0o222).toBe(0);
    expect(deps.confirm).toHaveBeenCalledTimes(1);
  });

  it.skipIf(process.platform === 'win32')('copies into a private folder of this user (0700), a fresh folder per opening', async () => {
    const { deps, open } = setup({});
    const old = process.umask(0);
    try {
      expect(await open('p', 'id')).toEqual({ opened: true });
      expect(await open('p', 'id')).toEqual({ opened: true });
    } finally {
      process.umask(old);
    }
    const [first, second] = deps.openPath.mock.calls.map((c) => c[0]);
    expect(path.dirname(path.dirname(first!))).toBe(deps.copiesRoot);
    expect(fs.statSync(deps.copiesRoot).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.dirname(first!)).mode & 0o777).toBe(0o700);
    expect(fs.statSync(first!).mode & 0o777).toBe(0o400);
    expect(path.dirname(first!)).not.toBe(path.dirname(second!));
  });

  it('re-hashes the copy and refuses to open bytes that no longer match the evidence', async () => {
    const { deps, open, stored } = setup({});
    fs.chmodSync(stored, 0o600);
    fs.writeFileSync(stored, 'EVIDENCF');
    const r = await open('p', 'id');
    expect(r.opened).toBe(false);
    expect(r).toMatchObject({ reason: expect.stringMatching(/was modified on disk .*it was not opened\. Run a check\./) });
    expect(deps.openPath).not.toHaveBeenCalled();
    // Nothing of the refused copy is left behind.
    expect(fs.readdirSync(deps.copiesRoot)).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')('refuses a copies folder that is a link someone planted', async () => {
    const { deps, open, root } = setup({});
    const elsewhere = path.join(root, 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.mkdirSync(path.dirname(deps.copiesRoot), { recursive: true });
    fs.symlinkSync(elsewhere, deps.copiesRoot);
    await expect(open('p', 'id')).rejects.toThrow(/is not a folder/);
    expect(fs.readdirSync(elsewhere)).toEqual([]);
    expect(deps.openPath).not.toHaveBeenCalled();
  });

  it('removes the copies (at quit, and those a crash left at the next start)', async () => {
    const { deps, open } = setup({});
    await open('p', 'id');
    await open('p', 'id');
    expect(fs.readdirSync(deps.copiesRoot)).toHaveLength(2);
    removeOpenCopies(deps.copiesRoot);
    expect(fs.readdirSync(deps.copiesRoot)).toEqual([]);
    // Nothing to remove, or no folder at all: nothing happens.
    removeOpenCopies(deps.copiesRoot);
    removeOpenCopies(path.join(deps.copiesRoot, 'missing'));
  });

  it('opens nothing when the user cancels', async () => {
    const { deps, open } = setup({}, false);
    expect(await open('p', 'id')).toEqual({ opened: false, reason: 'cancelled' });
    expect(deps.openPath).not.toHaveBeenCalled();
  });

  it('refuses types a viewer could run or that would go online, without asking', async () => {
    for (const mediaType of ['application/x-msdownload', 'text/html', 'application/zip', 'application/octet-stream']) {
      const { deps, open } = setup({ mediaType });
      const r = await open('p', 'id');
      expect(r.opened).toBe(false);
      expect(deps.confirm).not.toHaveBeenCalled();
      expect(deps.openPath).not.toHaveBeenCalled();
    }
  });

  it('makes a safe file name from any captured name', () => {
    expect(safeCopyName('../../etc/passwd', '.txt')).toBe('passwd.txt');
    expect(safeCopyName('C:\\Users\\x\\لقطة شاشة.png', '.png')).toBe('لقطة شاشة.png');
    expect(safeCopyName('...', '.pdf')).toBe('attachment.pdf');
    expect(safeCopyName('a\u202Egnp.exe', '.png')).toBe('a_gnp.png');
  });
});
