/**
 * The renderer tests' desk: the real Core (electron/core) in a temp data folder, reached by the
 * page through a `window.casefile` that answers as Electron's does because it runs main's own
 * code: `dispatch` from ipc.ts for the contract, `registerAppHandlers` for the file dialog,
 * links and attachments, and main's link and attachment openers behind them. Only what needs a
 * screen or another program is stood in for: the file dialog picks what a test queued, a native
 * confirmation answers `desk.confirm`, and nothing is ever opened (the request is recorded).
 *
 * Tests set up and check through the same contract (`desk.call`), so they can only seed what a
 * user could and they read back what the Core stored. What the page itself sent is recorded
 * apart (`desk.sent`), so setup calls never blur an assertion on what the UI asked for.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanup } from '@testing-library/react';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { afterEach } from 'vitest';
import { createCore, type Core } from '../../electron/core/index';
import { ATTACH_CHANNEL, OPEN_ATTACHMENT_CHANNEL, OPEN_EXTERNAL_CHANNEL, Operations, dispatch, registerAppHandlers } from '../../electron/main/ipc';
import { createLinkOpener } from '../../electron/main/links';
import { createAttachmentOpener } from '../../electron/main/openAttachment';
import { IMPORT_REPORT_CHANNEL, SAVE_EXPORT_CHANNEL, registerReportFileHandlers } from '../../electron/main/reportFiles';
import type { Attachment, Profile, Role } from '../../shared/domain';
import type { AttachRequest, CasefileBridge, BridgeEventPayload, MenuCommand, ReportExportRequest, ReportImportRequest } from '../../shared/ipc/bridge';
import type { Input, Method, Output, Result } from '../../shared/ipc/contract';
import { isLong } from '../../shared/ipc/methods';
import type { OperationEvent } from '../../shared/ipc/progress';
import './setup';

export interface ProfileSpec {
  name: string;
  roles: Role[];
}

export interface DeskOptions {
  /**
   * Made in order through profiles.create: the first bootstraps the desk (the Core adds admin
   * to it, as it does for everyone's first profile) and makes the others.
   */
  profiles?: ProfileSpec[];
  /** Methods this window's Casefile does not have: answered as the preload answers a missing handler. */
  without?: Method[];
}

type InputOf<M extends Method> = Omit<Input<M>, 'as'>;
type AppHandler = (event: IpcMainInvokeEvent, request: unknown) => Promise<unknown>;

export interface Desk {
  readonly core: Core;
  readonly dataDir: string;
  /** The profiles asked for, in order, as the Core made them. */
  readonly profiles: Profile[];
  readonly bridge: CasefileBridge;
  /** Puts the bridge on `window.casefile`, where the preload would. */
  install(): void;
  /**
   * A contract call as `who` (null for the few methods without an acting profile), for setup and
   * checks; not recorded as the page's. Throws the Core's refusal in words.
   */
  call<M extends Method>(who: { id: string } | null, method: M, input: InputOf<M>): Promise<Output<M>>;
  /**
   * Many setup calls as one transaction (each service's own transaction joins it), as the UI
   * benchmark seeds: hundreds of records in a fraction of the time. Only before the page runs.
   */
  batch<T>(fn: () => Promise<T>): Promise<T>;
  /** The inputs the page sent for `method`, in order, as they crossed the bridge. */
  sent(method: string): Record<string, unknown>[];
  /** Fires an application menu command, as main's menu would. */
  menu(command: MenuCommand): void;
  /** What the next native file dialog picks: a path, or null for Cancel. Nothing queued counts as Cancel. */
  queueFile(filePath: string | null): void;
  /** Where the next native save dialog saves: a path, or null for Cancel. Nothing queued counts as Cancel. */
  queueSavePath(filePath: string | null): void;
  /** What main's save dialogs suggested, in order. */
  readonly suggestedSaves: string[];
  /** How the user answers main's native confirmations (open a link, open an attachment). */
  confirm: boolean;
  /** What main asked the user to confirm, and what it then handed to the system (never actually opened). */
  readonly asked: { links: string[]; attachments: Attachment[] };
  readonly opened: { links: string[]; files: string[] };
}

const open: { root: string; core: Core; inFlight: Set<Promise<unknown>> }[] = [];

afterEach(async () => {
  // Unmount first, so no query or save-on-leave reaches a closed Core; then let calls already
  // on their way finish, as main would, before the Core closes and the folder goes.
  cleanup();
  for (const d of open.splice(0)) {
    await Promise.allSettled([...d.inFlight]);
    d.core.close();
    fs.rmSync(d.root, { recursive: true, force: true });
  }
});

/**
 * A copy of a contract value, as Electron's IPC makes one (structured clone), so the page and the
 * Core never share an object. Not `structuredClone` itself: under Vitest's jsdom it returns typed
 * arrays of Node's realm, which fail `instanceof Uint8Array` here (the contract checks `data` so).
 * Contract values are JSON-like plus bytes; anything else (a function, a class) cannot cross IPC.
 */
function ipcClone<T>(value: T): T {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function' || typeof value === 'symbol') throw new TypeError('An object could not be cloned.');
    return value;
  }
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength)) as T;
  if (Array.isArray(value)) return value.map(ipcClone) as T;
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto !== Object.prototype && proto !== null) throw new TypeError(`An object could not be cloned (${proto.constructor.name}).`);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, ipcClone(v)])) as T;
}

const initialsOf = (name: string) => name.split(/\s+/).map((w) => w[0] ?? '').join('').slice(0, 5) || 'X';

export async function openDesk(opts: DeskOptions = {}): Promise<Desk> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-renderer-'));
  const dataDir = path.join(root, 'data');
  // Every answer the page or a test gets is checked against the contract's output schema, as in
  // every test run (tests/setup/contract.ts fails the test afterwards on a violation).
  const core = createCore({ dataDir, checkOutputs: true });
  // The folder is thrown away after the test: waiting for the disk on every commit would only
  // slow the page's saves down. Durability is the integration tests' business (core-durability).
  core.db.pragma('synchronous = OFF');
  const inFlight = new Set<Promise<unknown>>();
  open.push({ root, core, inFlight });
  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    const done = () => void inFlight.delete(p);
    p.then(done, done);
    return p;
  };

  const profiles: Profile[] = [];
  for (const spec of opts.profiles ?? []) {
    profiles.push(await core.invoke('profiles.create', {
      as: profiles[0]?.id ?? null, name: spec.name, initials: initialsOf(spec.name), roles: spec.roles,
    }));
  }

  const log: { method: string; input: Record<string, unknown> }[] = [];
  const without = new Set<string>(opts.without ?? []);
  const menuHandlers = new Set<(payload: { command: MenuCommand }) => void>();
  const progressHandlers = new Set<(payload: OperationEvent) => void>();
  // As main does: long operations are followed under an id, and their events reach this window.
  const operations = new Operations();
  const window1 = {
    sender: {
      id: 1,
      send: (_channel: string, payload: BridgeEventPayload) => {
        if (payload.type === 'operation') for (const h of [...progressHandlers]) h(ipcClone(payload.event) as OperationEvent);
      },
    },
  };
  const files: (string | null)[] = [];
  const saves: (string | null)[] = [];
  const suggestedSaves: string[] = [];
  const asked = { links: [] as string[], attachments: [] as Attachment[] };
  const opened = { links: [] as string[], files: [] as string[] };

  // main's handlers for its own channels, collected instead of registered with Electron.
  const channels = new Map<string, AppHandler>();
  const ipc = { handle: (channel: string, fn: AppHandler) => void channels.set(channel, fn) } as unknown as Pick<IpcMain, 'handle'>;
  const desk: Desk = {
    core,
    dataDir,
    profiles,
    bridge: null as unknown as CasefileBridge,
    confirm: true,
    suggestedSaves,
    asked,
    opened,
    install() {
      window.casefile = desk.bridge;
    },
    async call(who, method, input) {
      const r = await dispatch(core, method, who ? { ...input, as: who.id } : input);
      if (!r.ok) throw new Error(`${method} was refused (${r.error.code}): ${r.error.message}`);
      return r.value as Output<typeof method>;
    },
    async batch(fn) {
      core.db.exec('BEGIN IMMEDIATE');
      try {
        const out = await fn();
        core.db.exec('COMMIT');
        return out;
      } catch (err) {
        core.db.exec('ROLLBACK');
        throw err;
      }
    },
    sent: (method) => log.filter((c) => c.method === method).map((c) => c.input),
    menu(command) {
      for (const h of [...menuHandlers]) h({ command });
    },
    queueFile(filePath) {
      files.push(filePath);
    },
    queueSavePath(filePath) {
      saves.push(filePath);
    },
  };
  registerAppHandlers(ipc, {
    core,
    chooseFile: async () => files.shift() ?? null,
    openExternal: createLinkOpener({
      confirm: async (url) => {
        asked.links.push(url);
        return desk.confirm;
      },
      open: async (url) => void opened.links.push(url),
    }),
    openAttachment: createAttachmentOpener({
      getAttachment: (as, id) => core.invoke('attachments.get', { as, id }),
      copyStored: (sha, dest) => core.state.store.copyTo(sha, dest),
      confirm: async (att) => {
        asked.attachments.push(att);
        return desk.confirm;
      },
      openPath: async (file) => {
        opened.files.push(file);
        return '';
      },
      copiesRoot: path.join(root, 'viewer'),
    }),
  }, () => true, operations);

  registerReportFileHandlers(ipc, {
    core,
    chooseSavePath: async (_event, { fileName }) => {
      suggestedSaves.push(fileName);
      return saves.shift() ?? null;
    },
    chooseImportFile: async () => files.shift() ?? null,
  }, () => true);

  // Electron's IPC copies both ways: the page and the Core never share an object.
  const viaMain = (channel: string, request: unknown) =>
    track(channels.get(channel)!(window1 as unknown as IpcMainInvokeEvent, ipcClone(request)).then((r) => ipcClone(r)));

  const bridge: CasefileBridge = {
    invoke: ((method: string, input: unknown): Promise<Result<unknown>> => {
      log.push({ method, input: ipcClone(input ?? {}) as Record<string, unknown> });
      if (without.has(method)) return Promise.resolve({ ok: false, error: { code: 'unknown_method', message: `Unknown method: ${method}` } });
      const m = method as Method;
      const answer = isLong(m)
        ? operations.run(window1, m, (run) => dispatch(core, m, ipcClone(input), run))
        : dispatch(core, m, ipcClone(input));
      return track(answer.then((r) => ipcClone(r)));
    }) as CasefileBridge['invoke'],
    on: ((event: 'menu' | 'progress', handler: (p: never) => void) => {
      if ((event !== 'menu' && event !== 'progress') || typeof handler !== 'function') throw new TypeError('casefile.on: unknown event or handler');
      const set = (event === 'menu' ? menuHandlers : progressHandlers) as Set<(p: never) => void>;
      set.add(handler);
      return () => void set.delete(handler);
    }) as CasefileBridge['on'],
    cancel: (operationId: string) => Promise.resolve(operations.cancel(window1, operationId)),
    attachFile: ((request: AttachRequest) => viaMain(ATTACH_CHANNEL, request)) as NonNullable<CasefileBridge['attachFile']>,
    openExternal: (url: string) => viaMain(OPEN_EXTERNAL_CHANNEL, url) as Promise<boolean>,
    openAttachment: ((request: { as: string; id: string }) => viaMain(OPEN_ATTACHMENT_CHANNEL, request)) as NonNullable<CasefileBridge['openAttachment']>,
    saveReportExport: ((request: ReportExportRequest) => viaMain(SAVE_EXPORT_CHANNEL, request)) as NonNullable<CasefileBridge['saveReportExport']>,
    previewReportImport: ((request: ReportImportRequest) => viaMain(IMPORT_REPORT_CHANNEL, request)) as NonNullable<CasefileBridge['previewReportImport']>,
  };
  (desk as { bridge: CasefileBridge }).bridge = Object.freeze(bridge);
  return desk;
}
