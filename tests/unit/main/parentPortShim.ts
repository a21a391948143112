// Preloaded into the stand-in utility process (utilityProcess.ts): Electron's
// `process.parentPort`, over Node's IPC channel.
const p = process as unknown as { parentPort?: unknown };
if (process.env.ELECTRON_UTILITY_STANDIN === '1' && process.send) {
  const send = process.send.bind(process);
  p.parentPort = {
    postMessage: (msg: unknown) => { send(msg as never); },
    on: (_event: 'message', fn: (e: { data: unknown }) => void) => process.on('message', (data) => fn({ data })),
  };
}
export {};
