// main's side of case bundle files: the page names no path; a picked bundle is staged in the
// desk's exchange folder under an id, an exported one saved where the user chose (whole or not
// at all) and never left behind in the data folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ ipcMain: { handle: vi.fn() } }));

import { exchangeFile, EXCHANGE_DIR } from '../../../electron/core/io/bundle';
import { clearStaleBundles, PICK_BUNDLE_CHANNEL, registerBundleHandlers, SAVE_BUNDLE_CHANNEL } from '../../../electron/main/bundleFiles';
import type { Result } from '../../../shared/ipc/contract';

type Handler = (event: IpcMainInvokeEvent, request?: unknown) => Promise<Result<unknown>>;
const EVENT = {} as IpcMainInvokeEvent;
const BYTES = Buffer.from('PK\u0003\u0004 a bundle');

let dir: string;
let dataDir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-bundlefiles-'));
  dataDir = path.join(dir, 'desk');
  fs.mkdirSync(dataDir);
});
afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

function setup(opts: { pick?: string | null; save?: string | null; trusted?: boolean } = {}) {
  const handlers = new Map<string, Handler>();
  const ipc = { handle: vi.fn((channel: string, fn: Handler) => { handlers.set(channel, fn); }) };
  const deps = { dataDir, chooseBundle: vi.fn(async () => opts.pick ?? null), chooseDestination: vi.fn(async () => opts.save ?? null) };
  registerBundleHandlers(ipc, deps, () => opts.trusted ?? true);
  return {
    deps,
    pick: () => handlers.get(PICK_BUNDLE_CHANNEL)!(EVENT),
    save: (request: unknown) => handlers.get(SAVE_BUNDLE_CHANNEL)!(EVENT, request),
  };
}

const exported = (id = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b') => {
  fs.mkdirSync(path.join(dataDir, EXCHANGE_DIR), { recursive: true });
  fs.writeFileSync(exchangeFile(dataDir, id), BYTES);
  return id;
};
const exchangeFiles = () => (fs.existsSync(path.join(dataDir, EXCHANGE_DIR)) ? fs.readdirSync(path.join(dataDir, EXCHANGE_DIR)) : []);

describe('case bundle files', () => {
  it('stages the picked bundle in the exchange folder and hands the page only its id', async () => {
    const picked = path.join(dir, 'case.cfb');
    fs.writeFileSync(picked, BYTES);
    const r = await setup({ pick: picked }).pick();
    expect(r.ok).toBe(true);
    const { file } = (r as { value: { file: string } }).value;
    expect(fs.readFileSync(exchangeFile(dataDir, file))).toEqual(BYTES);
    expect(fs.readFileSync(picked)).toEqual(BYTES);
    expect(await setup({ pick: null }).pick()).toEqual({ ok: true, value: null });
  });

  it('saves an exported bundle where the user chose and removes it from the data folder; a cancel removes it too', async () => {
    const target = path.join(dir, 'out', 'case.cfb');
    fs.mkdirSync(path.dirname(target));
    fs.writeFileSync(target, 'the old bundle');
    const { save, deps } = setup({ save: target });
    expect(await save({ file: exported(), fileName: '../sneaky/case.cfb' })).toEqual({ ok: true, value: { saved: true } });
    // The page's name is only a suggestion, and never a path.
    expect(deps.chooseDestination).toHaveBeenCalledWith(EVENT, 'case.cfb');
    expect(fs.readFileSync(target)).toEqual(BYTES);
    expect(fs.readdirSync(path.dirname(target))).toEqual(['case.cfb']);
    expect(exchangeFiles()).toEqual([]);

    expect(await setup({ save: null }).save({ file: exported(), fileName: 'case.cfb' })).toEqual({ ok: true, value: null });
    expect(exchangeFiles()).toEqual([]);
  });

  it('a failed save leaves the old file as it was and no partial file', async () => {
    const target = path.join(dir, 'case.cfb');
    fs.mkdirSync(target);
    const r = await setup({ save: target }).save({ file: exported(), fileName: 'case.cfb' });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Could not save case\.cfb: .*Nothing was written there\./) } });
    expect(fs.readdirSync(dir).sort()).toEqual(['case.cfb', 'desk']);
    expect(fs.statSync(target).isDirectory()).toBe(true);
  });

  it('refuses a sender that is not our page', async () => {
    const { pick, save, deps } = setup({ trusted: false, pick: path.join(dir, 'x'), save: path.join(dir, 'y') });
    expect(await pick()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await save({ file: exported(), fileName: 'case.cfb' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(deps.chooseBundle).not.toHaveBeenCalled();
    expect(deps.chooseDestination).not.toHaveBeenCalled();
  });

  it('clears bundles left in the exchange folder for more than a day, and only those', () => {
    const old = exported('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a51');
    const fresh = exported('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a52');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    fs.utimesSync(exchangeFile(dataDir, old), twoDaysAgo, twoDaysAgo);
    clearStaleBundles(dataDir);
    expect(exchangeFiles()).toEqual([path.basename(exchangeFile(dataDir, fresh))]);
  });
});
