// STIX 2.1 export: one test per rule of the OASIS STIX 2.1 specification the export relies on,
// checked over a real case (actors of each kind, a relation, statements with markings, a cited
// source with an archived copy, a note and a published report).
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TLP } from '../../electron/core/io/stix';
import { makeDesk, useCleanup, type Desk } from './helpers';

useCleanup();

type Obj = Record<string, unknown> & { type: string; id: string };
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TLP_IDS = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

async function fixture(): Promise<{ d: Desk; caseId: string; ids: Record<string, string> }> {
  const d = await makeDesk();
  const as = d.admin.id;
  const kase = await d.core.invoke('cases.create', { as, title: 'Case', marking: 'restricted' });
  const person = await d.core.invoke('actors.create', { as, kind: 'person', name: 'Akram al-Kaabi', nameOriginal: 'أكرم الكعبي', aliases: [{ alias: "al-Ka'bi", kind: 'transliteration', lang: 'ar-Latn' }] });
  const org = await d.core.invoke('actors.create', { as, kind: 'organization', name: 'Harakat al-Nujaba' });
  const outlet = await d.core.invoke('actors.create', { as, kind: 'media_outlet', name: 'Nujaba TV' });
  await d.core.invoke('actors.link', { as, fromActorId: person.id, relation: 'leader_of', toActorId: org.id });
  const pub = await d.core.invoke('statements.create', {
    as, originalText: 'قال الله تعالى: وما رميت إذ رميت (Quran 8:17) #المقاومة', language: 'ar', speakerId: person.id, onBehalfOfId: org.id,
    platform: 'Telegram', handle: '@nujaba', saidAt: '2023-11-01', reliability: 'B', credibility: '2', marking: 'public', caseIds: [kase.id],
  });
  const internal = await d.core.invoke('statements.create', { as, originalText: 'بيان', language: 'ar', speakerId: outlet.id, marking: 'internal', caseIds: [kase.id] });
  const src = await d.core.invoke('sources.create', { as, kind: 'social_post', title: 'Post', url: 'https://t.me/nujaba/1', marking: 'public', caseIds: [kase.id] });
  await d.core.invoke('citations.add', { as, citingType: 'statement', citingId: pub.id, sourceId: src.id });
  await d.core.invoke('attachments.add', { as, ownerType: 'source', ownerId: src.id, fileName: 'post.png', data: new Uint8Array(crypto.randomBytes(256)) });
  await d.core.invoke('notes.create', { as, targetType: 'statement', targetId: pub.id, body: 'Quotes Quran 8:17' });
  const report = await d.core.invoke('reports.create', { as, headline: 'Nujaba threatens', marking: 'public', caseIds: [kase.id] });
  await d.core.invoke('reports.publish', { as: d.reviewer.id, id: report.id, rev: report.rev });
  return { d, caseId: kase.id, ids: { person: person.id, org: org.id, outlet: outlet.id, pub: pub.id, internal: internal.id, report: report.id } };
}

async function exportOf(d: Desk, caseId: string, marking: 'internal' | 'restricted' = 'restricted') {
  const r = await d.core.invoke('exchange.exportStix', { as: d.admin.id, caseId, marking });
  return JSON.parse(r.json) as { type: string; id: string; objects: Obj[]; spec_version?: string };
}

describe('STIX 2.1 export', () => {
  it('is a bundle: type "bundle", id bundle--UUID, objects; no spec_version on the bundle (§8)', async () => {
    const { d, caseId } = await fixture();
    const b = await exportOf(d, caseId);
    expect(b.type).toBe('bundle');
    expect(b.id).toMatch(/^bundle--/);
    expect(b.id.slice(8)).toMatch(UUID);
    expect(b).not.toHaveProperty('spec_version');
    expect(b.objects.length).toBeGreaterThan(5);
  });

  it('every object has type, spec_version "2.1" and an id `type--UUID` (§2.9, §3.2)', async () => {
    const { d, caseId } = await fixture();
    for (const o of (await exportOf(d, caseId)).objects) {
      expect(o.spec_version, o.id).toBe('2.1');
      expect(o.type, o.id).toMatch(/^[a-z0-9][a-z0-9-]{1,248}[a-z0-9]$/);
      const [type, uuid] = o.id.split('--');
      expect(type).toBe(o.type);
      expect(uuid, o.id).toMatch(UUID);
    }
  });

  it('ids of exported records are UUIDv5 of the record and the same on every export, so receivers update (§2.9)', async () => {
    const { d, caseId } = await fixture();
    const first = (await exportOf(d, caseId)).objects.map((o) => o.id).sort();
    const second = (await exportOf(d, caseId)).objects.map((o) => o.id).sort();
    expect(second).toEqual(first);
    for (const id of first.filter((i) => !i.startsWith('marking-definition--'))) expect(id.split('--')[1]![14], id).toBe('5');
  });

  it('timestamps are RFC 3339 UTC with millisecond precision and Z; modified is never before created (§3.2, §2.14)', async () => {
    const { d, caseId } = await fixture();
    for (const o of (await exportOf(d, caseId)).objects) {
      for (const k of ['created', 'modified', 'published'] as const) if (k in o) expect(o[k], `${o.id} ${k}`).toMatch(TIMESTAMP);
      if (o.modified) expect(String(o.modified) >= String(o.created)).toBe(true);
    }
  });

  it('has the required properties of each object type (§4, §5, §7)', async () => {
    const { d, caseId } = await fixture();
    const required: Record<string, string[]> = {
      'threat-actor': ['name', 'created', 'modified'], 'intrusion-set': ['name', 'created', 'modified'], identity: ['name', 'created', 'modified'],
      relationship: ['relationship_type', 'source_ref', 'target_ref', 'created', 'modified'], note: ['content', 'object_refs', 'created', 'modified'],
      report: ['name', 'published', 'object_refs', 'created', 'modified'], grouping: ['context', 'object_refs', 'created', 'modified'],
      'marking-definition': ['created'], 'extension-definition': ['created_by_ref', 'name', 'schema', 'version', 'extension_types', 'created', 'modified'],
      'casefile-statement': ['created', 'modified'],
    };
    const objects = (await exportOf(d, caseId)).objects;
    expect(new Set(objects.map((o) => o.type))).toEqual(new Set(Object.keys(required)));
    for (const o of objects) for (const k of required[o.type]!) expect(o, `${o.type} needs ${k}`).toHaveProperty(k);
    for (const o of objects.filter((x) => x.type === 'note' || x.type === 'report' || x.type === 'grouping')) expect((o.object_refs as string[]).length).toBeGreaterThan(0);
  });

  it('maps actors by kind, with aliases where STIX has them, and relations as relationships with valid types (§4.7, §4.16, §4.17, §5.2)', async () => {
    const { d, caseId } = await fixture();
    const objects = (await exportOf(d, caseId)).objects;
    const ta = objects.find((o) => o.type === 'threat-actor')!;
    expect(ta.name).toBe('Akram al-Kaabi');
    expect(ta.aliases).toEqual(['أكرم الكعبي', "al-Ka'bi"]);
    expect(objects.find((o) => o.type === 'intrusion-set')!.name).toBe('Harakat al-Nujaba');
    expect(objects.find((o) => o.type === 'identity' && o.name === 'Nujaba TV')).toBeDefined();
    const rel = objects.find((o) => o.type === 'relationship')!;
    expect(rel.relationship_type).toMatch(/^[a-z0-9-]+$/);
    expect(rel).toMatchObject({ relationship_type: 'leader-of', source_ref: ta.id, target_ref: objects.find((o) => o.type === 'intrusion-set')!.id });
  });

  it('every reference resolves to an object in the bundle (§3.3 identifiers, _ref and _refs)', async () => {
    const { d, caseId } = await fixture();
    const objects = (await exportOf(d, caseId)).objects;
    const ids = new Set(objects.map((o) => o.id));
    let refs = 0;
    for (const o of objects) {
      for (const [k, v] of Object.entries(o)) {
        if (k.endsWith('_ref')) { refs++; expect(ids.has(v as string), `${o.id} ${k} -> ${String(v)}`).toBe(true); }
        if (k.endsWith('_refs')) for (const r of v as string[]) { refs++; expect(ids.has(r), `${o.id} ${k} -> ${r}`).toBe(true); }
      }
    }
    expect(refs).toBeGreaterThan(20);
  });

  it('marks every object with the TLP 2.0 marking definition of its marking, by the ids the TLP 2.0 extension defines (§7.2.1)', async () => {
    const { d, caseId } = await fixture();
    expect(Object.fromEntries(Object.entries(TLP).map(([m, t]) => [m, t.id]))).toEqual({ public: TLP_IDS.clear, subscribers: TLP_IDS.green, internal: TLP_IDS.amber, restricted: TLP_IDS.red });
    const objects = (await exportOf(d, caseId)).objects;
    for (const o of objects.filter((x) => x.type !== 'marking-definition')) expect((o.object_marking_refs as string[])?.length, o.id).toBe(1);
    const marks = objects.filter((o) => o.type === 'marking-definition');
    expect(marks.map((m) => [m.id, m.name])).toEqual([[TLP_IDS.clear, 'TLP:CLEAR'], [TLP_IDS.green, 'TLP:GREEN'], [TLP_IDS.amber, 'TLP:AMBER'], [TLP_IDS.red, 'TLP:RED']]);
    const byText = (t: string) => objects.find((o) => o.type === 'casefile-statement' && (o.original_text as string).startsWith(t))!;
    expect(byText('قال').object_marking_refs).toEqual([TLP_IDS.clear]);
    expect(byText('بيان').object_marking_refs).toEqual([TLP_IDS.amber]);
  });

  it('leaves out records more restricted than the export and lists them; an explicit include is audited (marking policy)', async () => {
    const { d, caseId, ids } = await fixture();
    const kase = await d.core.invoke('cases.get', { as: d.admin.id, id: caseId });
    await d.core.invoke('cases.update', { as: d.admin.id, id: caseId, rev: kase.rev, marking: 'subscribers' });
    const out = await d.core.invoke('exchange.exportStix', { as: d.admin.id, caseId, marking: 'subscribers' });
    expect(out.leftOut.map((r) => r.id)).toEqual([ids.internal]);
    expect(out.json).not.toContain('بيان"');
    const all = await d.core.invoke('exchange.exportStix', { as: d.admin.id, caseId, marking: 'subscribers', allowMarking: true });
    expect(all.json).toContain('"original_text": "بيان"');
    const audit = d.core.db.prepare("SELECT changes FROM audit_log WHERE action = 'exchange.exportStix' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
    expect(audit).toContain(ids.internal);
  });

  it('defines the statement SDO with an extension-definition (new-sdo, schema, version) and every statement names it in `extensions` (§7.3)', async () => {
    const { d, caseId } = await fixture();
    const objects = (await exportOf(d, caseId)).objects;
    const ext = objects.find((o) => o.type === 'extension-definition')!;
    expect(ext.extension_types).toEqual(['new-sdo']);
    expect(ext.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(typeof ext.schema).toBe('string');
    const stmts = objects.filter((o) => o.type === 'casefile-statement');
    expect(stmts).toHaveLength(2);
    for (const s of stmts) expect(s.extensions).toEqual({ [ext.id]: { extension_type: 'new-sdo' } });
    const pub = stmts.find((s) => (s.original_text as string).startsWith('قال'))!;
    expect(pub).toMatchObject({ language: 'ar', platform: 'Telegram', handle: '@nujaba', said_at: '2023-11-01', admiralty_grade: 'B2', hashtags: ['المقاومة'] });
    expect(pub.scripture_references).toEqual(['Quran 8:17']);
    // The cited source as an external reference carrying its archived copy's SHA-256 (§2.5, hash-algorithm-ov).
    const [ref] = pub.external_references as { source_name: string; url: string; hashes: Record<string, string> }[];
    expect(ref).toMatchObject({ source_name: 'Post', url: 'https://t.me/nujaba/1' });
    expect(Object.keys(ref!.hashes)).toEqual(['SHA-256']);
  });
});
