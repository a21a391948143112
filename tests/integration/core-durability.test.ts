import { describe, expect, it } from 'vitest';
import { makeDesk, openCore, useCleanup } from './helpers';

useCleanup();

// An acknowledged save must survive a power cut: WAL with synchronous=FULL (2). better-sqlite3's
// build default silently drops a reopened WAL database back to NORMAL (1), hence the reopen.
function pragmas(core: ReturnType<typeof openCore>) {
  return {
    journalMode: core.db.pragma('journal_mode', { simple: true }),
    synchronous: core.db.pragma('synchronous', { simple: true }),
    foreignKeys: core.db.pragma('foreign_keys', { simple: true }),
  };
}

describe('durability pragmas', () => {
  it('a new data folder is WAL, synchronous FULL, foreign keys on', () => {
    const core = openCore();
    expect(pragmas(core)).toEqual({ journalMode: 'wal', synchronous: 2, foreignKeys: 1 });
  });

  it('stays synchronous FULL after close and reopen of the WAL database', async () => {
    const { core, dir, admin } = await makeDesk();
    await core.invoke('cases.create', { as: admin.id, title: 'Survives a restart' });
    core.close();

    const again = openCore(dir);
    expect(pragmas(again)).toEqual({ journalMode: 'wal', synchronous: 2, foreignKeys: 1 });
    const cases = await again.invoke('cases.list', { as: admin.id });
    expect(cases.items.map((c) => c.title)).toEqual(['Survives a restart']);
  });

  it('foreign keys are enforced on the Core connection', async () => {
    const { core } = await makeDesk();
    expect(() => core.db.prepare("INSERT INTO events (id, case_id, occurred_at, date_precision, title, created_at, updated_at) VALUES ('e', 'no-such-case', '2023', 'year', 't', 'x', 'x')").run())
      .toThrow(/FOREIGN KEY/);
  });
});
