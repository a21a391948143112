// Loads tests/fixtures/search/quality.json into a Core through the contract, as a desk would
// type it in, and maps each fixture key to the record id it got.
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../../electron/core/index';

export interface QualityQuery {
  q: string;
  expect: string[];
  absent?: string[];
  covers: string;
  expandAliases?: boolean;
}

type Obj = Record<string, unknown> & { key: string };
export interface QualityFixture {
  actors: Obj[]; cases: Obj[]; statements: Obj[]; sources: Obj[]; notes: Obj[]; reports: Obj[];
  queries: QualityQuery[];
}

export function readQualityFixture(): QualityFixture {
  const file = path.join(__dirname, '../fixtures/search/quality.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as QualityFixture;
}

/** Creates every record of the fixture; returns key -> record id (and id -> key). */
export async function loadQualityCorpus(core: Core, as: string, fx: QualityFixture): Promise<{ ids: Map<string, string>; keys: Map<string, string> }> {
  const ids = new Map<string, string>();
  const strip = ({ key: _k, ...rest }: Obj) => rest;
  for (const a of fx.actors) ids.set(a.key, (await core.invoke('actors.create', { as, ...strip(a) })).id);
  for (const c of fx.cases) ids.set(c.key, (await core.invoke('cases.create', { as, ...strip(c) })).id);
  const caseIds = (keys: unknown) => ((keys as string[] | undefined) ?? []).map((k) => ids.get(k) as string);
  for (const s of fx.statements) {
    const { speaker, cases, ...rest } = strip(s);
    const fields = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    const st = await core.invoke('statements.create', {
      as, ...fields, speakerId: speaker ? ids.get(speaker as string) : null, caseIds: caseIds(cases),
      originalStatus: fields.originalText ? 'captured' : 'not_captured',
    });
    ids.set(s.key, st.id);
  }
  for (const s of fx.sources) {
    const { cases, ...rest } = strip(s);
    ids.set(s.key, (await core.invoke('sources.create', { as, ...rest, caseIds: caseIds(cases) })).id);
  }
  for (const r of fx.reports) {
    const { cases, ...rest } = strip(r);
    ids.set(r.key, (await core.invoke('reports.create', { as, ...rest, caseIds: caseIds(cases) })).id);
  }
  for (const n of fx.notes) {
    const [targetType, targetKey] = String(n.target).split(':') as [string, string];
    ids.set(n.key, (await core.invoke('notes.create', { as, targetType, targetId: ids.get(targetKey), body: n.body })).id);
  }
  return { ids, keys: new Map([...ids].map(([k, v]) => [v, k])) };
}
