// Anchors: the signed head of the chain as one short line an analyst can paste into a report,
// an email or onto paper. Kept outside the desk, it later proves the desk still holds that
// history: the entry it names still has its hash, and the chain from there to now is intact
// and signed by the same key. A desk rewritten by someone who also replaced its key file
// (possible on a desk not protected at rest) passes its own check, but not its anchors.
//
//   casefile-anchor.1.<fingerprint>.<seq>.<time>.<hash>.<signature>
//
// time: the entry's time, UTC, digits only (20261103T101500123Z); hash and signature:
// base64url. The signature is the head's (headMessage), so anyone with the desk's public key
// can verify the line itself.
import type { AuditVerification } from '../../../shared/domain';
import type { Db } from '../db/open';
import { fingerprintOf, verifySignature } from '../keys';
import { entryAt, type ChainHead } from './chain';
import { headMessage } from './head';

export const ANCHOR_PREFIX = 'casefile-anchor';

export interface Anchor { fingerprint: string; seq: number; at: string; hash: string; signature: Buffer }

const compactTime = (iso: string) => iso.replace(/[-:]/g, '').replace('.', '');
function isoTime(compact: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(compact);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z` : null;
}

export function formatAnchor(fingerprint: string, head: ChainHead, signature: Buffer): string {
  if (head.seq === 0 || !head.at) throw new Error('an empty audit trail has nothing to anchor');
  return [ANCHOR_PREFIX, '1', fingerprint, String(head.seq), compactTime(head.at), Buffer.from(head.hash, 'hex').toString('base64url'), signature.toString('base64url')].join('.');
}

/** The anchor a line holds, or what is wrong with it. White space (a line wrapped on paper) is ignored. */
export function parseAnchor(line: string): Anchor | { error: string } {
  const parts = line.replace(/\s+/g, '').split('.');
  if (parts[0] !== ANCHOR_PREFIX || parts.length !== 7) {
    return { error: `This is not a Casefile anchor line: it should read ${ANCHOR_PREFIX}.1.<fingerprint>.<entry>.<time>.<hash>.<signature>.` };
  }
  const [, version, fingerprint = '', seq = '', time = '', hash = '', sig = ''] = parts;
  if (version !== '1') return { error: `The anchor is of version ${version}, which this Casefile does not know.` };
  if (!/^[0-9a-f]{4}(-[0-9a-f]{4}){3}$/.test(fingerprint)) return { error: `The anchor's key fingerprint "${fingerprint}" is not one (four groups of four hex digits).` };
  if (!/^[1-9]\d{0,15}$/.test(seq)) return { error: `The anchor's entry number "${seq}" is not a number.` };
  const at = isoTime(time);
  if (!at) return { error: `The anchor's time "${time}" is not a time (YYYYMMDDTHHMMSSmmmZ).` };
  const hashBytes = Buffer.from(hash, 'base64url');
  if (!/^[A-Za-z0-9_-]{43}$/.test(hash) || hashBytes.length !== 32) return { error: 'The anchor\'s hash is damaged (it is not 43 base64url characters).' };
  const signature = Buffer.from(sig, 'base64url');
  if (!/^[A-Za-z0-9_-]{86}$/.test(sig) || signature.length !== 64) return { error: 'The anchor\'s signature is damaged (it is not 86 base64url characters).' };
  return { fingerprint, seq: Number(seq), at, hash: hashBytes.toString('hex'), signature };
}

export interface AnchorCheck {
  ok: boolean;
  /** What was proven, or exactly why not. */
  message: string;
}

/**
 * Whether the desk still contains the anchored history: the anchor is this desk key's, its
 * signature verifies, the entry it names still has its hash and time, and the chain from the
 * entry to now is intact and signed (`audit`: the desk's verification, already made).
 */
export function checkAnchor(db: Db, publicKey: string, line: string, audit: AuditVerification): AnchorCheck {
  const a = parseAnchor(line);
  if ('error' in a) return { ok: false, message: a.error };
  const fingerprint = fingerprintOf(publicKey);
  if (a.fingerprint !== fingerprint) {
    return { ok: false, message: `The anchor was made by the desk key ${a.fingerprint}; this desk's key is ${fingerprint}. It is another desk, or this desk's key file was replaced.` };
  }
  if (!verifySignature(publicKey, headMessage(a), a.signature)) {
    return { ok: false, message: `The anchor's signature does not verify with this desk's key ${fingerprint}: the line was altered (or mistyped).` };
  }
  const entry = entryAt(db, a.seq);
  if (!entry) {
    const last = db.prepare('SELECT coalesce(max(seq), 0) FROM audit_log').pluck().get() as number;
    return { ok: false, message: `The anchor names audit entry ${a.seq}, but this desk's trail ends at entry ${last}: entries were cut off (or this is an older copy of the desk).` };
  }
  if (entry.hash !== a.hash || entry.at !== a.at) {
    return { ok: false, message: `Audit entry ${a.seq} is not the one anchored (the anchor has hash ${a.hash.slice(0, 16)}… written ${a.at}; the desk has ${entry.hash.slice(0, 16)}… written ${entry.at}): the history up to it was rewritten.` };
  }
  if (!audit.ok) {
    const where = audit.firstBroken?.seq != null && audit.firstBroken.seq <= a.seq ? 'up to' : 'after';
    return { ok: false, message: `Audit entry ${a.seq} still has the anchored hash, but the history ${where} it is broken: ${audit.firstBroken?.message ?? 'unknown problem'}` };
  }
  return { ok: true, message: `The desk still holds the anchored history: audit entry ${a.seq} (written ${a.at}) has the anchored hash, and the chain from it to entry ${audit.entries} is intact and signed by the desk key ${fingerprint}.` };
}
