import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/open';
import type { AttachmentStore } from '../attachments/store';
import type { DeskKey } from '../keys';
import type { PdfEngine } from '../io/report/pdf';

/** What every service works on: the open database and data folder, the desk key, the clock and the id maker. */
export interface CoreState {
  db: Db;
  dataDir: string;
  store: AttachmentStore;
  /** The unlocked desk key: signs the audit head after every commit. */
  key: DeskKey;
  /**
   * The SQLCipher key of an encrypted desk (null when plain): every other database the Core
   * opens beside the desk (an import's staging copy) is encrypted with it too.
   */
  dbKey: Buffer | null;
  version: string;
  now(): string;
  newId(): string;
  /** Prints exported HTML to PDF: Electron's in the app, the system Chromium's on the command line; absent in plain tests. */
  pdfEngine?: PdfEngine;
  /** The folder with the shipped citation style and locale (resources/csl); found beside the code when absent. */
  cslDir?: string;
}

export function makeState(
  db: Db, dataDir: string, store: AttachmentStore, version: string, key: DeskKey,
  extra: Pick<CoreState, 'pdfEngine' | 'cslDir'> & { dbKey?: Buffer | null } = {},
): CoreState {
  return { db, dataDir, store, key, dbKey: null, version, now: () => new Date().toISOString(), newId: () => uuidv7(), ...extra };
}
