/**
 * Encrypting a desk in place never leaves two half-states: a child process encrypts a plain desk
 * and is killed (SIGKILL) right after each step in turn. Whatever the step, the next start finds
 * either the old plain desk or the new encrypted one, complete, with nothing left over; a desk
 * that rolled back can then be encrypted to the end.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/index';
import { encryptDesk, ENCRYPT_STEPS, type EncryptStep } from '../../electron/core/desk/encrypt';
import { deskStatus } from '../../electron/core/desk/unlock';
import { readDeskKeyFile } from '../../electron/core/keys';
import { makeDesk, useCleanup } from './helpers';

useCleanup();

const ROOT = path.resolve(__dirname, '../..');
const CRASHER = path.join(ROOT, 'tests/fixtures/encrypt/crasher.ts');
const PASS = 'a passphrase for the crash test';
const FAST = { N: 2 ** 10, r: 8, p: 1 };
const COMMIT_AT = ENCRYPT_STEPS.indexOf('committed');

function crashAfter(dataDir: string, step: EncryptStep): Promise<{ signal: NodeJS.Signals | null; code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CRASHER, dataDir, step, PASS], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ signal, code, stderr }));
  });
}

interface Template {
  dir: string;
  as: string;
  statementId: string;
  originalText: string;
  attachments: { id: string; bytes: Buffer }[];
  publicKey: string;
}

describe('encrypting a desk, killed after every step', () => {
  let t: Template;
  // Not tempDir(): that is emptied after each test, and the template serves them all.
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-encrypt-crash-'));

  beforeAll(async () => {
    const d = await makeDesk({}, path.join(base, 'template'));
    const c = await d.core.invoke('cases.create', { as: d.admin.id, title: 'Crash ledger' });
    const st = await d.core.invoke('statements.create', { as: d.admin.id, caseIds: [c.id], originalText: 'بيان للاختبار', language: 'ar' });
    const attachments: Template['attachments'] = [];
    for (const [i, size] of [150_000, 10, 70_000].entries()) {
      const bytes = Buffer.alloc(size, i + 1);
      const att = await d.core.invoke('attachments.add', { as: d.admin.id, ownerType: 'statement', ownerId: st.id, fileName: `f${i}.bin`, data: new Uint8Array(bytes) });
      attachments.push({ id: att.id, bytes });
    }
    d.core.close();
    t = { dir: d.dir, as: d.admin.id, statementId: st.id, originalText: st.originalText ?? '', attachments, publicKey: readDeskKeyFile(d.dir)!.publicKey };
  });
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it.each(ENCRYPT_STEPS.filter((s) => s !== 'done').map((s, i) => [s, i] as const))('after "%s": one whole desk on the next start', async (step, index) => {
    const dir = path.join(base, step);
    fs.cpSync(t.dir, dir, { recursive: true });
    const res = await crashAfter(dir, step);
    expect(res.signal, `the child must die at ${step}: ${res.stderr}`).toBe('SIGKILL');

    const expectEncrypted = index >= COMMIT_AT;
    const core = createCore({ dataDir: dir, ...(expectEncrypted ? { unlock: { passphrase: PASS } } : {}) });
    try {
      expect(core.encrypted).toBe(expectEncrypted);
      expect(fs.readdirSync(dir).filter((f) => !f.startsWith('casefile.sqlite-')).sort())
        .toEqual(['attachments', 'audit-head.json', 'casefile.sqlite', 'desk-key.json']);
      expect(readDeskKeyFile(dir)?.wraps.map((w) => w.method)).toEqual([expectEncrypted ? 'passphrase' : 'none']);
      expect(readDeskKeyFile(dir)?.publicKey).toBe(t.publicKey);
      expect((await core.invoke('statements.get', { as: t.as, id: t.statementId })).originalText).toBe(t.originalText);
      for (const a of t.attachments) {
        const read = await core.invoke('attachments.read', { as: t.as, id: a.id, maxBytes: 1 << 20 });
        expect(Buffer.from(read.data).equals(a.bytes)).toBe(true);
      }
      const report = await core.check();
      expect(report.problems).toEqual([]);
    } finally {
      core.close();
    }

    if (!expectEncrypted) {
      // The rolled-back desk is a plain desk like any other: encrypting it again goes through.
      await encryptDesk(dir, { protection: { method: 'passphrase', passphrase: PASS, scrypt: FAST } });
      expect(deskStatus(dir)).toMatchObject({ encrypted: true, unlock: ['passphrase'] });
    }
  });
});
