// main's save of a text export (glossary, XLIFF): the page hands text and a suggested name, never a
// path; the file is written where the user chose, whole, and a cancel writes nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ ipcMain: { handle: vi.fn() } }));

import { registerTextFileHandlers, SAVE_TEXT_CHANNEL } from '../../../electron/main/textFiles';
import type { Result } from '../../../shared/ipc/contract';

type Handler = (event: IpcMainInvokeEvent, request?: unknown) => Promise<Result<unknown>>;
const EVENT = {} as IpcMainInvokeEvent;

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-textfiles-')); });
afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

function setup(dest: string | null, trusted = true) {
  const handlers = new Map<string, Handler>();
  const ipc = { handle: vi.fn((channel: string, fn: Handler) => { handlers.set(channel, fn); }) };
  const chooseDestination = vi.fn(async () => dest);
  registerTextFileHandlers(ipc, { chooseDestination }, () => trusted);
  return { chooseDestination, save: (request: unknown) => handlers.get(SAVE_TEXT_CHANNEL)!(EVENT, request) };
}

describe('saving a text export', () => {
  it('writes the text where the user chose, offering only the base name of the suggestion', async () => {
    const target = path.join(dir, 'out.tbx');
    const s = setup(target);
    expect(await s.save({ fileName: '../../etc/glossary.tbx', text: 'الحشد الشعبي' })).toEqual({ ok: true, value: { saved: true } });
    expect(s.chooseDestination).toHaveBeenCalledWith(EVENT, 'glossary.tbx');
    expect(fs.readFileSync(target, 'utf8')).toBe('الحشد الشعبي');
  });

  it('writes nothing when cancelled, refuses a foreign sender and a malformed request', async () => {
    expect(await setup(null).save({ fileName: 'g.csv', text: 'x' })).toEqual({ ok: true, value: { saved: false } });
    expect(fs.readdirSync(dir)).toEqual([]);
    expect((await setup(path.join(dir, 'g.csv'), false).save({ fileName: 'g.csv', text: 'x' })).ok).toBe(false);
    expect((await setup(path.join(dir, 'g.csv')).save({ fileName: 'g.csv' })).ok).toBe(false);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
