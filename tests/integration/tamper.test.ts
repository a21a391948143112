/**
 * The tamper suite: out-of-band changes to a populated desk, made the way someone with the
 * data folder and sqlite3 (but not the desk key) would make them. Each must be NAMED by
 * `check`: which record, which field, what the trail says against what is there; or which
 * entry of the trail, or why its head does not verify. Changes to records are also refused by
 * import-json when the desk is exported and imported elsewhere.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChainHead } from '../../electron/core/audit/chain';
import { HEAD_FILE, readHeadFile, writeHeadFile } from '../../electron/core/audit/head';
import { approvalHash } from '../../electron/core/db/repos/translations';
import { createCore, type Core } from '../../electron/core/index';
import { exportJson, importJson, type ExportDoc } from '../../electron/core/io/json';
import { createDeskKey, readDeskKeyFile, writeDeskKeyFile } from '../../electron/core/keys';
import { cf } from './cliRunner';
import { copyDesk, populatedDesk, rehashChain, rewriteImage, withSqlite, type Populated } from './custodyDesk';
import { openCore, refused, tempDir, useCleanup } from './helpers';

useCleanup();

let desk: Populated;
beforeAll(async () => {
  desk = await populatedDesk();
}, 120_000);
afterAll(() => fs.rmSync(desk.dir, { recursive: true, force: true }));

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const lastSeq = (dir: string) => withSqlite(dir, (db) => db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number);

interface Tamper {
  name: string;
  spoil: (dir: string, ids: Populated['ids']) => void;
  /** What check must say, one pattern per problem expected. */
  named: (ids: Populated['ids'], dir: string) => RegExp[];
  /** What an import of the desk's export must be refused with (record changes). */
  importRefused?: (ids: Populated['ids']) => RegExp;
  /** Problems that must NOT be there (what only the replay, or only the head, catches). */
  notNamed?: RegExp;
}

const sql = (statement: string, ...params: unknown[]) => (dir: string) => withSqlite(dir, (db) => db.prepare(statement).run(...params));

const TAMPERS: Tamper[] = [
  {
    name: 'a forged statement original',
    spoil: (dir, ids) => sql('UPDATE statements SET original_text = ? WHERE id = ?', 'لم يقل هذا', ids.statement)(dir),
    named: (ids) => [new RegExp(`^Records against the audit trail: statement ${ids.statement}: originalText differs from the audit trail: expected "بسم الله.*\\(entry \\d+\\), found "لم يقل هذا"\\.$`)],
    importRefused: (ids) => new RegExp(`statements \\(id ${ids.statement}\\)\\.original_text: differs from its audit trail: expected "بسم الله`),
  },
  {
    name: 'a case marking lowered from internal to public',
    spoil: (dir, ids) => sql("UPDATE cases SET marking = 'public' WHERE id = ?", ids.case)(dir),
    named: (ids) => [new RegExp(`case ${ids.case}: marking differs from the audit trail: expected "internal" \\(entry \\d+\\), found "public"`)],
    importRefused: (ids) => new RegExp(`cases \\(id ${ids.case}\\)\\.marking: differs from its audit trail: expected "internal"`),
  },
  {
    name: 'a role grant written into profiles',
    spoil: (dir, ids) => sql('UPDATE profiles SET roles = ? WHERE id = ?', '["analyst","admin"]', ids.analyst)(dir),
    named: (ids) => [new RegExp(`profile ${ids.analyst}: roles differs from the audit trail: expected "${esc('[\\"analyst\\"]')}" \\(entry \\d+\\), found "${esc('[\\"analyst\\",\\"admin\\"]')}"`)],
    importRefused: (ids) => new RegExp(`profiles \\(id ${ids.analyst}\\)\\.roles: differs from its audit trail`),
  },
  {
    name: 'changed Admiralty grades',
    spoil: (dir, ids) => sql("UPDATE sources SET reliability = 'A', credibility = '1' WHERE id = ?", ids.source)(dir),
    named: (ids) => [
      new RegExp(`source ${ids.source}: reliability differs from the audit trail: expected "B" \\(entry \\d+\\), found "A"`),
      new RegExp(`source ${ids.source}: credibility differs from the audit trail: expected "2" \\(entry \\d+\\), found "1"`),
    ],
    importRefused: (ids) => new RegExp(`sources \\(id ${ids.source}\\)\\.reliability: differs`),
  },
  {
    name: 'a changed citation locator',
    spoil: (dir, ids) => sql("UPDATE citations SET locator = 'para. 9' WHERE id = ?", ids.citation)(dir),
    named: (ids) => [new RegExp(`citation ${ids.citation}: locator differs from the audit trail: expected "para\\. 2" \\(entry \\d+\\), found "para\\. 9"`)],
    importRefused: (ids) => new RegExp(`citations \\(id ${ids.citation}\\)\\.locator: differs`),
  },
  {
    name: 'an attachment replaced together with its row (size and hash updated)',
    spoil: (dir, ids) => {
      const bytes = Buffer.from('a different post\n');
      const sha = crypto.createHash('sha256').update(bytes).digest('hex');
      fs.mkdirSync(path.join(dir, 'attachments', sha.slice(0, 2)), { recursive: true });
      fs.writeFileSync(path.join(dir, 'attachments', sha.slice(0, 2), sha), bytes);
      sql('UPDATE attachments SET sha256 = ?, size = ? WHERE id = ?', sha, bytes.length, ids.attachment)(dir);
    },
    named: (ids) => [
      new RegExp(`attachment ${ids.attachment}: sha256 differs from the audit trail: expected "${ids.attachmentSha}"`),
      new RegExp(`attachment ${ids.attachment}: size differs from the audit trail: expected 18 \\(entry \\d+\\), found 17`),
    ],
    // The new bytes match the new row: the hash check alone would pass.
    notNamed: /stored file was modified/,
    importRefused: (ids) => new RegExp(`attachments \\(id ${ids.attachment}\\)\\.sha256: differs`),
  },
  {
    name: 'an attachment row deleted',
    spoil: (dir, ids) => sql('DELETE FROM attachments WHERE id = ?', ids.attachment)(dir),
    named: (ids) => [new RegExp(`attachment ${ids.attachment} is missing: the audit trail says it exists \\(entry \\d+\\); it was deleted outside Casefile`)],
    importRefused: (ids) => new RegExp(`attachments \\(id ${ids.attachment}\\): attachment ${ids.attachment} is missing`),
  },
  {
    name: 'an actor alias added',
    spoil: (dir, ids) => sql("UPDATE actors SET aliases = json_insert(aliases, '$[#]', json_object('alias', 'Abu Ali', 'kind', 'kunya', 'lang', 'en')) WHERE id = ?", ids.actor)(dir),
    named: (ids) => [new RegExp(`actor ${ids.actor}: aliases differs from the audit trail: expected ".*transliteration.*\\}\\]" \\(entry \\d+\\), found ".*Abu Ali`)],
    importRefused: (ids) => new RegExp(`actors \\(id ${ids.actor}\\)\\.aliases: differs`),
  },
  {
    name: 'an actor relation added',
    spoil: (dir, ids) => sql("INSERT INTO actor_relations (id, from_actor_id, relation, to_actor_id, note, created_at, created_by) VALUES ('01900000-0000-7000-8000-00000000aaaa', ?, 'backed_by', ?, '', '2023-11-01T00:00:00.000Z', ?)", ids.otherActor, ids.actor, ids.analyst)(dir),
    named: () => [/actor relation 01900000-0000-7000-8000-00000000aaaa is not in the audit trail: it was written outside Casefile/],
    importRefused: () => /actor_relations \(id 01900000-0000-7000-8000-00000000aaaa\): actor relation .* is not in the audit trail/,
  },
  {
    name: 'a statement relation added',
    spoil: (dir, ids) => sql("INSERT INTO statement_relations (statement_id, related_id, created_at, created_by) VALUES (?, ?, '2023-11-01T00:00:00.000Z', NULL)", ids.related, ids.statement)(dir),
    named: (ids) => [new RegExp(`statement relation statementId ${ids.related}, relatedId ${ids.statement} is not in the audit trail`)],
  },
  {
    name: 'a note body edited',
    spoil: (dir, ids) => sql("UPDATE notes SET body = 'Nothing to check.' WHERE id = ?", ids.note)(dir),
    named: (ids) => [new RegExp(`note ${ids.note}: body differs from the audit trail: expected "Check the Oct 30 video\\." \\(entry \\d+\\), found "Nothing to check\\."`)],
    importRefused: (ids) => new RegExp(`notes \\(id ${ids.note}\\)\\.body: differs`),
  },
  {
    name: 'an event date moved',
    spoil: (dir, ids) => sql("UPDATE events SET occurred_at = '2023-10-01' WHERE id = ?", ids.event)(dir),
    named: (ids) => [new RegExp(`event ${ids.event}: occurredAt differs from the audit trail: expected "2023-10-30" \\(entry \\d+\\), found "2023-10-01"`)],
    importRefused: (ids) => new RegExp(`events \\(id ${ids.event}\\)\\.occurred_at: differs`),
  },
  {
    name: "a translation revision's text edited with its approval hash recomputed",
    spoil: (dir, ids) => withSqlite(dir, (db) => {
      const segs = JSON.parse(db.prepare('SELECT segments FROM translation_revisions WHERE id = ?').pluck().get(ids.revision) as string) as { target: string }[];
      segs[1]!.target = 'It was you who killed them.';
      db.prepare('UPDATE translation_revisions SET segments = ?, approved_sha256 = ? WHERE id = ?').run(JSON.stringify(segs), approvalHash(segs), ids.revision);
    }),
    named: (ids) => [
      new RegExp(`translation revision ${ids.revision}: segments differs from the audit trail: expected .*It was not you.* found .*It was you who killed them`),
      new RegExp(`translation revision ${ids.revision}: approvedSha256 differs from the audit trail`),
    ],
    // The forged approval matches its forged text: only the trail tells.
    notNamed: /is marked approved but its text now hashes/,
    importRefused: (ids) => new RegExp(`translation_revisions \\(id ${ids.revision}\\)\\.segments: differs`),
  },
  {
    name: 'a translation comment edited',
    spoil: (dir, ids) => sql("UPDATE translation_comments SET body = 'Wrong.' WHERE id = ?", ids.comment)(dir),
    named: (ids) => [new RegExp(`translation comment ${ids.comment}: body differs from the audit trail: expected "Good\\." \\(entry \\d+\\), found "Wrong\\."`)],
  },
  {
    name: 'a case item removed',
    spoil: (dir, ids) => sql('DELETE FROM case_items WHERE item_id = ?', ids.related)(dir),
    named: (ids) => [new RegExp(`case item caseId ${ids.case}, itemType statement, itemId ${ids.related} is missing: the audit trail says it exists`)],
    importRefused: (ids) => new RegExp(`case_items \\(caseId ${ids.case}, itemType statement, itemId ${ids.related}\\): case item .* is missing`),
  },
  {
    name: 'a record deleted outright',
    spoil: (dir, ids) => sql('DELETE FROM reports WHERE id = ?', ids.report)(dir),
    named: (ids) => [new RegExp(`report ${ids.report} is missing: the audit trail says it exists \\(entry \\d+\\); it was deleted outside Casefile`)],
  },
  {
    name: 'a record inserted without an entry',
    spoil: (dir, ids) => withSqlite(dir, (db) => {
      db.prepare(`INSERT INTO statements SELECT '01900000-0000-7000-8000-00000000bbbb', speaker_id, on_behalf_of_id, said_at, date_precision, timezone, platform, handle, url, language,
        'بيان مزروع', original_status, published_wording, published_wording_language, summary, hashtags, mentions, links, scripture_refs, reliability, credibility,
        marking, rev, created_at, updated_at, created_by, updated_by, deleted_at FROM statements WHERE id = ?`).run(ids.related);
    }),
    named: () => [/^Records against the audit trail: statement 01900000-0000-7000-8000-00000000bbbb is not in the audit trail: it was written outside Casefile\.$/],
    importRefused: () => /statements \(id 01900000-0000-7000-8000-00000000bbbb\): statement .* is not in the audit trail/,
  },
  {
    name: 'an audit entry edited',
    spoil: (dir) => withSqlite(dir, (db) => db.prepare("UPDATE audit_log SET action = 'case.forged' WHERE seq = 5").run(), { dropGuards: true }),
    named: () => [/^Audit trail: Audit entry 5 was altered after it was written/],
  },
  {
    name: "an entry's row image edited",
    spoil: (dir, ids) => withSqlite(dir, (db) => rewriteImage(db, 'statements', ids.statement, 'original_text', 'لم يقل هذا'), { dropGuards: true }),
    named: (ids) => [
      /^Audit trail: Audit entry \d+ was altered after it was written \(its hash does not match its content and row images\)/,
      new RegExp(`statement ${ids.statement}: originalText differs from the audit trail: expected "لم يقل هذا"`),
    ],
  },
  {
    name: 'an entry deleted from the middle (with its row images)',
    spoil: (dir) => withSqlite(dir, (db) => {
      db.prepare('DELETE FROM audit_rows WHERE seq = 6').run();
      db.prepare('DELETE FROM audit_log WHERE seq = 6').run();
    }, { dropGuards: true }),
    named: () => [/^Audit trail: Audit entry 6 is missing \(the next entry present is 7\)/],
  },
  {
    name: 'the tail cut (entries and their row images)',
    spoil: (dir) => {
      const last = lastSeq(dir);
      withSqlite(dir, (db) => {
        db.prepare('DELETE FROM audit_rows WHERE seq > ?').run(last - 3);
        db.prepare('DELETE FROM audit_log WHERE seq > ?').run(last - 3);
      }, { dropGuards: true });
    },
    named: (_ids, dir) => [new RegExp(`^Audit trail: The audit log ends at entry ${lastSeq(dir)}, but entries up to ${lastSeq(dir) + 3} were written: the tail was cut off\\.`)],
  },
  {
    name: 'the whole chain rewritten with recomputed hashes (a forged original in the record and in the trail)',
    spoil: (dir, ids) => withSqlite(dir, (db) => {
      db.prepare('UPDATE statements SET original_text = ? WHERE id = ?').run('لم يقل هذا', ids.statement);
      rewriteImage(db, 'statements', ids.statement, 'original_text', 'لم يقل هذا');
      rehashChain(db);
    }, { dropGuards: true }),
    named: (_ids, dir) => [new RegExp(`^Audit trail: Audit entry ${lastSeq(dir)} differs from the one recorded when it was written: the log was rewritten\\.`)],
    // The forged trail agrees with the forged record: only the signed head tells.
    notNamed: /^Records against the audit trail/,
  },
  {
    name: 'the whole chain rewritten and the head file rewritten to match (old signature kept)',
    spoil: (dir, ids) => {
      withSqlite(dir, (db) => {
        db.prepare('UPDATE statements SET original_text = ? WHERE id = ?').run('لم يقل هذا', ids.statement);
        rewriteImage(db, 'statements', ids.statement, 'original_text', 'لم يقل هذا');
        rehashChain(db);
      }, { dropGuards: true });
      const head = readHeadFile(dir)!;
      const last = withSqlite(dir, (db) => readChainHead(db));
      writeHeadFile(dir, { ...head, hash: last.hash });
    },
    named: (_ids, dir) => [new RegExp(`^Audit trail: The audit head's signature \\(entry ${lastSeq(dir)}\\) does not verify with this desk's key [0-9a-f-]{19}: the log or the head file was rewritten by someone without the key\\.`)],
    notNamed: /^Records against the audit trail/,
  },
  {
    name: 'the whole chain rewritten and the head file rewritten to match (unsigned)',
    spoil: (dir, ids) => {
      withSqlite(dir, (db) => {
        db.prepare("UPDATE profiles SET roles = '[\"analyst\",\"admin\"]' WHERE id = ?").run(ids.analyst);
        rewriteImage(db, 'profiles', ids.analyst, 'roles', '["analyst","admin"]');
        rehashChain(db);
      }, { dropGuards: true });
      const last = withSqlite(dir, (db) => readChainHead(db));
      writeHeadFile(dir, { seq: last.seq, hash: last.hash, at: last.at });
    },
    named: (_ids, dir) => [new RegExp(`^Audit trail: The audit head \\(entry ${lastSeq(dir)}\\) is not signed`)],
  },
  {
    name: 'the head file signed by another key',
    spoil: (dir) => {
      const stranger = createDeskKey(tempDir(), { deskName: 'Forger', protection: { method: 'none' } });
      const last = withSqlite(dir, (db) => readChainHead(db));
      writeHeadFile(dir, { ...last, fingerprint: stranger.fingerprint, signature: stranger.sign(`casefile audit head\n${last.seq}\n${last.hash}\n${last.at}`).toString('base64') });
    },
    named: () => [/^Audit trail: The audit head \(entry \d+\) names the desk key [0-9a-f-]{19}, but this desk's key is [0-9a-f-]{19}: it was not signed by this desk\./],
  },
  {
    name: 'the head file deleted',
    spoil: (dir) => fs.rmSync(path.join(dir, HEAD_FILE)),
    named: () => [/^Audit trail: The audit head file \(audit-head\.json\) is missing: the end of the log cannot be confirmed\./],
  },
];

describe('check names every out-of-band change', () => {
  it('the populated desk checks clean to begin with, and has a record of every kind', async () => {
    const core = openCore(copyDesk(desk));
    expect((await core.check()).problems).toEqual([]);
    const empty = ['profiles', 'cases', 'actors', 'actor_relations', 'statements', 'statement_relations', 'sources', 'case_items', 'citations',
      'attachments', 'notes', 'events', 'reports', 'translations', 'translation_revisions', 'translation_comments', 'translation_memory']
      .filter((t) => (core.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number) === 0);
    expect(empty).toEqual([]);
  });

  it(`covers at least 20 distinct changes (${TAMPERS.length})`, () => {
    expect(TAMPERS.length).toBeGreaterThanOrEqual(20);
  });

  for (const t of TAMPERS) {
    it(t.name, async () => {
      const dir = copyDesk(desk);
      t.spoil(dir, desk.ids);
      const core: Core = openCore(dir);
      const report = await core.check();
      expect(report.ok).toBe(false);
      for (const re of t.named(desk.ids, dir)) {
        expect(report.problems.some((p) => re.test(p)), `${re} in:\n${report.problems.join('\n')}`).toBe(true);
      }
      if (t.notNamed) expect(report.problems.filter((p) => t.notNamed!.test(p))).toEqual([]);
      if (t.importRefused) {
        const target = openCore();
        expect(() => importJson(target, exportJson(core))).toThrow(t.importRefused(desk.ids));
        expect(target.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(0);
      }
    });
  }

  it("desk-key.json with its public key swapped for another: the desk does not open, and check says why", async () => {
    const dir = copyDesk(desk);
    const stranger = createDeskKey(tempDir(), { deskName: 'Forger', protection: { method: 'none' } });
    writeDeskKeyFile(dir, { ...readDeskKeyFile(dir)!, publicKey: stranger.publicKey });
    expect(() => createCore({ dataDir: dir })).toThrow(new RegExp(`desk-key\\.json does not belong together: its public key \\(fingerprint ${stranger.fingerprint}\\) is not the key its master key makes`));
    const run = await cf(['check', '--data', dir]);
    // A desk check cannot open is reported as the check's finding.
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/desk-key\.json does not belong together.*The file was altered/);
  });

  it('desk-key.json deleted: the desk does not open with a new key, and nothing is changed', () => {
    const dir = copyDesk(desk);
    fs.rmSync(path.join(dir, 'desk-key.json'));
    const before = fs.readFileSync(path.join(dir, 'casefile.sqlite'));
    expect(() => createCore({ dataDir: dir })).toThrow(/desk key file \(desk-key\.json\) is missing .* audit trail was signed with it\. Restore desk-key\.json from a backup/);
    expect(fs.existsSync(path.join(dir, 'desk-key.json'))).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'casefile.sqlite')).equals(before)).toBe(true);
  });

  it('desk.reindex (the app\'s, and the command line\'s) refuses while records disagree with the trail, naming the first and how many; force rebuilds and says what remains', async () => {
    const dir = copyDesk(desk);
    // Four forged records: the refusal names the first three and counts the rest.
    sql('UPDATE statements SET original_text = ? WHERE id = ?', 'لم يقل هذا zanzibarforged', desk.ids.statement)(dir);
    sql("UPDATE cases SET marking = 'public' WHERE id = ?", desk.ids.case)(dir);
    sql("UPDATE sources SET reliability = 'A' WHERE id = ?", desk.ids.source)(dir);
    sql("UPDATE citations SET locator = 'p. 99' WHERE id = ?", desk.ids.citation)(dir);
    const core = openCore(dir);
    const entries = lastSeq(dir);
    const body = await refused(core.invoke('desk.reindex', { as: desk.ids.admin }), 'conflict');
    expect(body.message).toMatch(/^The search index was not rebuilt: the records disagree with the audit trail \(4 differences\)/);
    expect(body.message.match(/^- Records against the audit trail: /gm)).toHaveLength(3);
    expect(body.message).toMatch(/…and 1 more\./);
    expect(body.message).toMatch(/casefile reindex --force/);
    // Nothing was rebuilt and nothing written: the index still holds the text the trail has.
    expect((await core.invoke('search.query', { as: desk.ids.admin, q: 'zanzibarforged' })).total).toBe(0);
    expect(lastSeq(dir)).toBe(entries);

    const forced = await core.invoke('desk.reindex', { as: desk.ids.admin, force: true });
    expect(forced.problems).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`statement ${desk.ids.statement}: originalText differs from the audit trail`))]));
    expect(forced.problems).toHaveLength(4);
    expect((await core.invoke('search.query', { as: desk.ids.admin, q: 'zanzibarforged' })).total).toBe(1);
    // The rebuild is in the trail with how many differences it went past, and check still names them.
    const audit = await core.invoke('audit.list', { as: desk.ids.admin, recordType: 'desk', recordId: 'search-index' });
    expect(audit[0]).toMatchObject({ action: 'desk.reindex', changes: { forcedPastDifferences: [null, 4] } });
    const report = await core.check();
    expect(report.problems).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`statement ${desk.ids.statement}: originalText differs from the audit trail`))]));
  });

  it('after an ordinary casefile reindex the forged record is still reported: reindex refuses, --force names the problems too', async () => {
    const dir = copyDesk(desk);
    sql('UPDATE statements SET original_text = ? WHERE id = ?', 'لم يقل هذا', desk.ids.statement)(dir);
    const refused = await cf(['reindex', '--data', dir, '--as', 'DA']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`statement ${desk.ids.statement}: originalText differs from the audit trail`));
    expect(refused.stderr).toMatch(/casefile: conflict: The search index was not rebuilt: the records disagree with the audit trail \(1 difference\)/);
    expect(refused.stdout).not.toMatch(/Reindexed/);

    const forced = await cf(['reindex', '--force', '--data', dir, '--as', 'DA']);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toMatch(new RegExp(`statement ${desk.ids.statement}: originalText differs from the audit trail`));
    expect(forced.stdout).toMatch(/Reindexed \d+ records/);

    const check = await cf(['check', '--data', dir]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(new RegExp(`statement ${desk.ids.statement}: originalText differs from the audit trail: expected "بسم الله`));
  });
});

describe('import-json refuses a forged document', () => {
  /** The export of a desk whose analyst was given the admin role in the record and in a rewritten, rehashed trail. */
  function forgedExport(): { clean: ExportDoc; forged: ExportDoc } {
    const cleanDir = copyDesk(desk);
    const clean = exportJson(openCore(cleanDir));
    const dir = copyDesk(desk);
    withSqlite(dir, (db) => {
      db.prepare("UPDATE profiles SET roles = '[\"analyst\",\"admin\"]' WHERE id = ?").run(desk.ids.analyst);
      rewriteImage(db, 'profiles', desk.ids.analyst, 'roles', '["analyst","admin"]');
      rehashChain(db);
    }, { dropGuards: true });
    // Exported by a Core on the forged folder only to get the forged tables; the head is the forger's to make.
    const forged = exportJson(openCore(dir));
    return { clean, forged };
  }

  it('a role grant in the rows that its intact trail does not have', () => {
    const doc = structuredClone(exportJson(openCore(copyDesk(desk)))) as ExportDoc;
    const row = doc.tables.profiles!.find((p) => p.id === desk.ids.analyst)!;
    row.roles = '["analyst","admin"]';
    const target = openCore();
    expect(() => importJson(target, doc)).toThrow(new RegExp(`profiles \\(id ${desk.ids.analyst}\\)\\.roles: differs from its audit trail: expected "${esc('[\\"analyst\\"]')}"`));
  });

  it('a forged role grant with a consistent-looking chain: unsigned, or with the old signature, it is refused', () => {
    const { clean, forged } = forgedExport();
    const last = forged.head;
    // The forger keeps the real desk's key and signature, with the new head.
    const oldSignature = { ...forged, head: { ...clean.head, seq: last.seq, hash: last.hash, at: last.at } };
    const unsigned = { ...forged, head: { ...oldSignature.head, signature: '' } };
    for (const doc of [oldSignature, unsigned]) {
      const target = openCore();
      expect(() => importJson(target, doc)).toThrow(/head: is not signed by the desk key it names \([0-9a-f-]{19}\): the trail was rewritten by someone without that desk's key/);
      expect(target.db.prepare('SELECT count(*) FROM profiles').pluck().get()).toBe(0);
    }
    // The head of the real export does not fit the forged trail either.
    expect(() => importJson(openCore(), { ...forged, head: clean.head })).toThrow(/head: names audit entry \d+ .* the trail was changed after it was signed/);
  });

  it('a forged document re-signed with the forger\'s own key says so, and is refused when the real fingerprint is asked for', () => {
    const { clean, forged } = forgedExport();
    const forger = createDeskKey(tempDir(), { deskName: 'Casefile desk', protection: { method: 'none' } });
    const h = forged.head;
    const resigned = {
      ...forged,
      head: { ...clean.head, publicKey: forger.publicKey, seq: h.seq, hash: h.hash, at: h.at, signature: forger.sign(`casefile audit head\n${h.seq}\n${h.hash}\n${h.at}`).toString('base64') },
    };
    const realFingerprint = openCore(copyDesk(desk)).state.key.fingerprint;
    expect(() => importJson(openCore(), resigned, { expectFingerprint: realFingerprint }))
      .toThrow(new RegExp(`head: is signed by the desk key ${forger.fingerprint}, not by ${realFingerprint} as expected`));
    const accepted = importJson(openCore(), resigned);
    expect(accepted.signedBy.fingerprint).toBe(forger.fingerprint);
    expect(accepted.signedBy.fingerprint).not.toBe(realFingerprint);
  });
});
