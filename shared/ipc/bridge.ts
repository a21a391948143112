/**
 * The shape of `window.casefile`, the only thing the preload exposes to the renderer.
 * Types only: the preload implements it, renderer/src/api consumes it, the e2e harness shims it.
 */
import type { z } from 'zod';
import type {
  Attachment, AttachmentOwnerType, DeskGate, DeskProtection, EncryptProgress, ExportFormat, ReportImportPlan, ReportNotice, UnlockRequest,
} from '../domain';
import type { Input, Method, Output, Result } from './contract';
import type { OperationEvent } from './progress';

/** Commands the application menu sends to the page. */
export type MenuCommand = 'case.new';

/** What main sends on the event channel: a menu command, or how a long operation is getting on. */
export type BridgeEventPayload =
  | { type: 'menu'; command: MenuCommand }
  | { type: 'operation'; event: OperationEvent };

/** Ask main to let the user pick a file and attach it; the page never names a path. */
export interface AttachRequest {
  as: string;
  ownerType: z.infer<typeof AttachmentOwnerType>;
  ownerId: string;
  description?: string | undefined;
}

/**
 * Before the Core opens: what the data folder is, and the three ways forward. Each answer is
 * the gate as it is afterwards. Absent where the desk is always open (the e2e harness's plain mode).
 */
export interface DeskBridge {
  gate(): Promise<Result<DeskGate>>;
  /** A new desk, protected by a passphrase or by the user's login. */
  create(request: DeskProtection): Promise<Result<DeskGate>>;
  /** A wrong passphrase is refused and changes nothing. */
  unlock(request: UnlockRequest): Promise<Result<DeskGate>>;
  /** Encrypts the open plain desk in place; progress arrives through onProgress. */
  encrypt(request: DeskProtection): Promise<Result<DeskGate>>;
  onProgress(handler: (progress: EncryptProgress) => void): () => void;
}

/** Export a report and save the file where the user chooses (main asks; the page never names a path). */
export interface ReportExportRequest {
  as: string;
  id: string;
  /** A published version; left out: the current draft (or its published files when unchanged). */
  version?: number | undefined;
  format: ExportFormat;
  /** Let records more restricted than the report's marking through (the Core audits it). */
  allowMarking?: boolean | undefined;
}

/** `saved: false` when the user cancelled the save dialog (the export itself was made and audited). */
export interface SavedReportExport {
  saved: boolean;
  /** The name of the file written (never its folder). */
  fileName: string;
  sha256: string;
  version: number;
  published: boolean;
  notices: ReportNotice[];
}

/** Read a published report's text or page from a file the user picks, for the import preview. */
export interface ReportImportRequest {
  as: string;
  caseId: string;
}

export interface CasefileBridge {
  desk?: DeskBridge;
  /** Never rejects: failures arrive as `{ ok: false, error }`. */
  invoke<M extends Method>(method: M, input: Input<M>): Promise<Result<Output<M>>>;
  /** Returns the function that unsubscribes. */
  on(event: 'menu', handler: (payload: { command: MenuCommand }) => void): () => void;
  /** The long operations this window started (contract `long`): progress, then how each ended. */
  on(event: 'progress', handler: (payload: OperationEvent) => void): () => void;
  /** Asks to stop a long operation this window started; false if it is not (or no longer) running. */
  cancel(operationId: string): Promise<boolean>;
  /** Resolves `{ ok: true, value: null }` when the user cancels the dialog. Absent outside Electron. */
  attachFile?(request: AttachRequest): Promise<Result<Attachment | null>>;
  /**
   * Lets the user pick a case bundle (.cfb) and puts it in the desk's exchange folder; the
   * answer is the id `exchange.inspectBundle` and `exchange.importBundle` take, or null when cancelled.
   */
  pickBundle?(): Promise<Result<{ file: string } | null>>;
  /** Asks where to save a bundle `exchange.exportBundle` wrote and moves it there; null when cancelled. */
  saveBundle?(request: { file: string; fileName: string }): Promise<Result<{ saved: boolean } | null>>;
  /** Asks where to save a text export the page made (a glossary, XLIFF) and writes it whole; `saved: false` when cancelled. */
  saveText?(request: { fileName: string; text: string }): Promise<Result<{ saved: boolean }>>;
  /** Asks the user to confirm, then opens an http(s) address in the browser; true if it was opened. */
  openExternal?(url: string): Promise<boolean>;
  /** Asks the user to confirm, then opens a read-only copy of a stored attachment in the system viewer. */
  openAttachment?(request: { as: string; id: string }): Promise<Result<{ opened: boolean; reason?: string }>>;
  /**
   * Exports a report through the Core and lets the user save the file (Electron: a native save
   * dialog, written whole or not at all; the e2e harness: a browser download). A refusal arrives
   * as the Core's error, with what stands in the way in `error.current`.
   */
  saveReportExport?(request: ReportExportRequest): Promise<Result<SavedReportExport>>;
  /** Lets the user pick a published report's file and returns the Core's import plan; null when cancelled. Writes nothing. */
  previewReportImport?(request: ReportImportRequest): Promise<Result<ReportImportPlan | null>>;
}
