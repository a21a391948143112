// The sandboxed preload may import nothing but electron (the layer rules), so it writes main's
// channel names out again. This keeps the two lists one: a channel main listens on that the
// preload spells differently (or not at all) would leave a button that silently does nothing.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PICK_BUNDLE_CHANNEL, SAVE_BUNDLE_CHANNEL } from '../../../electron/main/bundleFiles';
import { DESK_CHANNELS } from '../../../electron/main/deskIpc';
import { ATTACH_CHANNEL, CANCEL_CHANNEL, EVENT_CHANNEL, OPEN_ATTACHMENT_CHANNEL, OPEN_EXTERNAL_CHANNEL } from '../../../electron/main/ipc';
import { IMPORT_REPORT_CHANNEL, SAVE_EXPORT_CHANNEL } from '../../../electron/main/reportFiles';
import { SAVE_TEXT_CHANNEL } from '../../../electron/main/textFiles';

const PRELOAD = fs.readFileSync(path.resolve(__dirname, '../../../electron/preload/index.ts'), 'utf8');
const MAIN_CHANNELS = [
  EVENT_CHANNEL, ATTACH_CHANNEL, OPEN_EXTERNAL_CHANNEL, OPEN_ATTACHMENT_CHANNEL, CANCEL_CHANNEL,
  SAVE_EXPORT_CHANNEL, IMPORT_REPORT_CHANNEL, PICK_BUNDLE_CHANNEL, SAVE_BUNDLE_CHANNEL, SAVE_TEXT_CHANNEL, ...Object.values(DESK_CHANNELS),
];

describe("the preload's channel names", () => {
  it("spells every channel main listens on as main does", () => {
    const missing = MAIN_CHANNELS.filter((c) => !PRELOAD.includes(`'${c}'`));
    expect(missing).toEqual([]);
  });

  it('keeps every main-only channel out of the contract passthrough', () => {
    const set = /const NOT_CONTRACT = new Set\(\[([^\]]*)\]\)/.exec(PRELOAD)?.[1] ?? '';
    const notContract = [...set.matchAll(/'([^']+)'/g)].map((m) => m[1]);
    const contractShaped = MAIN_CHANNELS.map((c) => c.replace(/^casefile:/, '')).filter((n) => /^[a-z]+\.[a-zA-Z]+$/.test(n));
    expect(contractShaped.filter((n) => !notContract.includes(n))).toEqual([]);
  });
});
