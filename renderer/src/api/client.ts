/**
 * The only code that touches window.casefile. Everything else calls `call()` and gets either
 * the value or an ApiError carrying the Core's ErrorBody, whose message is meant for the user.
 */
import type { Attachment, ReportImportPlan } from '../../../shared/domain';
import type {
  AttachRequest, CasefileBridge, MenuCommand, ReportExportRequest, ReportImportRequest, SavedReportExport,
} from '../../../shared/ipc/bridge';
import type { ErrorBody, Input, Method, Output, Result } from '../../../shared/ipc/contract';
import type { OperationEvent } from '../../../shared/ipc/progress';

export class ApiError extends Error {
  readonly body: ErrorBody;
  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.body = body;
  }
  get code(): ErrorBody['code'] {
    return this.body.code;
  }
}

/** Any thrown value as an ApiError, so every caller can show `message` and place it by `field`. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError({ code: 'failed', message: err instanceof Error ? err.message : String(err) });
}

function bridge(): CasefileBridge {
  const b = (window as Partial<Window>).casefile;
  if (!b || typeof b.invoke !== 'function') {
    throw new ApiError({ code: 'failed', message: 'This page is not running inside Casefile (window.casefile is missing).' });
  }
  return b;
}

function unwrap<T>(result: Result<T> | undefined): T {
  if (result && result.ok === true) return result.value;
  if (result && result.ok === false) throw new ApiError(result.error);
  throw new ApiError({ code: 'failed', message: 'Casefile sent an answer this window does not understand.' });
}

export async function call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
  let result: Result<Output<M>>;
  try {
    result = await bridge().invoke(method, input);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError({ code: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
  return unwrap(result);
}

/** Subscribes to application menu commands; returns the unsubscribe function. */
export function onMenu(handler: (command: MenuCommand) => void): () => void {
  const b = (window as Partial<Window>).casefile;
  if (!b || typeof b.on !== 'function') return () => {};
  return b.on('menu', ({ command }) => handler(command));
}

/** Follows the long operations this window started (progress, then how each ended); returns the unsubscribe. */
export function onOperation(handler: (event: OperationEvent) => void): () => void {
  const b = (window as Partial<Window>).casefile;
  if (!b || typeof b.on !== 'function' || typeof b.cancel !== 'function') return () => {};
  return b.on('progress', handler);
}

/** Asks to stop a long operation; its call then fails with `cancelled`. False if it had already ended. */
export async function cancelOperation(operationId: string): Promise<boolean> {
  const b = (window as Partial<Window>).casefile;
  return b && typeof b.cancel === 'function' ? b.cancel(operationId) : false;
}

/** Lets the user pick a file in a native dialog and attaches it; null if they cancelled. */
export async function attachFile(request: AttachRequest): Promise<Attachment | null> {
  const b = bridge();
  if (!b.attachFile) throw new ApiError({ code: 'failed', message: 'Attaching files is only possible in the desktop app.' });
  return unwrap(await b.attachFile(request));
}

/** Lets the user pick a case bundle; its id in the exchange folder, or null if they cancelled. */
export async function pickBundle(): Promise<string | null> {
  const b = bridge();
  if (!b.pickBundle) throw new ApiError({ code: 'failed', message: 'Importing a case bundle is only possible in the desktop app.' });
  return unwrap(await b.pickBundle())?.file ?? null;
}

/** Asks where to save an exported bundle; false if the user cancelled. */
export async function saveBundle(file: string, fileName: string): Promise<boolean> {
  const b = bridge();
  if (!b.saveBundle) throw new ApiError({ code: 'failed', message: 'Saving a case bundle is only possible in the desktop app.' });
  return unwrap(await b.saveBundle({ file, fileName }))?.saved === true;
}

/** Asks where to save a text export (glossary, XLIFF) and writes it; false when the user cancelled. */
export async function saveText(fileName: string, text: string): Promise<boolean> {
  const b = bridge();
  if (!b.saveText) throw new ApiError({ code: 'failed', message: 'Saving a file is only possible in the desktop app.' });
  return unwrap(await b.saveText({ fileName, text })).saved;
}

/**
 * Opens a stored attachment in the system's viewer. Main asks the user to confirm (natively,
 * where a compromised page cannot click for them) and hands the viewer a read-only copy.
 * Resolves with why nothing opened, or null once it did.
 */
export async function openAttachment(as: string, id: string): Promise<string | null> {
  const b = bridge();
  if (typeof b.openAttachment !== 'function') {
    throw new ApiError({ code: 'failed', message: 'Attachments open in the system viewer only in the desktop app.' });
  }
  const r = unwrap(await b.openAttachment({ as, id }));
  return r.opened || r.reason === 'cancelled' ? null : (r.reason ?? 'The file could not be opened.');
}

/** Whether this window can hand a link to the system browser at all. */
export function canOpenExternal(): boolean {
  const b = (window as Partial<Window>).casefile;
  return !!b && typeof b.openExternal === 'function';
}

/** Asks the user to confirm, then opens an http(s) address in their browser; true if opened. */
export async function openExternal(url: string): Promise<boolean> {
  const b = bridge();
  return b.openExternal ? b.openExternal(url) : false;
}

/**
 * Exports a report and saves the file where the user chooses (main's save dialog; a download in
 * the test harness). The page never names a path. A refusal is an ApiError whose body.current
 * says what stands in the way.
 */
export async function saveReportExport(request: ReportExportRequest): Promise<SavedReportExport> {
  const b = bridge();
  if (typeof b.saveReportExport !== 'function') {
    throw new ApiError({ code: 'failed', message: 'Saving an export needs the desktop app (this window cannot save files).' });
  }
  return unwrap(await b.saveReportExport(request));
}

/** Lets the user pick a published report's file; the Core's plan of what importing it would create, or null if cancelled. */
export async function previewReportImport(request: ReportImportRequest): Promise<ReportImportPlan | null> {
  const b = bridge();
  if (typeof b.previewReportImport !== 'function') {
    throw new ApiError({ code: 'failed', message: 'Importing a file needs the desktop app (this window cannot open files).' });
  }
  return unwrap(await b.previewReportImport(request));
}
