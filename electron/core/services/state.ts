import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/open';
import type { AttachmentStore } from '../attachments/store';
import type { DeskKey } from '../keys';

/** What every service works on: the open database and data folder, the desk key, the clock and the id maker. */
export interface CoreState {
  db: Db;
  dataDir: string;
  store: AttachmentStore;
  /** The unlocked desk key: signs the audit head after every commit. */
  key: DeskKey;
  version: string;
  now(): string;
  newId(): string;
}

export function makeState(db: Db, dataDir: string, store: AttachmentStore, version: string, key: DeskKey): CoreState {
  return { db, dataDir, store, key, version, now: () => new Date().toISOString(), newId: () => uuidv7() };
}
