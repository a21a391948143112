/**
 * The browser half of the e2e harness: defines `window.casefile` the way the preload does,
 * but over HTTP to the harness server (same origin, so the page's CSP `connect-src 'self'`
 * allows it). Served as /__harness/shim.js, transpiled by server.ts; it runs as a classic
 * script before the app's module script, so the app finds the bridge on its first line.
 *
 * Test code only: never bundled into the app. It must stay self-contained (no imports
 * except types), since it is transpiled file by file and served as one script.
 */
import type { AttachRequest, BridgeEventPayload, CasefileBridge, DeskBridge, MenuCommand, ReportExportRequest, ReportImportRequest } from '../../../shared/ipc/bridge';
import type { EncryptProgress } from '../../../shared/domain';
import type { ErrorBody, Result } from '../../../shared/ipc/contract';
import type { OperationEvent } from '../../../shared/ipc/progress';

(() => {
  const BYTES_TAG = '__casefileBytes';
  const script = document.currentScript as HTMLScriptElement | null;
  const token = script ? (new URL(script.src).searchParams.get('token') ?? '') : '';
  const deskMode = script ? new URL(script.src).searchParams.get('desk') === '1' : false;

  type B64Bytes = Uint8Array & { toBase64?: () => string };
  type B64Ctor = typeof Uint8Array & { fromBase64?: (s: string) => Uint8Array };

  function toBase64(bytes: Uint8Array): string {
    const native = (bytes as B64Bytes).toBase64;
    if (typeof native === 'function') return native.call(bytes);
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(bin);
  }

  function fromBase64(text: string): Uint8Array {
    const native = (Uint8Array as B64Ctor).fromBase64;
    if (typeof native === 'function') return native(text);
    const bin = atob(text);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function replacer(_key: string, value: unknown): unknown {
    return value instanceof Uint8Array ? { [BYTES_TAG]: toBase64(value) } : value;
  }

  function reviver(_key: string, value: unknown): unknown {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const tagged = (value as Record<string, unknown>)[BYTES_TAG];
      if (typeof tagged === 'string' && Object.keys(value).length === 1) return fromBase64(tagged);
    }
    return value;
  }

  async function post(path: string, body: unknown): Promise<unknown> {
    const res = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-casefile-token': token },
      body: JSON.stringify(body, replacer),
      credentials: 'same-origin',
      cache: 'no-store',
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`the test harness answered ${res.status}: ${text.slice(0, 200)}`);
    return JSON.parse(text, reviver);
  }

  function failure(message: string): Result<never> {
    const error: ErrorBody = { code: 'failed', message };
    return { ok: false, error };
  }

  // Like the preload: never rejects, every failure arrives as { ok: false, error }.
  async function invoke(method: unknown, input: unknown): Promise<Result<unknown>> {
    try {
      return (await post('/__harness/invoke', { method, input })) as Result<unknown>;
    } catch (err) {
      return failure(`The request did not reach Casefile: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  type MenuHandler = (payload: { command: MenuCommand }) => void;
  type ProgressHandler = (payload: OperationEvent) => void;
  const menuHandlers = new Set<MenuHandler>();
  const progressHandlers = new Set<ProgressHandler>();
  let events: EventSource | null = null;

  // Long operations' progress arrives as server-sent events (the cookie carries the token).
  function listen(): void {
    if (events) return;
    events = new EventSource('/__harness/events');
    events.onmessage = (m: MessageEvent<string>) => {
      const payload = JSON.parse(m.data) as BridgeEventPayload;
      if (payload.type === 'operation') for (const h of [...progressHandlers]) h(payload.event);
    };
  }

  function on(event: 'menu' | 'progress', handler: MenuHandler | ProgressHandler): () => void {
    if ((event !== 'menu' && event !== 'progress') || typeof handler !== 'function') throw new TypeError('casefile.on: unknown event or handler');
    // Nothing sends menu events over HTTP; specs can fire one with __casefileHarness.menu().
    const set = (event === 'menu' ? menuHandlers : progressHandlers) as Set<typeof handler>;
    set.add(handler);
    if (event === 'progress') listen();
    return () => {
      set.delete(handler);
    };
  }

  async function cancel(operationId: string): Promise<boolean> {
    try {
      return (await post('/__harness/cancel', { operationId })) === true;
    } catch {
      return false;
    }
  }

  async function attachFile(request: AttachRequest): Promise<Result<unknown>> {
    try {
      return (await post('/__harness/attachFile', request)) as Result<unknown>;
    } catch (err) {
      return failure(`The request did not reach Casefile: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /**
   * Main's save of a report export, as a browser download: the same export through the
   * contract, then the bytes as a Blob behind an <a download>, so a spec reads the file with
   * playwright's download API. Refusals come back exactly as main passes them on.
   */
  async function saveReportExport(request: ReportExportRequest): Promise<Result<unknown>> {
    const r = await invoke('reports.export', request);
    if (!r.ok) return r;
    const out = r.value as { data: Uint8Array; fileName: string; mediaType: string; sha256: string; version: number; published: boolean; notices: unknown[] };
    const url = URL.createObjectURL(new Blob([out.data as Uint8Array<ArrayBuffer>], { type: out.mediaType }));
    const a = document.createElement('a');
    a.href = url;
    a.download = out.fileName;
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return { ok: true, value: { saved: true, fileName: out.fileName, sha256: out.sha256, version: out.version, published: out.published, notices: out.notices } };
  }

  // Main's save of a text export, as a browser download (a spec reads it with playwright's download API).
  async function saveText(request: { fileName: string; text: string }): Promise<Result<unknown>> {
    const url = URL.createObjectURL(new Blob([request.text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = request.fileName;
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return { ok: true, value: { saved: true } };
  }

  // Main's file dialog picks what the spec queued (harness.queueFileDialog); main's own code reads it.
  async function previewReportImport(request: ReportImportRequest): Promise<Result<unknown>> {
    try {
      return (await post('/__harness/previewReportImport', request)) as Result<unknown>;
    } catch (err) {
      return failure(`The request did not reach Casefile: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async function pickBundle(): Promise<Result<unknown>> {
    try {
      return (await post('/__harness/pickBundle', {})) as Result<unknown>;
    } catch (err) {
      return failure(`The request did not reach Casefile: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async function saveBundle(request: { file: string; fileName: string }): Promise<Result<unknown>> {
    try {
      return (await post('/__harness/saveBundle', request)) as Result<unknown>;
    } catch (err) {
      return failure(`The request did not reach Casefile: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  // The harness records the request and opens nothing; a spec reads harness.openExternalCalls.
  async function openExternal(url: string): Promise<boolean> {
    if (typeof url !== 'string') return false;
    try {
      return (await post('/__harness/openExternal', { url })) === true;
    } catch {
      return false;
    }
  }

  // Desk mode: main's desk channels over HTTP. Progress is pushed by main; here it is polled
  // while an encryption runs.
  const encryptHandlers = new Set<(p: EncryptProgress) => void>();
  async function deskCall(what: string, request?: unknown): Promise<Result<unknown>> {
    try {
      return (await post(`/__harness/desk/${what}`, request ?? null)) as Result<unknown>;
    } catch (err) {
      return failure(`The request did not reach Casefile: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  async function encrypt(request: unknown): Promise<Result<unknown>> {
    let seen = 0;
    let running = true;
    const poll = async () => {
      while (running) {
        await new Promise((r) => setTimeout(r, 100));
        const fresh = (await post('/__harness/desk/progress', { from: seen }).catch(() => [])) as EncryptProgress[];
        seen += fresh.length;
        for (const p of fresh) for (const h of [...encryptHandlers]) h(p);
      }
    };
    void poll();
    try {
      return await deskCall('encrypt', request);
    } finally {
      running = false;
    }
  }
  const desk = {
    gate: () => deskCall('gate'),
    create: (r: unknown) => deskCall('create', r),
    unlock: (r: unknown) => deskCall('unlock', r),
    encrypt,
    onProgress(handler: (p: EncryptProgress) => void) {
      encryptHandlers.add(handler);
      return () => void encryptHandlers.delete(handler);
    },
  } as unknown as DeskBridge;

  const bridge = Object.freeze({
    invoke: invoke as CasefileBridge['invoke'],
    on: on as CasefileBridge['on'],
    cancel,
    attachFile: attachFile as NonNullable<CasefileBridge['attachFile']>,
    pickBundle: pickBundle as NonNullable<CasefileBridge['pickBundle']>,
    saveBundle: saveBundle as NonNullable<CasefileBridge['saveBundle']>,
    saveText: saveText as NonNullable<CasefileBridge['saveText']>,
    openExternal,
    saveReportExport: saveReportExport as NonNullable<CasefileBridge['saveReportExport']>,
    previewReportImport: previewReportImport as NonNullable<CasefileBridge['previewReportImport']>,
    ...(deskMode ? { desk: Object.freeze(desk) } : {}),
  }) satisfies CasefileBridge;

  // contextBridge's object is frozen and cannot be replaced by the page: same here.
  Object.defineProperty(window, 'casefile', { value: bridge, writable: false, configurable: false, enumerable: true });

  // Test hooks (not part of the bridge): fire a menu command as main's application menu would.
  Object.defineProperty(window, '__casefileHarness', {
    value: Object.freeze({
      menu(command: MenuCommand) {
        for (const h of [...menuHandlers]) h({ command });
      },
    }),
    writable: false,
    configurable: false,
  });
})();
