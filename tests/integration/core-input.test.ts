import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { HEAD_FILE } from '../../electron/core/audit/head';
import { contract, type Method } from '../../shared/ipc/contract';
import { makeDesk, newActor, refused, tableCounts, useCleanup, type Desk } from './helpers';

useCleanup();

// Every door hands the Core whatever it was given. Each contract method must refuse bad input
// with `invalid_input`, say which field is wrong, and write nothing.

type Schema = z.ZodType & { _zod: { def: { type: string; innerType?: Schema; shape?: Record<string, Schema>; entries?: Record<string, unknown>; element?: Schema } } };

const UUID = '01900000-0000-7000-8000-0000000000aa';
const LEAF_SAMPLES: unknown[] = [UUID, 'x', 'UTC', '2023-11-01', '2023-11-01T10:00:00.000Z', 'a'.repeat(64), 'en', 's1', 1, 0, true, new Uint8Array([1])];
const TEN_MB = 'x'.repeat(10 * 1024 * 1024);
const WRAPPERS = new Set(['optional', 'default', 'nullable', 'readonly', 'prefault', 'nonoptional']);

function unwrap(s: Schema): Schema {
  let cur = s;
  while (WRAPPERS.has(cur._zod.def.type) && cur._zod.def.innerType) cur = cur._zod.def.innerType;
  return cur;
}

const isOptional = (s: Schema) => s.safeParse(undefined).success;

/** A smallest valid value for a schema: required object keys only, first enum value, etc. */
function sample(s: Schema): unknown {
  const inner = unwrap(s);
  const def = inner._zod.def;
  if (def.type === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, f] of Object.entries(def.shape ?? {})) if (!isOptional(f)) out[k] = sample(f);
    return out;
  }
  if (def.type === 'enum') return Object.values(def.entries ?? {})[0];
  if (def.type === 'array') return inner.safeParse([]).success ? [] : [sample(def.element as Schema)];
  const found = LEAF_SAMPLES.find((c) => inner.safeParse(c).success);
  if (found === undefined) throw new Error(`no sample value for a ${def.type}`);
  return found;
}

function shapeOf(m: Method): Record<string, Schema> {
  return (contract[m].input as unknown as Schema)._zod.def.shape ?? {};
}

const isStringField = (f: Schema) => unwrap(f)._zod.def.type === 'string';

const METHODS = Object.keys(contract) as Method[];

async function expectRefused(d: Desk, method: Method, input: unknown, field: string | null, what: string) {
  const body = await refused(d.core.invoke(method, input), 'invalid_input');
  if (field) {
    expect(body.field, `${method} ${what}: field`).toBe(field);
    expect(body.message, `${method} ${what}: message`).toContain(field);
  }
  expect(body.message.length, `${method} ${what}: message length`).toBeLessThan(2_000);
}

describe('bad input to every contract method', () => {
  it('the generated valid inputs really are valid (so every refusal below is about the one bad field)', () => {
    for (const m of METHODS) {
      const r = contract[m].input.safeParse(sample(contract[m].input as unknown as Schema));
      expect(r.success, `${m}: ${r.error?.message ?? ''}`).toBe(true);
    }
  });

  it('refuses {} (when something is required), wrong types, unknown fields, 10 MB strings and unpaired surrogates, and writes nothing', async () => {
    const d = await makeDesk();
    await newActor(d);
    const counts = tableCounts(d.core.db);
    const head = fs.readFileSync(path.join(d.dir, HEAD_FILE), 'utf8');
    let refusals = 0;

    for (const m of METHODS) {
      const shape = shapeOf(m);
      const base = sample(contract[m].input as unknown as Schema) as Record<string, unknown>;
      const required = Object.keys(base);

      if (required.length > 0) {
        const body = await refused(d.core.invoke(m, {}), 'invalid_input');
        expect(required, `${m} {}: names a required field`).toContain(body.field);
        expect(body.message).toContain(body.field as string);
        refusals++;
      }

      await expectRefused(d, m, { ...base, bogusExtraField: 1 }, null, 'extra field');
      expect((await refused(d.core.invoke(m, { ...base, bogusExtraField: 1 }))).message, `${m} extra field`).toContain('bogusExtraField');
      refusals++;

      for (const [key, f] of Object.entries(shape)) {
        const wrong = f.safeParse(12345).success ? 'not a number' : 12345;
        await expectRefused(d, m, { ...base, [key]: wrong }, key, `wrong type for ${key}`);
        refusals++;
        if (isStringField(f)) {
          await expectRefused(d, m, { ...base, [key]: TEN_MB }, key, `10 MB ${key}`);
          await expectRefused(d, m, { ...base, [key]: 'ok\uD800ok' }, key, `unpaired surrogate in ${key}`);
          await expectRefused(d, m, { ...base, [key]: 'ok\uDC00' }, key, `lone low surrogate in ${key}`);
          refusals += 3;
        }
      }
    }

    expect(refusals).toBeGreaterThan(METHODS.length * 3);
    expect(tableCounts(d.core.db)).toEqual(counts);
    expect(fs.readFileSync(path.join(d.dir, HEAD_FILE), 'utf8')).toBe(head);
  });

  it('refuses an unpaired surrogate nested in an array of objects (actor aliases), naming the path', async () => {
    const d = await makeDesk();
    const counts = tableCounts(d.core.db);
    for (const alias of [
      { alias: 'Abu\uD800', kind: 'kunya', lang: 'ar' },
      { alias: 'Abu Haidar', kind: 'kunya', lang: 'ar\uD800' },
    ]) {
      const body = await refused(d.core.invoke('actors.create', { as: d.analyst.id, kind: 'person', name: 'n', aliases: [alias] }), 'invalid_input');
      expect(body.field).toMatch(/^aliases\.0\.(alias|lang)$/);
    }
    expect(tableCounts(d.core.db)).toEqual(counts);
  });

  it('refuses input that is not an object at all, and unknown methods', async () => {
    const d = await makeDesk();
    for (const raw of ['cases.list', 42, [], true]) {
      await refused(d.core.invoke('cases.list', raw), 'invalid_input');
    }
    expect((await refused(d.core.invoke('cases.drop' as Method, { as: d.admin.id }), 'unknown_method')).message).toContain('cases.drop');
    expect((await refused(d.core.invoke('__proto__' as Method, {}), 'unknown_method')).code).toBe('unknown_method');
  });

  it('well-formed non-BMP text (a surrogate pair) is accepted and kept', async () => {
    const d = await makeDesk();
    const a = await newActor(d, { name: 'Emoji 🕌 name', aliases: [{ alias: '𝔄𝔩-𝔎𝔞𝔞𝔟𝔦', kind: 'other', lang: 'en' }] });
    expect((await d.core.invoke('actors.get', { as: d.analyst.id, id: a.id })).aliases[0]?.alias).toBe('𝔄𝔩-𝔎𝔞𝔞𝔟𝔦');
  });
});
