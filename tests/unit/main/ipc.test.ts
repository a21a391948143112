import { pathToFileURL } from 'node:url';
import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';

// Plain Node cannot load Electron; ipc.ts must not need it at run time anyway.
vi.mock('electron', () => ({ ipcMain: { handle: vi.fn() } }));

import { contract } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/contract';
import { CoreError } from '../../../electron/core/errors';
import {
  ATTACH_CHANNEL, CANCEL_CHANNEL, CHANNEL_PREFIX, EVENT_CHANNEL, OPEN_ATTACHMENT_CHANNEL, OPEN_EXTERNAL_CHANNEL, Operations, dispatch, ownPageSender,
  registerAppHandlers, registerContract,
} from '../../../electron/main/ipc';
import type { RunOptions } from '../../../electron/main/ipc';
import type { OperationEvent } from '../../../shared/ipc/progress';
import type { AppHandlerDeps, SenderCheck } from '../../../electron/main/ipc';
import { ownPage } from '../../../electron/main/page';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

const page = ownPage();
const OUR_URL = 'casefile://app/index.html';
const PROFILE = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

function fakeIpc() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: vi.fn((channel: string, fn: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, fn);
    }),
  };
}

/** What the window saw on the event channel. */
const sent: { senderId: number; payload: { type: string; event?: OperationEvent } }[] = [];

function eventFrom(url: string | null, opts: { subframe?: boolean; senderId?: number } = {}): IpcMainInvokeEvent {
  const senderFrame = url === null ? null : { url, parent: opts.subframe ? { url: OUR_URL, parent: null } : null };
  const id = opts.senderId ?? 1;
  const sender = { id, send: (channel: string, payload: (typeof sent)[number]['payload']) => { if (channel === EVENT_CHANNEL) sent.push({ senderId: id, payload }); } };
  return { senderFrame, sender } as unknown as IpcMainInvokeEvent;
}

function setup(invoke: (method: string, input: unknown, run?: RunOptions) => Promise<unknown>, check: SenderCheck = ownPageSender(page.isOwnPage)) {
  const ipc = fakeIpc();
  const core = { invoke: vi.fn(invoke) };
  const methods = registerContract(ipc, core, check);
  const call = (method: string, input: unknown, event = eventFrom(OUR_URL)) => {
    const handler = ipc.handlers.get(CHANNEL_PREFIX + method);
    if (!handler) throw new Error(`no handler for ${method}`);
    return handler(event, input) as Promise<Result<unknown>>;
  };
  return { ipc, core, methods, call };
}

describe('registerContract', () => {
  it('registers exactly one handler per contract method, on casefile:<method>, and the cancel channel', () => {
    const { ipc, methods } = setup(async () => null);
    const names = Object.keys(contract);
    expect(methods).toEqual(names);
    expect(ipc.handle).toHaveBeenCalledTimes(names.length + 1);
    expect([...ipc.handlers.keys()].sort()).toEqual([...names.map((m) => `casefile:${m}`), CANCEL_CHANNEL].sort());
  });

  it('passes the input to the Core and wraps the value', async () => {
    const { core, call } = setup(async () => [{ id: PROFILE }]);
    await expect(call('profiles.list', {})).resolves.toEqual({ ok: true, value: [{ id: PROFILE }] });
    expect(core.invoke).toHaveBeenCalledWith('profiles.list', {}, undefined);
  });

  it('checks the input against the contract in main, before it reaches the Core', async () => {
    const { core, call } = setup(async () => 'never');
    const bad = await call('cases.create', { as: PROFILE, title: 42, sneaky: '../../etc' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((bad as { error: { message: string } }).error.message).toMatch(/title/);
    await expect(call('cases.list', 'not an object')).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(core.invoke).not.toHaveBeenCalled();
  });

  it.each([
    ['another web page', eventFrom('https://evil.example/index.html')],
    ['a local file', eventFrom(pathToFileURL('/opt/Casefile/resources/app.asar/out/renderer/index.html').href)],
    ['another page of our scheme', eventFrom('casefile://app/assets/index.js')],
    ['another host of our scheme', eventFrom('casefile://evil/index.html')],
    ['a subframe of our page', eventFrom(OUR_URL, { subframe: true })],
    ['a frame that is gone', eventFrom(null)],
    ['a data: URL', eventFrom('data:text/html,<script>1</script>')],
  ])('refuses %s without calling the Core', async (_what, event) => {
    const { core, call } = setup(async () => 'secret');
    const result = await call('cases.list', { as: PROFILE }, event);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.invoke).not.toHaveBeenCalled();
  });

  it('accepts our page with a fragment or query', async () => {
    const { call } = setup(async () => 1);
    await expect(call('app.info', {}, eventFrom(`${OUR_URL}#/cases`))).resolves.toEqual({ ok: true, value: 1 });
  });

  it('refuses, rather than throws, when the sender check itself throws', async () => {
    const { core, call } = setup(async () => 1, () => { throw new Error('boom'); });
    await expect(call('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.invoke).not.toHaveBeenCalled();
  });

  it("passes the Core's invalid_input refusal through", async () => {
    const { call } = setup(async () => {
      throw CoreError.invalid('title', 'must not be empty');
    });
    await expect(call('cases.create', { as: PROFILE, title: '' })).resolves.toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'title: must not be empty', field: 'title' },
    });
  });

  it("passes a forbidden refusal through with the role it needs", async () => {
    const { call } = setup(async () => {
      throw CoreError.forbidden('create cases', 'case_manager');
    });
    await expect(call('cases.create', { as: PROFILE, title: 'x' })).resolves.toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Only a profile with the case manager role may create cases.', needsRole: 'case_manager' },
    });
  });

  it.each([
    ['an Error', () => Promise.reject(new Error('disk I/O error'))],
    ['a string', () => Promise.reject('nope')],
    ['a synchronous throw', () => { throw new TypeError('x is undefined'); }],
  ])('turns %s from the Core into a failed Result, never a rejection', async (_what, invoke) => {
    const { call } = setup(invoke as () => Promise<unknown>);
    const result = await call('app.info', {});
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ error: { code: 'failed' } });
  });
});

describe('long operations', () => {
  it('tells the window that started one how it gets on, and how it ended', async () => {
    sent.length = 0;
    const { call } = setup(async (_m, _i, run) => {
      run?.onProgress?.({ phase: 'verifying the audit trail', done: 5, total: 10 });
      return { ok: true };
    });
    await expect(call('desk.check', { as: PROFILE }, eventFrom(OUR_URL, { senderId: 7 }))).resolves.toEqual({ ok: true, value: { ok: true } });
    const events = sent.map((s) => ({ to: s.senderId, ...s.payload.event }));
    expect(events.map((e) => [e.to, e.method, e.state, e.phase, e.done, e.total])).toEqual([
      [7, 'desk.check', 'running', 'starting', 0, 0],
      [7, 'desk.check', 'running', 'verifying the audit trail', 5, 10],
      [7, 'desk.check', 'done', 'verifying the audit trail', 5, 10],
    ]);
    expect(new Set(events.map((e) => e.operationId)).size).toBe(1);
    // An ordinary call sends nothing on the event channel.
    sent.length = 0;
    await call('profiles.list', {});
    expect(sent).toEqual([]);
  });

  it('cancels an operation only for the window that started it', async () => {
    sent.length = 0;
    let signal: AbortSignal | undefined;
    const { ipc, call } = setup((_m, _i, run) => new Promise((_resolve, reject) => {
      signal = run?.signal;
      run?.signal?.addEventListener('abort', () => reject(new CoreError('cancelled', 'Cancelled: nothing of it was kept.')));
    }));
    const mine = eventFrom(OUR_URL, { senderId: 7 });
    const answer = call('desk.reindex', { as: PROFILE }, mine);
    const id = sent[0]!.payload.event!.operationId;
    const cancel = ipc.handlers.get(CANCEL_CHANNEL)!;
    expect(await cancel(eventFrom(OUR_URL, { senderId: 8 }), id)).toBe(false);
    expect(await cancel(eventFrom('https://evil.example/', { senderId: 7 }), id)).toBe(false);
    expect(await cancel(mine, 'not-a-uuid')).toBe(false);
    expect(signal?.aborted).toBe(false);
    expect(await cancel(mine, id)).toBe(true);
    expect(signal?.aborted).toBe(true);
    await expect(answer).resolves.toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(sent.at(-1)!.payload.event!.state).toBe('cancelled');
    // Once it has ended there is nothing left to cancel.
    expect(await cancel(mine, id)).toBe(false);
  });

  it('Operations reports a failure as failed', async () => {
    sent.length = 0;
    const ops = new Operations();
    const r = await ops.run(eventFrom(OUR_URL) as never, 'desk.check', async () => ({ ok: false, error: { code: 'failed', message: 'disk' } }));
    expect(r.ok).toBe(false);
    expect(sent.at(-1)!.payload.event!.state).toBe('failed');
  });
});

describe('dispatch', () => {
  it('answers unknown_method for names outside the contract', async () => {
    const core = { invoke: vi.fn(async () => 1) };
    for (const name of ['cases.nuke', 'toString', '__proto__', 42, null]) {
      await expect(dispatch(core, name, {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
    expect(core.invoke).not.toHaveBeenCalled();
  });
});

describe('registerAppHandlers', () => {
  const OWNER = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';

  function setupApp(overrides: Partial<AppHandlerDeps> = {}) {
    const ipc = fakeIpc();
    const deps = {
      core: { attachFile: vi.fn(async () => ({ id: 'att' })) },
      chooseFile: vi.fn(async () => '/home/analyst/evidence.pdf' as string | null),
      openExternal: vi.fn(async () => true),
      openAttachment: vi.fn(async () => ({ opened: true })),
      ...overrides,
    };
    registerAppHandlers(ipc, deps as AppHandlerDeps, ownPageSender(page.isOwnPage));
    const run = (channel: string, arg: unknown, event = eventFrom(OUR_URL)) => ipc.handlers.get(channel)!(event, arg);
    return { deps, run };
  }

  it('opens an attachment only for our page, with a validated request', async () => {
    const { deps, run } = setupApp();
    expect(await run(OPEN_ATTACHMENT_CHANNEL, { as: PROFILE, id: OWNER })).toEqual({ ok: true, value: { opened: true } });
    expect(deps.openAttachment).toHaveBeenCalledWith(PROFILE, OWNER);
    const bad = (await run(OPEN_ATTACHMENT_CHANNEL, { as: PROFILE, id: '../../etc/passwd' })) as { ok: boolean; error: { code: string } };
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('invalid_input');
    expect(await run(OPEN_ATTACHMENT_CHANNEL, { as: PROFILE, id: OWNER }, eventFrom('https://evil.example/'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(deps.openAttachment).toHaveBeenCalledTimes(1);
  });

  it('attaches the file main chose, never a path from the page', async () => {
    const { deps, run } = setupApp();
    const result = await run(ATTACH_CHANNEL, { as: PROFILE, ownerType: 'case', ownerId: OWNER, description: 'scan' });
    expect(result).toEqual({ ok: true, value: { id: 'att' } });
    expect(deps.core.attachFile).toHaveBeenCalledWith(PROFILE, '/home/analyst/evidence.pdf', { ownerType: 'case', ownerId: OWNER }, 'scan', expect.objectContaining({ signal: expect.any(AbortSignal) }));
  });

  it('refuses a request that smuggles a path, before any dialog', async () => {
    const { deps, run } = setupApp();
    const result = await run(ATTACH_CHANNEL, { as: PROFILE, ownerType: 'case', ownerId: OWNER, filePath: '/etc/shadow' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(deps.chooseFile).not.toHaveBeenCalled();
    expect(deps.core.attachFile).not.toHaveBeenCalled();
  });

  it('answers null when the user cancels the dialog', async () => {
    const { deps, run } = setupApp({ chooseFile: vi.fn(async () => null) });
    await expect(run(ATTACH_CHANNEL, { as: PROFILE, ownerType: 'note', ownerId: OWNER })).resolves.toEqual({ ok: true, value: null });
    expect(deps.core.attachFile).not.toHaveBeenCalled();
  });

  it('refuses both from an untrusted sender', async () => {
    const { deps, run } = setupApp();
    const evil = eventFrom('https://evil.example/');
    await expect(run(ATTACH_CHANNEL, { as: PROFILE, ownerType: 'case', ownerId: OWNER }, evil)).resolves.toMatchObject({
      ok: false, error: { code: 'forbidden' },
    });
    await expect(run(OPEN_EXTERNAL_CHANNEL, 'https://example.org/', evil)).resolves.toBe(false);
    expect(deps.chooseFile).not.toHaveBeenCalled();
    expect(deps.openExternal).not.toHaveBeenCalled();
  });

  it('openExternal answers a boolean even when opening fails', async () => {
    const { run } = setupApp({ openExternal: vi.fn(async () => { throw new Error('no browser'); }) });
    await expect(run(OPEN_EXTERNAL_CHANNEL, 'https://example.org/')).resolves.toBe(false);
  });
});
