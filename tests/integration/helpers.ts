// Shared setup for the Core integration tests: temp data folders, a desk with the usual
// profiles, and small assertions about refusals. No mocks: every test drives a real Core.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, expect } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../../electron/core/index';
import { CoreError } from '../../electron/core/errors';
import type { ErrorBody } from '../../shared/ipc/contract';
import type { Profile } from '../../shared/domain';

const dirs: string[] = [];
const cores: Core[] = [];
const extraDbs: Database.Database[] = [];

/** Closes every core and side connection and deletes every temp folder after each test. */
export function useCleanup(): void {
  afterEach(() => {
    for (const c of cores.splice(0)) c.close();
    for (const d of extraDbs.splice(0)) if (d.open) d.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
}

export function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-'));
  dirs.push(d);
  return d;
}

/** A Core on `dir` (a fresh temp folder by default), closed after the test. */
export function openCore(dir = tempDir(), opts: Omit<CoreOptions, 'dataDir'> = {}): Core {
  const core = createCore({ dataDir: dir, ...opts });
  cores.push(core);
  return core;
}

/** A second connection to a Core's database, as another process (or an attacker) would open it. */
export function sideConnection(core: Core): Database.Database {
  const db = new Database(path.join(core.dataDir, 'casefile.sqlite'));
  db.pragma('busy_timeout = 5000');
  extraDbs.push(db);
  return db;
}

export interface Desk {
  core: Core;
  dir: string;
  /** admin + analyst + case_manager: the person who set up the desk. */
  admin: Profile;
  /** reviewer only. */
  reviewer: Profile;
  /** analyst only. */
  analyst: Profile;
}

export async function makeDesk(opts: Omit<CoreOptions, 'dataDir'> = {}, dir = tempDir()): Promise<Desk> {
  const core = openCore(dir, opts);
  const admin = await core.invoke('profiles.create', { as: null, name: 'Dana Admin', initials: 'DA', roles: ['admin', 'analyst', 'case_manager'] });
  const reviewer = await core.invoke('profiles.create', { as: admin.id, name: 'Rami Reviewer', initials: 'RR', roles: ['reviewer'] });
  const analyst = await core.invoke('profiles.create', { as: admin.id, name: 'Ana Analyst', initials: 'AA', roles: ['analyst'] });
  return { core, dir, admin, reviewer, analyst };
}

/** Awaits a call that must be refused by the Core and returns the error body. */
export async function refused(p: Promise<unknown>, code?: ErrorBody['code']): Promise<ErrorBody> {
  let err: unknown;
  try {
    await p;
  } catch (e) {
    err = e;
  }
  expect(err, 'the call should have been refused').toBeInstanceOf(CoreError);
  const body = (err as CoreError).body;
  if (code) expect(body.code, body.message).toBe(code);
  return body;
}

/** Row counts of every table in the database: to show that a refused call wrote nothing. */
export function tableCounts(db: Database.Database): Record<string, number> {
  const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  return Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]));
}

export function auditCount(core: Core): number {
  return (core.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
}

export function changeLogCount(core: Core): number {
  return (core.db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
}

export interface AuditRow {
  seq: number; at: string; actor_id: string | null; action: string; record_type: string; record_id: string;
  changes: string; prev_hash: string; hash: string;
}

export function auditRows(db: Database.Database, sinceSeq = 0): AuditRow[] {
  return db.prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq').all(sinceSeq) as AuditRow[];
}

/** A case opened by the desk's admin (who is also its case manager). */
export async function newCase(d: Desk, fields: Record<string, unknown> = {}) {
  return d.core.invoke('cases.create', { as: d.admin.id, title: 'Test case', ...fields });
}

export async function newActor(d: Desk, fields: Record<string, unknown> = {}) {
  return d.core.invoke('actors.create', { as: d.analyst.id, kind: 'person', name: 'Test Actor', ...fields });
}

export async function newSource(d: Desk, fields: Record<string, unknown> = {}) {
  return d.core.invoke('sources.create', { as: d.analyst.id, kind: 'social_post', title: 'Test source', ...fields });
}

export async function newStatement(d: Desk, fields: Record<string, unknown> = {}) {
  return d.core.invoke('statements.create', { as: d.analyst.id, originalText: 'نص البيان', language: 'ar', ...fields });
}

/** A well-formed UUID that no record has. */
export const NO_SUCH_ID = '00000000-0000-7000-8000-000000000000';
