import { canonicalJson, type Changes } from '../audit/chain';

/** Stamps every save moves; an audit entry lists what the user changed. */
const BOOKKEEPING = new Set(['rev', 'updatedAt', 'updatedBy']);

/** field -> [before, after] for every field whose value changed. */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Changes {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: Changes = {};
  for (const k of keys) {
    if (BOOKKEEPING.has(k)) continue;
    const b = before?.[k] ?? null;
    const a = after?.[k] ?? null;
    if (canonicalJson(b) !== canonicalJson(a)) out[k] = [b, a];
  }
  return out;
}
