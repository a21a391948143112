import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Attachment } from '../../../shared/domain';
import { createAttachmentOpener, safeCopyName } from '../../../electron/main/openAttachment';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function setup(att: Partial<Attachment>, confirm = true) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-open-'));
  dirs.push(root);
  const stored = path.join(root, 'stored.bin');
  fs.writeFileSync(stored, 'EVIDENCE');
  const full = { originalName: 'x', mediaType: 'image/png', sha256: 'a'.repeat(64), size: 8, ...att } as Attachment;
  const deps = {
    getAttachment: vi.fn(async () => full),
    copyStored: vi.fn(async (_sha: string, dest: string) => {
      fs.copyFileSync(stored, dest);
      fs.chmodSync(dest, 0o400);
    }),
    confirm: vi.fn(async () => confirm),
    openPath: vi.fn(async (_file: string) => ''),
    tempRoot: path.join(root, 'open'),
  };
  return { deps, open: createAttachmentOpener(deps), root };
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
