import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/open';
import type { AttachmentStore } from '../attachments/store';

/** What every service works on: the open database and data folder, the clock and the id maker. */
export interface CoreState {
  db: Db;
  dataDir: string;
  store: AttachmentStore;
  version: string;
  now(): string;
  newId(): string;
}

export function makeState(db: Db, dataDir: string, store: AttachmentStore, version: string): CoreState {
  return { db, dataDir, store, version, now: () => new Date().toISOString(), newId: () => uuidv7() };
}
