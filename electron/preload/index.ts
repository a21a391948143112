/**
 * The whole surface the page gets: window.casefile. Sandboxed, so this is bundled into one
 * CommonJS file whose only require is 'electron'. ipcRenderer itself and IPC event objects
 * (whose .sender is ipcRenderer) never cross into the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type {
  AttachRequest, BridgeEventPayload, CasefileBridge, MenuCommand, ReportExportRequest, ReportImportRequest,
} from '../../shared/ipc/bridge';
import type { ErrorBody, Result } from '../../shared/ipc/contract';

// Same strings as electron/main/ipc.ts, which the preload may not import.
const CHANNEL_PREFIX = 'casefile:';
const EVENT_CHANNEL = 'casefile:event';
const ATTACH_CHANNEL = 'casefile:dialog.attach';
const OPEN_EXTERNAL_CHANNEL = 'casefile:openExternal';
const OPEN_ATTACHMENT_CHANNEL = 'casefile:openAttachment';
const SAVE_EXPORT_CHANNEL = 'casefile:dialog.saveExport';
const IMPORT_REPORT_CHANNEL = 'casefile:dialog.importReport';

// The shape of a contract name (`domain.verb`). Main holds the real list and checks it again.
const METHOD_NAME = /^[a-z]+\.[a-zA-Z]+$/;
// Main-only channels that also fit that shape; they have their own functions below.
const NOT_CONTRACT = new Set(['dialog.attach', 'dialog.saveExport', 'dialog.importReport']);

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

function on(event: 'menu', handler: (payload: { command: MenuCommand }) => void): () => void {
  if (event !== 'menu' || typeof handler !== 'function') throw new TypeError('casefile.on: unknown event or handler');
  const listener = (_event: IpcRendererEvent, payload: BridgeEventPayload) => {
    if (payload && payload.type === 'menu' && typeof payload.command === 'string') handler({ command: payload.command });
  };
  ipcRenderer.on(EVENT_CHANNEL, listener);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, listener);
  };
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

// invoke's per-method types are the contract's promise, kept by main; here it is one function.
const bridge: CasefileBridge = {
  invoke: invoke as CasefileBridge['invoke'],
  on,
  attachFile: attachFile as NonNullable<CasefileBridge['attachFile']>,
  openExternal,
  openAttachment: openAttachment as NonNullable<CasefileBridge['openAttachment']>,
  saveReportExport: saveReportExport as NonNullable<CasefileBridge['saveReportExport']>,
  previewReportImport: previewReportImport as NonNullable<CasefileBridge['previewReportImport']>,
};

contextBridge.exposeInMainWorld('casefile', bridge);
