// Reading a case bundle without trusting it. yauzl (streaming, validating) reads the zip; before a
// byte of any entry is used the whole central directory is checked: entry count, absolute paths
// and `..` (yauzl refuses them), symlinks, duplicate names, the total uncompressed size and the
// compression ratio (zip bombs), and that every entry is listed in the manifest with its size.
// Then the manifest's signature, then each file's SHA-256 as it is read. Any failure refuses the
// whole bundle with what was wrong.
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { CoreError } from '../../errors';
import { fingerprintOf, verifySignature } from '../../keys';
import type { Job } from '../../job';
import { formatBytes } from '../../attachments/store';
import { DEFAULT_LIMITS, FILES_DIR, Manifest, MANIFEST, RECORDS, RecordLine, sha256, SIGNATURE, type BundleLimits } from './format';

export interface OpenedBundle {
  manifest: Manifest;
  /** SHA-256 of manifest.json's bytes: names this exact bundle. */
  manifestSha256: string;
  lines: RecordLine[];
  /** A read stream of files/<sha256>: whoever stores it must check the hash of what it read. */
  openFile(sha: string): Promise<Readable>;
  close(): void;
}

export function refused(why: string): CoreError {
  return new CoreError('invalid_input', `The bundle was refused and nothing was imported: ${why}`);
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

function openZip(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true, decodeStrings: true }, (err, zip) => {
      if (err) reject(zipError(err));
      else resolve(zip);
    });
  });
}

/** yauzl's words ("absolute path: /etc/x") made into a refusal the user can act on. */
function zipError(err: Error): CoreError {
  const m = err.message;
  if (m.startsWith('absolute path: ')) return refused(`it holds a file with an absolute path (${JSON.stringify(m.slice(15))}).`);
  if (m.startsWith('invalid relative path: ')) return refused(`it holds a file whose path climbs out of its folder with ".." (${JSON.stringify(m.slice(23))}).`);
  if (m.startsWith('invalid characters in fileName: ')) return refused(`it holds a file name with a backslash (${JSON.stringify(m.slice(32))}).`);
  return refused(`it is not a readable zip file (${m}).`);
}

function listEntries(zip: ZipFile, limits: BundleLimits): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    const folded = new Set<string>();
    let total = 0;
    let compressed = 0;
    const fail = (e: CoreError) => {
      zip.close();
      reject(e);
    };
    zip.on('error', (err: Error) => fail(zipError(err)));
    zip.on('entry', (e: Entry) => {
      const name = e.fileName;
      const mode = (e.externalFileAttributes >>> 16) & S_IFMT;
      if (mode === S_IFLNK) return fail(refused(`it holds a symbolic link (${JSON.stringify(name)}).`));
      if (name.endsWith('/')) return fail(refused(`it holds a folder entry (${JSON.stringify(name)}), which no bundle has.`));
      // Names equal but for case or Unicode form would be one file on many disks: refused too.
      const fold = name.normalize('NFC').toLowerCase();
      if (entries.has(name) || folded.has(fold)) return fail(refused(`it holds two files named ${JSON.stringify(name)}.`));
      entries.set(name, e);
      folded.add(fold);
      total += e.uncompressedSize;
      compressed += e.compressedSize;
      if (total > limits.maxTotalBytes) return fail(refused(`its files would take more than ${formatBytes(limits.maxTotalBytes)} unpacked.`));
      const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
      if (e.uncompressedSize > 1024 * 1024 && ratio > limits.maxRatio) {
        return fail(refused(`${JSON.stringify(name)} unpacks to ${Math.round(ratio)} times its packed size (more than ${limits.maxRatio}): a zip bomb.`));
      }
      zip.readEntry();
    });
    zip.on('end', () => {
      if (total > 1024 * 1024 && total / Math.max(1, compressed) > limits.maxRatio) {
        return fail(refused(`it unpacks to ${Math.round(total / Math.max(1, compressed))} times its packed size (more than ${limits.maxRatio}): a zip bomb.`));
      }
      resolve(entries);
    });
    zip.readEntry();
  });
}

function openStream(zip: ZipFile, e: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(e, (err, stream) => (err ? reject(zipError(err)) : resolve(stream))));
}

async function readBytes(zip: ZipFile, e: Entry, max: number): Promise<Buffer> {
  if (e.uncompressedSize > max) throw refused(`${JSON.stringify(e.fileName)} is larger than ${formatBytes(max)}.`);
  const chunks: Buffer[] = [];
  let n = 0;
  try {
    for await (const c of await openStream(zip, e)) {
      n += (c as Buffer).length;
      if (n > max) throw refused(`${JSON.stringify(e.fileName)} is larger than ${formatBytes(max)}.`);
      chunks.push(c as Buffer);
    }
  } catch (err) {
    if (err instanceof CoreError) throw err;
    throw refused(`${JSON.stringify(e.fileName)} cannot be read (${(err as Error).message}).`);
  }
  return Buffer.concat(chunks);
}

export async function openBundle(file: string, job: Job, limits: BundleLimits = DEFAULT_LIMITS): Promise<OpenedBundle> {
  job.progress('checking the bundle', 0, 0);
  const zip = await openZip(file);
  try {
    if (zip.entryCount > limits.maxEntries) throw refused(`it holds ${zip.entryCount} files, more than the ${limits.maxEntries} a bundle may.`);
    const entries = await listEntries(zip, limits);
    const manifestEntry = entries.get(MANIFEST);
    const sigEntry = entries.get(SIGNATURE);
    if (!manifestEntry || !sigEntry) throw refused(`it has no ${manifestEntry ? SIGNATURE : MANIFEST}: it is not a Casefile case bundle.`);
    const manifestBytes = await readBytes(zip, manifestEntry, 64 * 1024 * 1024);
    let manifest: Manifest;
    try {
      const parsed = Manifest.safeParse(JSON.parse(manifestBytes.toString('utf8')));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw refused(`its manifest is not one Casefile reads (${issue?.path.join('.') || 'manifest'}: ${issue?.message ?? 'unreadable'}).`);
      }
      manifest = parsed.data;
    } catch (err) {
      if (err instanceof CoreError) throw err;
      throw refused('its manifest is not JSON.');
    }
    const signature = Buffer.from((await readBytes(zip, sigEntry, 1024)).toString('ascii').trim(), 'base64');
    if (fingerprintOf(manifest.origin.publicKey) !== manifest.origin.fingerprint || !verifySignature(manifest.origin.publicKey, manifestBytes, signature)) {
      throw refused(`its signature does not match its manifest (signed by "${manifest.origin.deskName}", key ${manifest.origin.fingerprint}): it was altered after it was made, or not made by that desk.`);
    }
    // Every file listed, with the size the manifest gives; nothing else in the zip.
    const listed = new Map(manifest.files.map((f) => [f.path, f]));
    if (listed.size !== manifest.files.length) throw refused('its manifest lists a file twice.');
    for (const [name, e] of entries) {
      if (name === MANIFEST || name === SIGNATURE) continue;
      const f = listed.get(name);
      if (!f) throw refused(`it holds a file its manifest does not list (${JSON.stringify(name)}).`);
      if (f.size !== e.uncompressedSize) throw refused(`${JSON.stringify(name)} is ${e.uncompressedSize} bytes, but the manifest says ${f.size}: it was altered.`);
      if (name !== RECORDS && (!name.startsWith(FILES_DIR) || name.slice(FILES_DIR.length) !== f.sha256)) {
        throw refused(`${JSON.stringify(name)} is not where a bundle keeps files (${FILES_DIR}<sha256>).`);
      }
    }
    for (const f of manifest.files) if (!entries.has(f.path)) throw refused(`its manifest lists ${JSON.stringify(f.path)}, which is missing from the zip.`);
    const recordsEntry = entries.get(RECORDS);
    const recordsFile = listed.get(RECORDS);
    if (!recordsEntry || !recordsFile) throw refused(`it has no ${RECORDS}.`);
    job.progress('reading records', 0, 0);
    const recordsBytes = await readBytes(zip, recordsEntry, limits.maxMetadataBytes);
    if (sha256(recordsBytes) !== recordsFile.sha256) throw refused(`${RECORDS} does not match the SHA-256 in the manifest: it was altered after the bundle was made.`);
    const lines: RecordLine[] = [];
    const text = recordsBytes.toString('utf8');
    let at = 0;
    let n = 0;
    while (at < text.length) {
      const end = text.indexOf('\n', at);
      const line = text.slice(at, end < 0 ? text.length : end);
      at = end < 0 ? text.length : end + 1;
      n++;
      if (!line) continue;
      let parsed;
      try {
        parsed = RecordLine.safeParse(JSON.parse(line));
      } catch {
        throw refused(`line ${n} of ${RECORDS} is not JSON.`);
      }
      if (!parsed.success) throw refused(`line ${n} of ${RECORDS} is not a record Casefile reads (${parsed.error.issues[0]?.message ?? ''}).`);
      lines.push(parsed.data);
      if (n % 1000 === 0) job.check();
    }
    const manifestSha256 = sha256(manifestBytes);
    return {
      manifest, manifestSha256, lines,
      async openFile(sha) {
        const e = entries.get(`${FILES_DIR}${sha}`);
        if (!e) throw refused(`the file ${sha} its records name is not in it.`);
        // The store hashes what it takes in; the caller compares that with the name.
        return openStream(zip, e);
      },
      close: () => zip.close(),
    };
  } catch (err) {
    zip.close();
    throw err;
  }
}
