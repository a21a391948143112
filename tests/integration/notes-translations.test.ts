// Notes on translations (issue 14, "notes parity"): a note about a translation as a whole,
// kept across its revisions, refused on a translation that does not exist or whose statement
// is in the trash, and searchable like every note.
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../electron/core/db/migrations';
import { checkIndex } from '../../electron/core/search/index';
import { makeDesk, newStatement, NO_SUCH_ID, openCore, refused, useCleanup } from './helpers';

useCleanup();

describe('notes on translations', () => {
  it('are written, listed, kept across revisions and found by search', async () => {
    const d = await makeDesk();
    const st = await newStatement(d);
    const v = await d.core.invoke('translations.start', { as: d.analyst.id, statementId: st.id, targetLang: 'en' });
    const n = await d.core.invoke('notes.create', { as: d.reviewer.id, targetType: 'translation', targetId: v.translation.id, body: 'Render مجاهدين as mujahideen throughout.' });
    expect(n).toMatchObject({ targetType: 'translation', targetId: v.translation.id, createdBy: d.reviewer.id });
    await d.core.invoke('translations.edit', { as: d.analyst.id, id: v.translation.id, rev: v.translation.rev, segments: [{ id: 's1', target: 'The statement' }] });
    const listed = await d.core.invoke('notes.list', { as: d.analyst.id, targetType: 'translation', targetId: v.translation.id });
    expect(listed.map((x) => x.id)).toEqual([n.id]);
    const hits = await d.core.invoke('search.query', { as: d.analyst.id, q: 'mujahideen type:note' });
    expect(hits.hits.map((h) => h.id)).toEqual([n.id]);
    expect(checkIndex(d.core)).toEqual([]);
  });

  it('are refused on a translation that does not exist, or whose statement is in the trash', async () => {
    const d = await makeDesk();
    expect((await refused(d.core.invoke('notes.create', { as: d.analyst.id, targetType: 'translation', targetId: NO_SUCH_ID, body: 'x' }), 'not_found')).message).toMatch(/translation/);
    const st = await newStatement(d);
    const v = await d.core.invoke('translations.start', { as: d.analyst.id, statementId: st.id, targetLang: 'en' });
    const cur = await d.core.invoke('statements.get', { as: d.analyst.id, id: st.id });
    await d.core.invoke('statements.trash', { as: d.analyst.id, id: st.id, rev: cur.rev });
    expect((await refused(d.core.invoke('notes.create', { as: d.analyst.id, targetType: 'translation', targetId: v.translation.id, body: 'x' }), 'not_found')).message).toMatch(/in the trash/);
  });

  it('a desk whose notes were written before keeps them, and its checks stay clean, after the upgrade', async () => {
    const d = await makeDesk();
    const kase = await d.core.invoke('cases.create', { as: d.admin.id, title: 'Nujaba' });
    const n = await d.core.invoke('notes.create', { as: d.analyst.id, targetType: 'case', targetId: kase.id, body: 'Before the upgrade', pinned: true });
    d.core.close();
    // Back to the schema before notes on translations, as an older Casefile left it.
    const before = migrations.find((m) => m.name === 'notes_on_translations')!.version - 1;
    const raw = new Database(path.join(d.dir, 'casefile.sqlite'));
    raw.exec(`CREATE TABLE notes_old AS SELECT * FROM notes; DROP TABLE notes;
      CREATE TABLE notes (id TEXT PRIMARY KEY, target_type TEXT NOT NULL CHECK (target_type IN ('case','statement','source','actor','report','event')),
        target_id TEXT NOT NULL, body TEXT NOT NULL, pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0,1)), rev INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT, deleted_at TEXT) STRICT;
      INSERT INTO notes SELECT * FROM notes_old; DROP TABLE notes_old; CREATE INDEX notes_target ON notes(target_type, target_id);`);
    raw.pragma(`user_version = ${before}`);
    raw.close();

    const core = openCore(d.dir);
    expect(await core.invoke('notes.get', { as: d.analyst.id, id: n.id })).toEqual(n);
    const report = await core.check();
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
