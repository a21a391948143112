/**
 * The two report operations that touch the user's own files: saving an export where the user
 * chooses, and reading a published report's file for the import preview. The page never names a
 * path: main asks the user (the native dialogs are injected, so this runs and is tested without
 * Electron) and the Core makes or reads the bytes, through the contract like every other call.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import type { ExportFormat, ReportImportPlan } from '../../shared/domain';
import { Id } from '../../shared/domain';
import { contract, type Output, type Result } from '../../shared/ipc/contract';
import type { SavedReportExport } from '../../shared/ipc/bridge';
import { CoreError, toResult } from '../core/errors';
import { MAX_IMPORT_BYTES } from '../core/io/reportImport/decode';
import { isTrusted, REFUSED, type ContractCore, type SenderCheck } from './ipc';
import { writeWhole } from './saveWhole';

/** Channel names; the preload uses the same strings. */
export const SAVE_EXPORT_CHANNEL = 'casefile:dialog.saveExport';
export const IMPORT_REPORT_CHANNEL = 'casefile:dialog.importReport';

export interface ReportFileDeps {
  core: ContractCore;
  /** The native save dialog over the window that asked, suggesting `fileName`: the path chosen, or null. */
  chooseSavePath(event: IpcMainInvokeEvent, suggested: { fileName: string; format: ExportFormat }): Promise<string | null>;
  /** The native open dialog for a published report's text or saved page: the path chosen, or null. */
  chooseImportFile(event: IpcMainInvokeEvent): Promise<string | null>;
}

// The export request is exactly the contract's input for reports.export (strict: nothing else passes).
const ExportRequest = contract['reports.export'].input;
const ImportRequest = z.strictObject({ as: Id, caseId: Id });

/** Exports through the Core (refusals come back as they are), then saves where the user chooses. */
export async function saveReportExport(deps: ReportFileDeps, event: IpcMainInvokeEvent, request: unknown): Promise<SavedReportExport> {
  const input = ExportRequest.parse(request);
  const out = (await deps.core.invoke('reports.export', input)) as Output<'reports.export'>;
  const base = { fileName: out.fileName, sha256: out.sha256, version: out.version, published: out.published, notices: out.notices };
  const target = await deps.chooseSavePath(event, { fileName: out.fileName, format: input.format });
  if (target === null) return { saved: false, ...base };
  await writeWhole(target, out.data);
  return { saved: true, ...base, fileName: path.basename(target) };
}

/** Reads the file the user picks (refusing one too large before reading it) and asks the Core for the plan. */
export async function previewReportImport(deps: ReportFileDeps, event: IpcMainInvokeEvent, request: unknown): Promise<ReportImportPlan | null> {
  const { as, caseId } = ImportRequest.parse(request);
  const file = await deps.chooseImportFile(event);
  if (file === null) return null;
  const name = path.basename(file);
  let size: number;
  try {
    size = (await fs.promises.stat(file)).size;
  } catch (err) {
    throw new CoreError('failed', `Could not read ${name}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (size > MAX_IMPORT_BYTES) {
    const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
    throw new CoreError('too_large', `The import file "${name}" is ${mb(size)}; a published report's text or page is at most ${mb(MAX_IMPORT_BYTES)}. Nothing was imported.`, { field: 'data' });
  }
  const data = new Uint8Array(await fs.promises.readFile(file));
  return (await deps.core.invoke('reports.importPreview', { as, caseId, fileName: name, data })) as ReportImportPlan;
}

/** Registers both on main's IPC; only our own page may call them. */
export function registerReportFileHandlers(ipc: Pick<IpcMain, 'handle'>, deps: ReportFileDeps, isTrustedSender: SenderCheck): void {
  ipc.handle(SAVE_EXPORT_CHANNEL, async (event, request: unknown): Promise<Result<unknown>> => {
    if (!isTrusted(isTrustedSender, event)) return { ok: false, error: REFUSED };
    return toResult(() => saveReportExport(deps, event, request));
  });
  ipc.handle(IMPORT_REPORT_CHANNEL, async (event, request: unknown): Promise<Result<unknown>> => {
    if (!isTrusted(isTrustedSender, event)) return { ok: false, error: REFUSED };
    return toResult(() => previewReportImport(deps, event, request));
  });
}
