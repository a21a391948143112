// The tables derived from the contract (shared/ipc/methods.ts) say what the entries say.
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { contract, METHODS } from '../../shared/ipc/contract';
import { domainOf, invalidatedBy, isWrite, takesAs } from '../../shared/ipc/methods';
import { invalidateAfter, keyOf } from '../../renderer/src/data/keys';

describe('facts derived from the contract', () => {
  it('only the methods that run before anyone is working go without an acting profile', () => {
    expect(METHODS.filter((m) => !takesAs(m)).sort()).toEqual(['app.info', 'profiles.list']);
  });

  it('a read invalidates nothing; a write its own domain, audit, search and what its entry names', () => {
    expect(invalidatedBy('cases.get')).toEqual([]);
    expect(invalidatedBy('search.query')).toEqual([]);
    expect(invalidatedBy('actors.update')).toEqual(['actors', 'audit', 'search', 'inbox']);
    expect(invalidatedBy('cases.addItem')).toEqual(['cases', 'statements', 'sources', 'reports', 'translations', 'audit', 'search', 'inbox']);
    expect(invalidatedBy('trash.purge')).toBe('everything');
    // A correction re-aligns the statement's translations; a citation files the cited source in the citing record's cases.
    expect(invalidatedBy('statements.update')).toEqual(expect.arrayContaining(['translations']));
    expect(invalidatedBy('citations.add')).toEqual(expect.arrayContaining(['cases', 'sources']));
    expect(invalidatedBy('profiles.permissions')).toEqual([]);
    for (const m of METHODS.filter(isWrite)) {
      const d = invalidatedBy(m);
      if (d !== 'everything') expect(d, m).toEqual(expect.arrayContaining([domainOf(m), 'audit', 'search', 'inbox']));
    }
  });

  it('every domain a write names has reads to invalidate', () => {
    const readDomains = new Set(METHODS.filter((m) => !isWrite(m)).map(domainOf));
    for (const m of METHODS.filter(isWrite)) {
      const d = invalidatedBy(m);
      if (d !== 'everything') for (const x of d) expect(readDomains, `${m} invalidates ${x}`).toContain(x);
    }
  });

  it('moving a record to or from the trash refreshes the trash list', () => {
    for (const m of METHODS.filter((x) => /\.(trash|restore)$/.test(x))) {
      const d = invalidatedBy(m);
      expect(d === 'everything' || d.includes('trash'), m).toBe(true);
    }
  });

  it('every input is a strict object, so a door can tell which fields a method takes', () => {
    for (const m of METHODS) {
      expect(contract[m].input.safeParse({ __unknown: 1 }).success, m).toBe(false);
    }
  });
});

describe('the renderer cache follows the contract', () => {
  function cached(qc: QueryClient, method: string, args: unknown = {}) {
    qc.setQueryData(keyOf(method, args), { cached: method });
    return () => qc.getQueryState(keyOf(method, args))?.isInvalidated ?? false;
  }

  it('a write marks stale exactly the domains it can change', async () => {
    const qc = new QueryClient();
    const statements = cached(qc, 'statements.list', { caseId: 'c1' });
    const items = cached(qc, 'cases.items', { caseId: 'c1' });
    const audit = cached(qc, 'audit.list', {});
    const actors = cached(qc, 'actors.list', {});
    const profiles = cached(qc, 'profiles.list', {});
    await invalidateAfter(qc, 'cases.addItem');
    expect([statements(), items(), audit(), actors(), profiles()]).toEqual([true, true, true, false, false]);
  });

  it('a read marks nothing stale; a purge marks everything stale', async () => {
    const qc = new QueryClient();
    const actors = cached(qc, 'actors.list', {});
    await invalidateAfter(qc, 'attachments.verify');
    expect(actors()).toBe(false);
    await invalidateAfter(qc, 'trash.purge');
    expect(actors()).toBe(true);
  });
});
