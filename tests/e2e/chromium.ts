/**
 * The system's Chromium driven by playwright-core (no browser download: docs/environment.md).
 * Shared by the specs, their global setup and the UI benchmark; no test framework here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { REPO_ROOT } from './harness/server';

export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'tests/e2e/artifacts');

/** Flags that work on these machines; no sandbox because CI runs as root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']
    .filter((p): p is string => !!p);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) {
    throw new Error('No Chromium found. Install it (`apt-get install -y chromium`) or set CHROMIUM_PATH to a Chrome or Chromium binary.');
  }
  return found;
}

/** A fresh browser: launch() gives every browser its own temporary profile (user-data-dir). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}
