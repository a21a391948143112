// Markings are distribution: lowering a statement's or a source's marking (restricted ->
// public) is a case manager's act, as it is for a case; raising it stays with whoever edits
// the record. Filing a record into a case more restricted than the record is allowed but warned.
import { describe, expect, it } from 'vitest';
import { cf, cfJson } from './cliRunner';
import { makeDesk, newCase, newSource, newStatement, refused, tableCounts, useCleanup } from './helpers';

useCleanup();

describe('lowering a marking', () => {
  it('an analyst may raise a statement\'s or a source\'s marking but not lower it; nothing is written', async () => {
    const d = await makeDesk();
    const st = await newStatement(d, { marking: 'restricted' });
    const src = await newSource(d, { marking: 'internal' });
    const before = tableCounts(d.core.db);
    let body = await refused(d.core.invoke('statements.update', { as: d.analyst.id, id: st.id, rev: st.rev, marking: 'public' }), 'forbidden');
    expect(body.message).toBe("Only a profile with the case manager role may lower a statement's marking (restricted to public).");
    expect(body.needsRole).toBe('case_manager');
    // Lowering hidden among other edits is refused as a whole.
    body = await refused(d.core.invoke('statements.update', { as: d.analyst.id, id: st.id, rev: st.rev, marking: 'subscribers', summary: 'x' }), 'forbidden');
    body = await refused(d.core.invoke('sources.update', { as: d.analyst.id, id: src.id, rev: src.rev, marking: 'public' }), 'forbidden');
    expect(body.message).toBe("Only a profile with the case manager role may lower a source's marking (internal to public).");
    expect(tableCounts(d.core.db)).toEqual(before);

    const raised = await d.core.invoke('sources.update', { as: d.analyst.id, id: src.id, rev: src.rev, marking: 'restricted' });
    expect(raised.marking).toBe('restricted');
    // Saving the marking it already has is no change at all.
    const same = await d.core.invoke('statements.update', { as: d.analyst.id, id: st.id, rev: st.rev, marking: 'restricted', summary: 'same marking' });
    expect(same.marking).toBe('restricted');
  });

  it('a case manager may lower or raise it, even without the right to edit the record, and nothing else', async () => {
    const d = await makeDesk();
    const manager = await d.core.invoke('profiles.create', { as: d.admin.id, name: 'Cara Manager', initials: 'CM', roles: ['case_manager'] });
    const st = await newStatement(d, { marking: 'restricted' });
    const lowered = await d.core.invoke('statements.update', { as: manager.id, id: st.id, rev: st.rev, marking: 'public' });
    expect(lowered.marking).toBe('public');
    const raised = await d.core.invoke('statements.update', { as: manager.id, id: st.id, rev: lowered.rev, marking: 'internal' });
    expect(raised.marking).toBe('internal');
    const body = await refused(d.core.invoke('statements.update', { as: manager.id, id: st.id, rev: raised.rev, summary: 'not mine to write' }), 'forbidden');
    expect(body.message).toBe('Only a profile with the analyst role may edit statements.');
    const audit = await d.core.invoke('audit.list', { as: manager.id, recordId: st.id });
    expect(audit.filter((e) => e.actorId === manager.id).map((e) => e.changes.marking)).toEqual([['public', 'internal'], ['restricted', 'public']]);
  });

  it('profiles.permissions tells the UI who may lower markings, in the words the Core refuses with', async () => {
    const d = await makeDesk();
    expect((await d.core.invoke('profiles.permissions', { as: d.analyst.id })).actions['markings.lower'])
      .toEqual({ allowed: false, reason: "Only a profile with the case manager role may lower a statement's or a source's marking." });
    expect((await d.core.invoke('profiles.permissions', { as: d.admin.id })).actions['markings.lower']).toEqual({ allowed: true, reason: null });
  });
});

describe('filing a record into a more restricted case', () => {
  it('is done, with a warning in the answer; a record as restricted as the case gets none', async () => {
    const d = await makeDesk();
    const kase = await newCase(d, { title: 'Named people only', marking: 'restricted' });
    const open = await newStatement(d, { marking: 'public' });
    const item = await d.core.invoke('cases.addItem', { as: d.analyst.id, caseId: kase.id, itemType: 'statement', itemId: open.id });
    expect(item.caseId).toBe(kase.id);
    expect(item.warnings).toEqual([
      'This statement is marked public, less restricted than the case it is filed into (restricted): check that its marking is right before it is exported or published.',
    ]);
    const closed = await newSource(d, { marking: 'restricted' });
    expect((await d.core.invoke('cases.addItem', { as: d.analyst.id, caseId: kase.id, itemType: 'source', itemId: closed.id })).warnings).toEqual([]);
    const publicCase = await newCase(d, { marking: 'public' });
    expect((await d.core.invoke('cases.addItem', { as: d.analyst.id, caseId: publicCase.id, itemType: 'source', itemId: closed.id })).warnings).toEqual([]);
  });
});

describe('on the command line', () => {
  it('refuses an analyst lowering a marking, and case file prints the warning', async () => {
    const d = await makeDesk();
    const kase = await newCase(d, { title: 'Restricted case', marking: 'restricted' });
    const st = await newStatement(d, { marking: 'internal' });
    d.core.close();
    const lower = await cf(['statement', 'update', st.id, '--marking', 'public', '--as', 'AA', '--data', d.dir]);
    expect(lower.code).toBe(1);
    expect(lower.stderr).toBe("casefile: forbidden: Only a profile with the case manager role may lower a statement's marking (internal to public).\n");
    const filed = await cf(['case', 'file', kase.id, '--statement', st.id, '--as', 'AA', '--data', d.dir]);
    expect(filed.code).toBe(0);
    expect(filed.stdout).toBe(`Filed statement ${st.id} in case ${kase.id}.\n`);
    expect(filed.stderr).toBe('Warning: This statement is marked internal, less restricted than the case it is filed into (restricted): check that its marking is right before it is exported or published.\n');
    const json = await cfJson<{ warnings: string[] }>(['case', 'file', kase.id, '--statement', st.id, '--as', 'AA', '--data', d.dir]);
    expect(json.warnings).toHaveLength(1);
  });
});
