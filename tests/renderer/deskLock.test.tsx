// The desk screens before the workstation: first run chooses how the desk is protected, an
// encrypted desk asks for its passphrase (a wrong one says so), a plain desk is offered
// encryption. The page talks to main's own desk gate and IPC handlers over a real Core host (a
// Node child process, as the e2e harness runs it); only the OS key store is stood in for.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { createCore } from '../../electron/core/index';
import { isPlainDatabase } from '../../electron/core/db/open';
import { readDeskKeyFile } from '../../electron/core/keys';
import type { CoreClient } from '../../electron/core/host/client';
import { startNodeHost } from '../../electron/core/host/nodeHost';
import { createDeskGate, type DeskGateHandle, type OsKeyStore } from '../../electron/main/desk';
import { DESK_CHANNELS, registerDeskHandlers } from '../../electron/main/deskIpc';
import { dispatch } from '../../electron/main/ipc';
import type { EncryptProgress } from '../../shared/domain';
import type { CasefileBridge, DeskBridge } from '../../shared/ipc/bridge';
import type { Result } from '../../shared/ipc/contract';
import './setup';

const PASS = 'renderer passphrase';
const opened: { gate: DeskGateHandle<CoreClient>; dir: string }[] = [];

afterEach(async () => {
  for (const { gate, dir } of opened.splice(0)) {
    await gate.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const keyStore = (available: boolean): OsKeyStore => ({
  available: async () => available,
  seal: async (t) => Buffer.from(`sealed:${[...t].reverse().join('')}`),
  unseal: async (b) => ({ result: [...b.toString().slice(7)].reverse().join(''), shouldReEncrypt: false }),
});

/** window.casefile as the preload builds it, over main's desk gate and handlers. */
async function install(dir: string, opts: { osAvailable?: boolean } = {}) {
  const progress = new Set<(p: EncryptProgress) => void>();
  const gate = createDeskGate({
    dataDir: dir, keyStore: keyStore(opts.osAvailable ?? false), onProgress: (p) => progress.forEach((h) => h(p)),
    startCore: (open, onEncryptProgress) => startNodeHost({ dataDir: dir, ...open }, { onEncryptProgress }),
  });
  opened.push({ gate, dir });
  await gate.start();
  const channels = new Map<string, (e: IpcMainInvokeEvent, r: unknown) => Promise<Result<unknown>>>();
  registerDeskHandlers({ handle: (c: string, fn: never) => void channels.set(c, fn) } as never, gate, () => true);
  const viaMain = (channel: string, request?: unknown) => channels.get(channel)!({} as IpcMainInvokeEvent, structuredClone(request)).then((r) => structuredClone(r));
  const desk = {
    gate: () => viaMain(DESK_CHANNELS.gate),
    create: (r: unknown) => viaMain(DESK_CHANNELS.create, r),
    unlock: (r: unknown) => viaMain(DESK_CHANNELS.unlock, r),
    encrypt: (r: unknown) => viaMain(DESK_CHANNELS.encrypt, r),
    onProgress: (h: (p: EncryptProgress) => void) => {
      progress.add(h);
      return () => void progress.delete(h);
    },
  } as unknown as DeskBridge;
  const bridge = {
    invoke: ((method: string, input: unknown) => dispatch({ invoke: (m, i) => gate.core().invoke(m, i) }, method, structuredClone(input))) as CasefileBridge['invoke'],
    on: () => () => {},
    cancel: async () => false,
    desk,
  } satisfies CasefileBridge;
  (window as { casefile?: CasefileBridge }).casefile = bridge;
  return gate;
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cf-desklock-'));
const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('the desk before the workstation', () => {
  it('first run: the passphrase is typed twice and checked here, then the desk is made encrypted and the profile comes next', async () => {
    const dir = tempDir();
    const gate = await install(dir);
    render(<App />);
    await screen.findByRole('heading', { name: 'Protect this desk' });
    expect(screen.queryByRole('button', { name: 'Unlock with my login' })).toBeNull();
    expect(screen.getByRole('note').textContent).toMatch(/Nothing can recover this desk without its passphrase/);

    type('Passphrase', 'short');
    type('The passphrase again', 'short');
    fireEvent.click(screen.getByRole('button', { name: 'Encrypt with this passphrase' }));
    expect((await screen.findByRole('alert')).textContent).toBe('A passphrase needs at least 8 characters.');
    type('Passphrase', PASS);
    type('The passphrase again', `${PASS}.`);
    fireEvent.click(screen.getByRole('button', { name: 'Encrypt with this passphrase' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The two passphrases are not the same.');
    expect(fs.readdirSync(dir)).toEqual([]);

    type('The passphrase again', PASS);
    fireEvent.click(screen.getByRole('button', { name: 'Encrypt with this passphrase' }));
    await screen.findByRole('heading', { name: 'Welcome to Casefile' });
    expect(gate.core().encrypted).toBe(true);
    expect(isPlainDatabase(path.join(dir, 'casefile.sqlite'))).toBe(false);
  });

  it('first run offers "unlock with my login" where the computer has a key store', async () => {
    const dir = tempDir();
    const gate = await install(dir, { osAvailable: true });
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Unlock with my login' }));
    await screen.findByRole('heading', { name: 'Welcome to Casefile' });
    expect(gate.core().encrypted).toBe(true);
    expect(readDeskKeyFile(dir)?.wraps.map((w) => w.method)).toEqual(['os']);
  });

  it('an encrypted desk asks for its passphrase; a wrong one is refused in words and the field is emptied', async () => {
    const dir = tempDir();
    const core = createCore({ dataDir: dir, create: { method: 'passphrase', passphrase: PASS } });
    await core.invoke('profiles.create', { as: null, name: 'Dana Admin', initials: 'DA', roles: ['analyst'] });
    core.close();
    await install(dir);
    render(<App />);
    await screen.findByRole('heading', { name: 'Unlock this desk' });
    type('Passphrase', 'not the passphrase');
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The passphrase does not unlock this desk. Nothing was changed.');
    expect((screen.getByLabelText('Passphrase') as HTMLInputElement).value).toBe('');
    expect(screen.getByRole('heading', { name: 'Unlock this desk' })).toBeTruthy();

    type('Passphrase', PASS);
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    // The only active profile is picked (or offered): the workstation's own screens follow.
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Unlock this desk' })).toBeNull());
    await screen.findByText(/Dana Admin/);
  });

  it('a plain desk is offered encryption: "Not now" goes on; encrypting it opens the desk, encrypted', async () => {
    const dir = tempDir();
    const core = createCore({ dataDir: dir });
    await core.invoke('profiles.create', { as: null, name: 'Dana Admin', initials: 'DA', roles: ['analyst'] });
    core.close();

    let gate = await install(dir);
    const first = render(<App />);
    await screen.findByRole('heading', { name: 'This desk is not encrypted' });
    fireEvent.click(screen.getByRole('button', { name: 'Not now' }));
    await screen.findByText(/Dana Admin/);
    expect(gate.core().encrypted).toBe(false);
    first.unmount();
    await gate.close();
    opened.splice(0);

    gate = await install(dir);
    render(<App />);
    await screen.findByRole('heading', { name: 'This desk is not encrypted' });
    type('Passphrase', PASS);
    type('The passphrase again', PASS);
    fireEvent.click(screen.getByRole('button', { name: 'Encrypt this desk' }));
    await screen.findByText(/Dana Admin/);
    expect(gate.core().encrypted).toBe(true);
    expect(isPlainDatabase(path.join(dir, 'casefile.sqlite'))).toBe(false);
    expect(readDeskKeyFile(dir)?.wraps.map((w) => w.method)).toEqual(['passphrase']);
  });
});
