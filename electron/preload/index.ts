/**
 * The whole surface the page gets: window.casefile. Sandboxed, so this is bundled into one
 * CommonJS file whose only require is 'electron'. ipcRenderer itself and IPC event objects
 * (whose .sender is ipcRenderer) never cross into the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type {
  AttachRequest, BridgeEventPayload, CasefileBridge, DeskBridge, MenuCommand, ReportExportRequest, ReportImportRequest,
} from '../../shared/ipc/bridge';
import type { EncryptProgress } from '../../shared/domain';
import type { ErrorBody, Result } from '../../shared/ipc/contract';
import type { OperationEvent } from '../../shared/ipc/progress';

// Same strings as electron/main/ipc.ts, which the preload may not import.
const CHANNEL_PREFIX = 'casefile:';
const EVENT_CHANNEL = 'casefile:event';
const ATTACH_CHANNEL = 'casefile:dialog.attach';
const OPEN_EXTERNAL_CHANNEL = 'casefile:openExternal';
const OPEN_ATTACHMENT_CHANNEL = 'casefile:openAttachment';
// electron/main/deskIpc.ts
const DESK = {
  gate: 'casefile:desk.gate',
  create: 'casefile:desk.create',
  unlock: 'casefile:desk.unlock',
  encrypt: 'casefile:desk.encrypt',
  progress: 'casefile:desk.progress',
} as const;
const SAVE_EXPORT_CHANNEL = 'casefile:dialog.saveExport';
const IMPORT_REPORT_CHANNEL = 'casefile:dialog.importReport';
const CANCEL_CHANNEL = 'casefile:cancel';
const PICK_BUNDLE_CHANNEL = 'casefile:dialog.pickBundle';
const SAVE_BUNDLE_CHANNEL = 'casefile:dialog.saveBundle';
const SAVE_TEXT_CHANNEL = 'casefile:dialog.saveText';

// The shape of a contract name (`domain.verb`). Main holds the real list and checks it again.
const METHOD_NAME = /^[a-z]+\.[a-zA-Z]+$/;
// Main-only channels that also fit that shape; they have their own functions below.
const NOT_CONTRACT = new Set(['dialog.attach', 'dialog.saveExport', 'dialog.importReport', 'dialog.pickBundle', 'dialog.saveBundle', 'dialog.saveText', 'desk.gate', 'desk.create', 'desk.unlock', 'desk.encrypt', 'desk.progress']);

function failure(code: ErrorBody['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function fromRejection(err: unknown, method: string): Result<never> {
  const message = err instanceof Error ? err.message : String(err);
  // What Electron says when main has no handler for the channel.
  if (message.includes('No handler registered')) return failure('unknown_method', `Unknown method: ${method}`);
  return failure('failed', `The request did not reach Casefile: ${message}`);
}

async function invoke(method: unknown, input: unknown): Promise<Result<unknown>> {
  if (typeof method !== 'string' || !METHOD_NAME.test(method) || NOT_CONTRACT.has(method)) {
    return failure('unknown_method', `Unknown method: ${String(method).slice(0, 100)}`);
  }
  try {
    return (await ipcRenderer.invoke(CHANNEL_PREFIX + method, input)) as Result<unknown>;
  } catch (err) {
    return fromRejection(err, method);
  }
}

const STATES = new Set(['running', 'done', 'cancelled', 'failed']);

/** A fresh plain copy with exactly the fields an OperationEvent has, or null if it is not one. */
function operationEvent(e: unknown): OperationEvent | null {
  if (e === null || typeof e !== 'object') return null;
  const o = e as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  if (typeof o.operationId !== 'string' || typeof o.method !== 'string' || typeof o.phase !== 'string' || !STATES.has(o.state as string)) return null;
  return {
    operationId: o.operationId, method: o.method as OperationEvent['method'], state: o.state as OperationEvent['state'],
    phase: o.phase, done: num(o.done), total: num(o.total),
  };
}

function on(event: 'menu' | 'progress', handler: (payload: never) => void): () => void {
  if ((event !== 'menu' && event !== 'progress') || typeof handler !== 'function') throw new TypeError('casefile.on: unknown event or handler');
  const listener = (_event: IpcRendererEvent, payload: BridgeEventPayload) => {
    if (!payload) return;
    if (event === 'menu' && payload.type === 'menu' && typeof payload.command === 'string') {
      (handler as (p: { command: MenuCommand }) => void)({ command: payload.command });
    } else if (event === 'progress' && payload.type === 'operation') {
      const e = operationEvent(payload.event);
      if (e) (handler as (p: OperationEvent) => void)(e);
    }
  };
  ipcRenderer.on(EVENT_CHANNEL, listener);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, listener);
  };
}

async function cancel(operationId: string): Promise<boolean> {
  if (typeof operationId !== 'string') return false;
  try {
    return (await ipcRenderer.invoke(CANCEL_CHANNEL, operationId)) === true;
  } catch {
    return false;
  }
}

async function attachFile(request: AttachRequest): Promise<Result<unknown>> {
  try {
    return (await ipcRenderer.invoke(ATTACH_CHANNEL, request)) as Result<unknown>;
  } catch (err) {
    return fromRejection(err, 'attachFile');
  }
}

async function openExternal(url: string): Promise<boolean> {
  if (typeof url !== 'string') return false;
  try {
    return (await ipcRenderer.invoke(OPEN_EXTERNAL_CHANNEL, url)) === true;
  } catch {
    return false;
  }
}

async function openAttachment(request: { as: string; id: string }): Promise<Result<unknown>> {
  try {
    return (await ipcRenderer.invoke(OPEN_ATTACHMENT_CHANNEL, request)) as Result<unknown>;
  } catch (err) {
    return fromRejection(err, 'openAttachment');
  }
}

async function deskCall(channel: string, request?: unknown): Promise<Result<unknown>> {
  try {
    return (await ipcRenderer.invoke(channel, request)) as Result<unknown>;
  } catch (err) {
    return fromRejection(err, channel);
  }
}

function onProgress(handler: (progress: EncryptProgress) => void): () => void {
  if (typeof handler !== 'function') throw new TypeError('casefile.desk.onProgress: a handler is needed');
  const listener = (_event: IpcRendererEvent, progress: EncryptProgress) => handler(progress);
  ipcRenderer.on(DESK.progress, listener);
  return () => {
    ipcRenderer.removeListener(DESK.progress, listener);
  };
}

// Main checks every request; the types here are main's promise.
const desk = {
  gate: () => deskCall(DESK.gate),
  create: (request: unknown) => deskCall(DESK.create, request),
  unlock: (request: unknown) => deskCall(DESK.unlock, request),
  encrypt: (request: unknown) => deskCall(DESK.encrypt, request),
  onProgress,
} as unknown as DeskBridge;

async function saveReportExport(request: ReportExportRequest): Promise<Result<unknown>> {
  try {
    return (await ipcRenderer.invoke(SAVE_EXPORT_CHANNEL, request)) as Result<unknown>;
  } catch (err) {
    return fromRejection(err, 'saveReportExport');
  }
}

async function previewReportImport(request: ReportImportRequest): Promise<Result<unknown>> {
  try {
    return (await ipcRenderer.invoke(IMPORT_REPORT_CHANNEL, request)) as Result<unknown>;
  } catch (err) {
    return fromRejection(err, 'previewReportImport');
  }
}

async function pickBundle(): Promise<Result<unknown>> {
  try {
    return (await ipcRenderer.invoke(PICK_BUNDLE_CHANNEL)) as Result<unknown>;
  } catch (err) {
    return fromRejection(err, 'pickBundle');
  }
}

async function saveBundle(request: { file: string; fileName: string }): Promise<Result<unknown>> {
  try {
    return (await ipcRenderer.invoke(SAVE_BUNDLE_CHANNEL, request)) as Result<unknown>;
  } catch (err) {
    return fromRejection(err, 'saveBundle');
  }
}

async function saveText(request: { fileName: string; text: string }): Promise<Result<unknown>> {
  try {
    return (await ipcRenderer.invoke(SAVE_TEXT_CHANNEL, request)) as Result<unknown>;
  } catch (err) {
    return fromRejection(err, 'saveText');
  }
}

// invoke's per-method types are the contract's promise, kept by main; here it is one function.
const bridge: CasefileBridge = {
  invoke: invoke as CasefileBridge['invoke'],
  on: on as CasefileBridge['on'],
  cancel,
  attachFile: attachFile as NonNullable<CasefileBridge['attachFile']>,
  openExternal,
  openAttachment: openAttachment as NonNullable<CasefileBridge['openAttachment']>,
  desk,
  saveReportExport: saveReportExport as NonNullable<CasefileBridge['saveReportExport']>,
  previewReportImport: previewReportImport as NonNullable<CasefileBridge['previewReportImport']>,
  pickBundle: pickBundle as NonNullable<CasefileBridge['pickBundle']>,
  saveBundle: saveBundle as NonNullable<CasefileBridge['saveBundle']>,
  saveText: saveText as NonNullable<CasefileBridge['saveText']>,
};

contextBridge.exposeInMainWorld('casefile', bridge);
