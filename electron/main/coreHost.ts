/**
 * The Core runs in an Electron utility process (electron/core/host), not in main: a long
 * reindex or check never stops the window or main's other work, and a crash there cannot take
 * the window down. Main only routes. If the host dies, calls in flight fail with a message
 * saying so, and the next call starts a new one (at most MAX_RESTARTS in RESTART_WINDOW_MS,
 * so a host that cannot live is not restarted forever).
 */
import path from 'node:path';
import { utilityProcess } from 'electron';
import type { Attachment } from '../../shared/domain';
import type { Method } from '../../shared/ipc/contract';
import type { Progress } from '../../shared/ipc/progress';
import { connectCore, type CoreClient, type DoorServices, type HostTransport } from '../core/host/client';
import type { OpenOptions, ToHost } from '../core/host/protocol';

/** What main passes to the host's environment: nothing of the user's but what Node needs to run. */
const PASSED_ENV = ['SystemRoot', 'SYSTEMROOT', 'TEMP', 'TMP', 'TMPDIR', 'LANG'];
const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;

export interface RunOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

export interface HostedCore {
  readonly dataDir: string;
  /** The desk is encrypted at rest. */
  readonly encrypted: boolean;
  invoke(method: Method, input: unknown, run?: RunOptions): Promise<unknown>;
  attachFile(as: string, filePath: string, owner: { ownerType: Attachment['ownerType']; ownerId: string }, description?: string, run?: RunOptions): Promise<unknown>;
  /** A stored file's content, decrypted and verified, as a new read-only file `dest` (the viewer's copy). */
  copyAttachment(sha256: string, dest: string): Promise<void>;
  close(): Promise<void>;
}

export function hostEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of PASSED_ENV) if (env[k] !== undefined) out[k] = env[k]!;
  return out;
}

function forkUtilityHost(entry: string): HostTransport {
  const child = utilityProcess.fork(entry, [], { serviceName: 'Casefile Core', stdio: 'inherit', env: hostEnv() });
  let onExit: ((code: number | null) => void) | null = null;
  let exited: number | null | undefined;
  child.once('exit', (code) => {
    exited = code;
    onExit?.(code);
  });
  return {
    send: (msg: ToHost) => {
      if (exited === undefined) child.postMessage(msg);
    },
    onMessage: (fn) => child.on('message', fn),
    onExit: (fn) => {
      onExit = fn;
      if (exited !== undefined) fn(exited);
    },
    kill: () => {
      child.kill();
    },
  };
}

/**
 * Starts the host on the data folder and resolves once its Core is open, or rejects with why it
 * could not open (the message the user sees). `entryDir` holds coreHost.js (out/main);
 * `services` is what main does for the Core (printing PDFs with Chromium).
 */
export async function startCoreHost(options: OpenOptions, entryDir: string, services: DoorServices = {}): Promise<HostedCore> {
  const entry = path.join(entryDir, 'coreHost.js');
  let client: CoreClient = await connectCore(forkUtilityHost(entry), options, services);
  // A restarted host opens the desk as it is now: created and encrypted already, unlocked the same way.
  const { create: _create, encrypt: _encrypt, ...reopen } = options;
  const open = () => connectCore(forkUtilityHost(entry), reopen, services);
  let starting: Promise<CoreClient> | null = null;
  let closing = false;
  const restarts: number[] = [];

  const current = async (): Promise<CoreClient> => {
    if (!client.exited || closing) return client;
    const now = Date.now();
    while (restarts.length && now - restarts[0]! > RESTART_WINDOW_MS) restarts.shift();
    if (restarts.length >= MAX_RESTARTS) return client; // its calls fail, saying the Core stopped
    if (!starting) {
      restarts.push(now);
      starting = open().then((c) => { client = c; return c; }).finally(() => { starting = null; });
    }
    return starting;
  };

  return {
    dataDir: client.dataDir,
    encrypted: client.encrypted,
    invoke: async (method, input, run) => (await current()).invoke(method, input, run),
    attachFile: async (as, filePath, owner, description, run) => (await current()).attachFile(as, filePath, owner, description, run),
    copyAttachment: async (sha256, dest) => (await current()).copyAttachment(sha256, dest),
    async close() {
      closing = true;
      await client.close();
    },
  };
}
