// The desk key of an open Core, for what it signs (case bundles). Until unlocking is wired into
// createCore (issue 12), a desk without desk-key.json is a plain one: its key is made on first
// use, wrapped with 'none', as `casefile init --unencrypted` does.
import path from 'node:path';
import { createDeskKey, readDeskKeyFile, unlockDeskKey, type DeskKey } from '../keys';
import type { CoreState } from './state';

const keys = new WeakMap<CoreState, DeskKey>();

export function deskKey(s: CoreState): DeskKey {
  let key = keys.get(s);
  if (!key) {
    key = readDeskKeyFile(s.dataDir)
      ? unlockDeskKey(s.dataDir)
      : createDeskKey(s.dataDir, { deskName: path.basename(s.dataDir), protection: { method: 'none' } });
    keys.set(s, key);
  }
  return key;
}
