// The autosave loop both edit stores share: every save goes out as the profile that typed it,
// a profile switch parks the previous profile's unsaved edits, and the translation store runs
// the same save / retry / conflict steps as the record drafts.
import { describe, expect, it, vi } from 'vitest';
import type { TranslationView } from '../../shared/domain';
import { ApiError } from '../../renderer/src/api/client';
import { DraftStore } from '../../renderer/src/data/drafts';
import type { DraftKind, Rec } from '../../renderer/src/data/drafts';
import { TranslationEdits } from '../../renderer/src/features/translations/editStore';

const KIND: DraftKind = { method: 'statements.update' };
const REVIEWER = 'p-reviewer';
const ANALYST = 'p-analyst';
const base: Rec = { id: 's1', rev: 1, summary: 'old', platform: null };
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function drafts(send: (input: Record<string, unknown>, as: string) => Promise<unknown>) {
  const problem = vi.fn();
  const store = new DraftStore({ send: (_m, input, as) => send(input, as), saved: vi.fn(), problem, delayMs: 20, retryMs: 30 });
  return { store, problem };
}

describe('who a save is made as', () => {
  it('each profile edits its own entry of a record, and each entry is saved as its author only', async () => {
    const sent: [string, Record<string, unknown>][] = [];
    const { store } = drafts(async (input, as) => {
      sent.push([as, input]);
      if (as === REVIEWER) throw new ApiError({ code: 'forbidden', message: 'Only a profile with the analyst role may edit statements.' });
      return { ...base, ...input, rev: Number(input.rev) + 1 };
    });
    await store.edit(KIND, REVIEWER, base, { summary: "the reviewer's text" }, { now: true });
    expect(store.view(DraftStore.keyOf(KIND, 's1', REVIEWER))!.state.kind).toBe('error');
    await store.edit(KIND, ANALYST, base, { platform: 'X' }, { now: true });
    expect(sent).toEqual([
      [REVIEWER, { id: 's1', rev: 1, summary: "the reviewer's text" }],
      [ANALYST, { id: 's1', rev: 1, platform: 'X' }],
    ]);
    // The reviewer's words are still theirs, shown to the analyst as someone else's.
    expect(store.others(DraftStore.groupOf(KIND, 's1'), ANALYST).map((v) => [v.author, v.draft])).toEqual([[REVIEWER, { summary: "the reviewer's text" }]]);
    expect(store.others(DraftStore.groupOf(KIND, 's1'), REVIEWER)).toEqual([]);
  });

  it("a parked profile's edits are never sent, retried or reported until that profile works again", async () => {
    let online = false;
    const send = vi.fn(async (input: Record<string, unknown>, as: string) => {
      if (!online) throw new ApiError({ code: 'failed', message: 'The request did not reach Casefile' });
      return { ...base, ...input, rev: 2, updatedBy: as };
    });
    const { store, problem } = drafts(send);
    const key = DraftStore.keyOf(KIND, 's1', ANALYST);
    await store.edit(KIND, ANALYST, base, { summary: 'typed offline' }, { now: true });
    expect(store.view(key)!.state).toMatchObject({ kind: 'error', offline: true });
    expect(problem).toHaveBeenCalledTimes(1);

    store.park(ANALYST);
    online = true;
    await store.flushAll({ final: true });
    await store.flush(key);
    await wait(80); // longer than the retry delay
    expect(send).toHaveBeenCalledTimes(1);
    expect(problem).toHaveBeenCalledTimes(1);
    expect(store.view(key)).toMatchObject({ parked: true, dirty: true });
    expect(store.unsaved().map((v) => v.key)).toEqual([key]);

    // The author is back: what failed only because the Core was out of reach goes now, as them.
    store.unpark(ANALYST);
    await wait(30);
    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[1]).toEqual([{ id: 's1', rev: 1, summary: 'typed offline' }, ANALYST]);
    expect(store.view(key)).toMatchObject({ parked: false, dirty: false, state: { kind: 'saved' } });
  });

  it('a refusal stays a refusal after the author is back: it waits for the author to retry or discard', async () => {
    const send = vi.fn(async () => { throw new ApiError({ code: 'forbidden', message: 'Only a profile with the analyst role may edit statements.' }); });
    const { store } = drafts(send);
    const key = DraftStore.keyOf(KIND, 's1', REVIEWER);
    await store.edit(KIND, REVIEWER, base, { summary: 'x' }, { now: true });
    store.park(REVIEWER);
    store.unpark(REVIEWER);
    await wait(50);
    expect(send).toHaveBeenCalledTimes(1);
    store.discard(key);
    expect(store.view(key)).toMatchObject({ dirty: false, state: { kind: 'saved' } });
    store.drop(key);
    expect(store.view(key)).toBeUndefined();
  });
});

// --- the translation edits on the same loop ------------------------------------------------------

const REVISION: Omit<TranslationView['latest'], 'segments'> = {
  id: 'r1', translationId: 't1', number: 1, state: 'draft', xliffState: 'initial', text: '', translatorId: ANALYST, editedBy: [],
  basedOnId: null, origin: 'start', createdAt: '2025-01-01T00:00:00.000Z', submittedAt: null, submittedBy: null, reviewedBy: null,
  reviewedAt: null, approvedSha256: null, approvalValid: null, publishedAt: null, publishedBy: null, publishedWithoutOriginal: false,
};

function view(rev: number, targets: [string, string]): TranslationView {
  return {
    translation: { id: 't1', statementId: 's1', sourceLang: 'ar', targetLang: 'en', rev, createdAt: REVISION.createdAt, createdBy: ANALYST, updatedAt: REVISION.createdAt, updatedBy: ANALYST },
    latest: {
      ...REVISION,
      segments: [
        { id: 'g1', source: 'أ', target: targets[0], note: '', sourceStart: 0, sourceEnd: 1 },
        { id: 'g2', source: 'ب', target: targets[1], note: '', sourceStart: 2, sourceEnd: 3 },
      ],
    },
    approved: null, comments: [], problems: [], approvalOutdated: null,
  };
}

function edits(send: (input: { id: string; rev: number; segments: { id: string; target?: string }[] }, as: string) => Promise<TranslationView>) {
  const saved = vi.fn();
  const problem = vi.fn();
  const store = new TranslationEdits({ send, saved, problem, delayMs: 20, retryMs: 30 });
  return { store, saved, problem, key: TranslationEdits.keyOf('t1', ANALYST) };
}

describe('translation edits', () => {
  it('sends only the segments that changed, with the rev, as their author, after the pause', async () => {
    const send = vi.fn(async (input: { rev: number; segments: { id: string; target?: string }[] }) => view(input.rev + 1, [input.segments[0]!.target ?? '', '']));
    const { store, saved, key } = edits(send);
    store.edit(ANALYST, view(1, ['', '']), 'g1', { target: 'One' });
    store.edit(ANALYST, view(1, ['', '']), 'g2', { target: 'x' });
    store.edit(ANALYST, view(1, ['', '']), 'g2', { target: '' });
    expect(store.view(key)!.state.kind).toBe('pending');
    await wait(60);
    expect(send.mock.calls).toEqual([[{ id: 't1', rev: 1, segments: [{ id: 'g1', target: 'One' }] }, ANALYST]]);
    expect(store.view(key)).toMatchObject({ dirty: false, state: { kind: 'saved' } });
    expect(saved).toHaveBeenCalledTimes(1);
  });

  it('stops on a conflict; keep mine sends again on the newer rev; settle throws what refused it', async () => {
    const theirs = view(4, ['Theirs', '']);
    const send = vi.fn(async (input: { rev: number; segments: { id: string; target?: string }[] }) => {
      if (input.rev !== 4) throw new ApiError({ code: 'conflict', message: 'changed', current: theirs });
      return view(5, [input.segments[0]!.target ?? '', '']);
    });
    const { store, problem, key } = edits(send);
    store.edit(ANALYST, view(1, ['', '']), 'g1', { target: 'Mine' });
    await expect(store.settle(key)).rejects.toMatchObject({ code: 'conflict' });
    expect(store.view(key)!.state.kind).toBe('conflict');
    expect(problem).toHaveBeenCalledTimes(1); // no pane is watching
    await wait(60);
    expect(send).toHaveBeenCalledTimes(1);
    await store.keepMine(key);
    expect(send).toHaveBeenLastCalledWith({ id: 't1', rev: 4, segments: [{ id: 'g1', target: 'Mine' }] }, ANALYST);
    expect(store.view(key)).toMatchObject({ dirty: false, state: { kind: 'saved' } });
  });

  it('take theirs drops the edits and adopts the saved translation; an unreachable Core is retried by itself', async () => {
    let fail = true;
    const send = vi.fn(async (input: { rev: number; segments: { id: string; target?: string }[] }) => {
      if (fail) { fail = false; throw new ApiError({ code: 'failed', message: 'The request did not reach Casefile' }); }
      return view(input.rev + 1, [input.segments[0]!.target ?? '', '']);
    });
    const { store, key } = edits(send);
    store.edit(ANALYST, view(1, ['', '']), 'g1', { target: 'Later' });
    await store.flush(key);
    expect(store.view(key)!.state).toMatchObject({ kind: 'error', offline: true });
    await wait(80);
    expect(store.view(key)).toMatchObject({ dirty: false, state: { kind: 'saved' } });
    store.edit(ANALYST, store.view(key)!.base, 'g2', { target: 'Unwanted' });
    store.takeTheirs(key);
    expect(store.view(key)).toMatchObject({ dirty: false, edits: {}, state: { kind: 'saved' } });
  });
});
