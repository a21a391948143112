/**
 * `npm run harness -- --data DIR [--port N]`: the renderer build and the Core in any browser,
 * on a machine without Electron. Prints the address to open (it carries the token) and runs
 * until Ctrl-C, then closes the Core cleanly.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createHarness, DEFAULT_RENDERER_DIR } from './server';

const USAGE = `usage: npm run harness -- --data DIR [--port N] [--renderer DIR] [--desk] [--quiet]

  --data DIR      the data folder (created if missing); default $CASEFILE_DATA
  --port N        listen on 127.0.0.1:N (default: a random free port)
  --renderer DIR  the renderer build to serve (default out/renderer)
  --desk          show the desk screens as the app does (first run, unlock an encrypted desk,
                  offer to encrypt a plain one); without it the desk must be a plain one
  --quiet         do not print each contract call`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        data: { type: 'string' },
        port: { type: 'string' },
        renderer: { type: 'string' },
        desk: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const dataDir = args.data ?? process.env.CASEFILE_DATA;
  if (!dataDir) {
    console.error(`--data DIR is required (or set CASEFILE_DATA).\n\n${USAGE}`);
    return 2;
  }
  const port = args.port === undefined ? 0 : Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number, not ${args.port}`);
    return 2;
  }

  const quiet = args.quiet;
  const harness = await createHarness({
    dataDir,
    port,
    rendererDir: args.renderer ?? DEFAULT_RENDERER_DIR,
    ...(args.desk ? { desk: { osUnlockAvailable: false } } : {}),
    log: (line) => {
      if (!quiet) console.log(`  ${new Date().toISOString().slice(11, 23)} ${line}`);
    },
  });

  console.log(`Casefile test harness (not the app; test code that never ships)
  data:     ${path.resolve(dataDir)}
  renderer: ${path.resolve(args.renderer ?? DEFAULT_RENDERER_DIR)}

  Open this address in a browser (it carries the access token; it sets a cookie and
  redirects to ${harness.origin}/):

    ${harness.url}

  Ctrl-C stops the harness and closes the case database.
`);

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      console.log(`\n${signal}: closing the harness and the Core…`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await harness.close();
  console.log('closed.');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
