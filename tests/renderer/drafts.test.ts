import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../renderer/src/api/client';
import { DraftStore } from '../../renderer/src/data/drafts';
import type { DraftKind, Rec } from '../../renderer/src/data/drafts';

const KIND: DraftKind = { method: 'things.update' };
const HELD: DraftKind = {
  method: 'things.update',
  hold: (_b, d, flags, final) => ('secret' in d && !final && !flags.has('go') ? ['secret'] : []),
};

function setup(send: (input: Record<string, unknown>) => Promise<unknown>) {
  const saved = vi.fn();
  const problem = vi.fn();
  const store = new DraftStore({ send: (_m, input) => send(input), saved, problem, delayMs: 20, retryMs: 30 });
  return { store, saved, problem };
}

const ME = 'p-me';
const base: Rec = { id: 'a', rev: 1, title: 'one', body: 'x' };
const A = DraftStore.keyOf(KIND, 'a', ME);
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('DraftStore', () => {
  it('saves only what changed, with the rev, after the pause; edits back to the saved value are no edit', async () => {
    const send = vi.fn(async (input: Record<string, unknown>) => ({ ...base, ...input, rev: 2 }));
    const { store, saved } = setup(send);
    void store.edit(KIND, ME, base, { title: 'two' });
    void store.edit(KIND, ME, base, { body: 'y' });
    void store.edit(KIND, ME, base, { body: 'x' });
    expect(store.view(A)!.state.kind).toBe('pending');
    await wait(60);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith({ id: 'a', rev: 1, title: 'two' });
    expect(store.view(A)!.state.kind).toBe('saved');
    expect(store.view(A)!.base.rev).toBe(2);
    expect(saved).toHaveBeenCalledTimes(1);
  });

  it('keeps typing that happens during a save and sends it next, with the new rev', async () => {
    let release!: () => void;
    const send = vi.fn((input: Record<string, unknown>) => new Promise((r) => {
      release = () => r({ ...base, ...input, rev: Number(input.rev) + 1 });
    }));
    const { store } = setup(send);
    void store.edit(KIND, ME, base, { title: 'two' });
    const first = store.flush(A);
    void store.edit(KIND, ME, base, { title: 'three' });
    release();
    await first;
    await wait(60);
    release();
    await wait(10);
    expect(send.mock.calls.map(([i]) => [i.rev, i.title])).toEqual([[1, 'two'], [2, 'three']]);
    expect(store.view(A)!.state.kind).toBe('saved');
  });

  it('stops on a conflict; keep mine re-saves on the saved rev, take theirs drops the edit', async () => {
    const theirs = { ...base, rev: 5, title: 'theirs' };
    const send = vi.fn(async (input: Record<string, unknown>) => {
      if (input.rev !== 5) throw new ApiError({ code: 'conflict', message: 'changed', current: theirs });
      return { ...theirs, ...input, rev: 6 };
    });
    const { store, problem } = setup(send);
    await store.edit(KIND, ME, base, { title: 'mine' }, { now: true });
    const v = store.view(A)!;
    expect(v.state.kind).toBe('conflict');
    expect(v.value.title).toBe('mine');
    expect(problem).toHaveBeenCalledTimes(1); // nobody is watching this entry
    await wait(60);
    expect(send).toHaveBeenCalledTimes(1); // no retry over someone else's change

    await store.keepMine(A);
    expect(send).toHaveBeenLastCalledWith({ id: 'a', rev: 5, title: 'mine' });
    expect(store.view(A)!.state.kind).toBe('saved');
  });

  it('retries by itself when the Core could not be reached', async () => {
    let fail = true;
    const send = vi.fn(async (input: Record<string, unknown>) => {
      if (fail) { fail = false; throw new ApiError({ code: 'failed', message: 'The request did not reach Casefile' }); }
      return { ...base, ...input, rev: 2 };
    });
    const { store } = setup(send);
    await store.edit(KIND, ME, base, { title: 'two' }, { now: true });
    expect(store.view(A)!.state).toMatchObject({ kind: 'error', offline: true });
    await wait(80);
    expect(store.view(A)!.state.kind).toBe('saved');
  });

  it('holds what the kind says to hold until a flag or a final flush', async () => {
    const send = vi.fn(async (input: Record<string, unknown>) => ({ ...base, ...input, rev: Number(input.rev) + 1 }));
    const { store } = setup(send);
    void store.edit(HELD, ME, base, { secret: 's', title: 't' });
    await wait(60);
    expect(send).toHaveBeenCalledWith({ id: 'a', rev: 1, title: 't' });
    expect(store.view(A)!.dirty).toBe(true);
    expect(store.unsaved()).toHaveLength(1);
    await store.flush(A, { final: true });
    expect(send).toHaveBeenLastCalledWith({ id: 'a', rev: 2, secret: 's' });
    expect(store.unsaved()).toHaveLength(0);
  });

  it('commit saves a deliberate change apart from the typed edits, after them', async () => {
    const send = vi.fn(async (input: Record<string, unknown>) => ({ ...base, ...input, rev: Number(input.rev) + 1 }));
    const { store } = setup(send);
    void store.edit(KIND, ME, base, { title: 'typed' });
    const rec = await store.commit(KIND, ME, base, { status: 'closed' });
    expect(send.mock.calls.map(([i]) => i)).toEqual([{ id: 'a', rev: 1, title: 'typed' }, { id: 'a', rev: 2, status: 'closed' }]);
    expect(rec.rev).toBe(3);
    await expect(store.commit(KIND, ME, base, { status: 'x' }).then(() => 'ok')).resolves.toBe('ok');
  });
});
