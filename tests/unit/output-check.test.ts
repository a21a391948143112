// The check every test run applies to every Core answer (tests/setup/contract.ts).
import { describe, expect, it } from 'vitest';
import { assertOutput, ContractViolation, outputProblems, takeContractViolations } from '../../electron/core/outputCheck';

const CASE = {
  id: '0190a1b2-0000-7000-8000-000000000001', title: 'Al-Nujaba', summary: '', status: 'open', priority: 'normal', tags: [],
  assignees: [], marking: 'internal', dueDate: null, rev: 1, createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z',
  createdBy: null, updatedBy: null, deletedAt: null,
};

describe('output check', () => {
  it('passes an answer that matches the schema', () => {
    expect(outputProblems('cases.get', CASE)).toEqual([]);
    expect(outputProblems('cases.list', { items: [CASE], total: 1, limit: 100, offset: 0 })).toEqual([]);
  });

  it('names the path of a wrong value, and of a key the schema does not have', () => {
    expect(outputProblems('cases.get', { ...CASE, title: null })).toEqual([expect.stringMatching(/^title: .*string/)]);
    expect(outputProblems('cases.list', { items: [{ ...CASE, secret: 'x' }], total: 1, limit: 100, offset: 0 }))
      .toEqual(['items.0.secret: not in the schema']);
    expect(outputProblems('app.info', null)).toEqual([expect.stringMatching(/^\(the whole output\): /)]);
  });

  it('throws a ContractViolation naming the method and path, and remembers it for the test to fail on', () => {
    let thrown: unknown;
    try {
      assertOutput('cases.get', { ...CASE, status: 'lost' });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ContractViolation);
    expect((thrown as Error).message).toMatch(/output of cases\.get .*\n\s+status: /);
    const seen = takeContractViolations();
    expect(seen.map((v) => v.method)).toEqual(['cases.get']);
    expect(takeContractViolations()).toEqual([]);
  });
});
