import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Plain Node cannot load Electron; reportFiles.ts must not need it at run time anyway.
vi.mock('electron', () => ({ ipcMain: { handle: vi.fn() } }));

import { CoreError } from '../../../electron/core/errors';
import { MAX_IMPORT_BYTES } from '../../../electron/core/io/reportImport/decode';
import { IMPORT_REPORT_CHANNEL, SAVE_EXPORT_CHANNEL, registerReportFileHandlers } from '../../../electron/main/reportFiles';
import { writeWhole } from '../../../electron/main/saveWhole';
import type { ReportFileDeps } from '../../../electron/main/reportFiles';
import type { Result } from '../../../shared/ipc/contract';

type Handler = (event: IpcMainInvokeEvent, request: unknown) => Promise<Result<unknown>>;

const PROFILE = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const REPORT = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';
const CASE = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d';
const BYTES = new TextEncoder().encode('Marking: PUBLIC\n\n# Headline\n');
const EXPORTED = {
  data: BYTES, fileName: 'headline-v1.md', mediaType: 'text/markdown', sha256: 'a'.repeat(64), version: 1, published: false, notices: [],
};
const EVENT = {} as IpcMainInvokeEvent;

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-reportfiles-')); });
afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

function setup(opts: { invoke?(method: string, input: unknown): Promise<unknown>; save?: string | null; open?: string | null; trusted?: boolean } = {}) {
  const handlers = new Map<string, Handler>();
  const ipc = { handle: vi.fn((channel: string, fn: Handler) => { handlers.set(channel, fn); }) };
  const core = { invoke: vi.fn(opts.invoke ?? (async () => EXPORTED)) };
  const deps: ReportFileDeps = {
    core,
    chooseSavePath: vi.fn(async () => opts.save ?? null),
    chooseImportFile: vi.fn(async () => opts.open ?? null),
  };
  registerReportFileHandlers(ipc, deps, () => opts.trusted ?? true);
  return {
    core, deps,
    save: (request: unknown) => handlers.get(SAVE_EXPORT_CHANNEL)!(EVENT, request),
    importPreview: (request: unknown) => handlers.get(IMPORT_REPORT_CHANNEL)!(EVENT, request),
  };
}

const filesIn = (d: string) => fs.readdirSync(d).sort();

describe('saving a report export', () => {
  it('writes the Core\'s bytes where the user chose, suggesting the Core\'s file name', async () => {
    const target = path.join(dir, 'chosen.md');
    const { save, core, deps } = setup({ save: target });
    const r = await save({ as: PROFILE, id: REPORT, format: 'md' });
    expect(r).toEqual({ ok: true, value: { saved: true, fileName: 'chosen.md', sha256: 'a'.repeat(64), version: 1, published: false, notices: [] } });
    expect(core.invoke).toHaveBeenCalledWith('reports.export', { as: PROFILE, id: REPORT, format: 'md', allowMarking: false });
    expect(deps.chooseSavePath).toHaveBeenCalledWith(EVENT, { fileName: 'headline-v1.md', format: 'md' });
    expect(fs.readFileSync(target)).toEqual(Buffer.from(BYTES));
    expect(filesIn(dir)).toEqual(['chosen.md']);
  });

  it('passes allowMarking and a version through to the Core', async () => {
    const { save, core } = setup({ save: path.join(dir, 'v1.pdf') });
    await save({ as: PROFILE, id: REPORT, format: 'pdf', version: 1, allowMarking: true });
    expect(core.invoke).toHaveBeenCalledWith('reports.export', { as: PROFILE, id: REPORT, format: 'pdf', version: 1, allowMarking: true });
  });

  it('writes nothing when the save dialog is cancelled', async () => {
    const { save } = setup({ save: null });
    const r = await save({ as: PROFILE, id: REPORT, format: 'md' });
    expect(r).toMatchObject({ ok: true, value: { saved: false, fileName: 'headline-v1.md' } });
    expect(filesIn(dir)).toEqual([]);
  });

  it('passes a refusal on as it is, without asking where to save', async () => {
    const current = [{ recordType: 'source', id: CASE, title: 'Restricted source', marking: 'restricted' }];
    const { save, deps } = setup({ invoke: async () => { throw new CoreError('forbidden', 'Too restricted.', { field: 'allowMarking', current }); } });
    const r = await save({ as: PROFILE, id: REPORT, format: 'html' });
    expect(r).toEqual({ ok: false, error: { code: 'forbidden', message: 'Too restricted.', field: 'allowMarking', current } });
    expect(deps.chooseSavePath).not.toHaveBeenCalled();
  });

  it.each([
    ['a path from the page', { as: PROFILE, id: REPORT, format: 'md', path: '/etc/passwd' }],
    ['an unknown format', { as: PROFILE, id: REPORT, format: 'exe' }],
    ['a report id that is not an id', { as: PROFILE, id: '../x', format: 'md' }],
  ])('refuses %s before the Core or a dialog is asked', async (_what, request) => {
    const { save, core, deps } = setup({ save: path.join(dir, 'x.md') });
    const r = await save(request);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(core.invoke).not.toHaveBeenCalled();
    expect(deps.chooseSavePath).not.toHaveBeenCalled();
  });

  it('refuses a sender that is not our page', async () => {
    const { save, core } = setup({ trusted: false, save: path.join(dir, 'x.md') });
    expect(await save({ as: PROFILE, id: REPORT, format: 'md' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.invoke).not.toHaveBeenCalled();
  });
});

describe('writeWhole', () => {
  it('replaces an existing file whole', async () => {
    const target = path.join(dir, 'report.md');
    fs.writeFileSync(target, 'old text that is longer than the new one');
    await writeWhole(target, BYTES);
    expect(fs.readFileSync(target, 'utf8')).toBe('Marking: PUBLIC\n\n# Headline\n');
    expect(filesIn(dir)).toEqual(['report.md']);
  });

  it('leaves neither a partial file nor a temp file when the write fails, and keeps the old file', async () => {
    // A directory where the file should go: the rename fails after the bytes were written.
    const target = path.join(dir, 'report.md');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'inside'), 'kept');
    await expect(writeWhole(target, BYTES)).rejects.toThrow(/Could not save report\.md: .*Nothing was written there\./);
    expect(filesIn(dir)).toEqual(['report.md']);
    expect(fs.readFileSync(path.join(target, 'inside'), 'utf8')).toBe('kept');
  });

  it('names the file when its folder is gone', async () => {
    await expect(writeWhole(path.join(dir, 'gone', 'report.md'), BYTES)).rejects.toThrow(/Could not save report\.md/);
    expect(filesIn(dir)).toEqual([]);
  });
});

describe('previewing a report import', () => {
  it('reads the file the user picked and asks the Core for a plan (which writes nothing)', async () => {
    const file = path.join(dir, 'sample.txt');
    fs.writeFileSync(file, 'Headline\n\nBody');
    const plan = { report: { headline: 'Headline' } };
    const { importPreview, core } = setup({ open: file, invoke: async () => plan });
    expect(await importPreview({ as: PROFILE, caseId: CASE })).toEqual({ ok: true, value: plan });
    expect(core.invoke).toHaveBeenCalledWith('reports.importPreview', { as: PROFILE, caseId: CASE, fileName: 'sample.txt', data: new Uint8Array(Buffer.from('Headline\n\nBody')) });
  });

  it('answers null when the open dialog is cancelled', async () => {
    const { importPreview, core } = setup({ open: null });
    expect(await importPreview({ as: PROFILE, caseId: CASE })).toEqual({ ok: true, value: null });
    expect(core.invoke).not.toHaveBeenCalled();
  });

  it('refuses a file too large to be a report before reading it', async () => {
    const file = path.join(dir, 'huge.html');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, MAX_IMPORT_BYTES + 1);
    const { importPreview, core } = setup({ open: file });
    const r = await importPreview({ as: PROFILE, caseId: CASE });
    expect(r).toMatchObject({ ok: false, error: { code: 'too_large', message: expect.stringContaining('"huge.html" is 5.0 MB') } });
    expect(core.invoke).not.toHaveBeenCalled();
  });

  it('names a file that cannot be read', async () => {
    const { importPreview } = setup({ open: path.join(dir, 'missing.txt') });
    expect(await importPreview({ as: PROFILE, caseId: CASE })).toMatchObject({ ok: false, error: { code: 'failed', message: expect.stringMatching(/^Could not read missing\.txt/) } });
  });

  it('refuses a request naming a file', async () => {
    const { importPreview, deps } = setup({ open: path.join(dir, 'x.txt') });
    expect(await importPreview({ as: PROFILE, caseId: CASE, path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(deps.chooseImportFile).not.toHaveBeenCalled();
  });
});
