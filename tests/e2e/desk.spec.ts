// Encryption at rest in the built page (issue 12): the first run chooses how the desk is
// protected, the next start asks for the passphrase (a wrong one says so and changes nothing),
// and a plain desk is offered encryption. The harness runs main's own desk gate (desk mode).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/index';
import { isPlainDatabase } from '../../electron/core/db/open';
import { expectCleanRun, openApp, shot, useBrowser } from './support';
import * as ui from './ui';

const browser = useBrowser();
const PASS = 'four words for the desk';

describe('the desk screens', () => {
  it('first run encrypts the desk with a passphrase typed twice; the next start opens only with it', async () => {
    const app = await openApp(browser(), { desk: { osUnlockAvailable: true } });
    const { page } = app;
    await page.getByRole('heading', { name: 'Protect this desk' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('password');
    await shot(page, 'desk-first-run');

    await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await page.getByLabel('The passphrase again').fill(`${PASS}!`);
    await page.getByRole('button', { name: 'Encrypt with this passphrase' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('The two passphrases are not the same.');
    expect(fs.readdirSync(app.dataDir)).toEqual([]);
    await page.getByLabel('The passphrase again').fill(PASS);
    await page.getByRole('button', { name: 'Encrypt with this passphrase' }).click();

    await page.getByRole('heading', { name: 'Welcome to Casefile' }).waitFor();
    expect(isPlainDatabase(path.join(app.dataDir, 'casefile.sqlite'))).toBe(false);
    await page.getByLabel('Name').fill('Dana Admin');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await page.getByRole('button', { name: 'Start with an empty desk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await expectCleanRun(app);
    await app.harness.close();

    // The app starts again on the same data folder.
    const again = await openApp(browser(), { desk: { osUnlockAvailable: true }, dataDir: app.dataDir });
    const p2 = again.page;
    await p2.getByRole('heading', { name: 'Unlock this desk' }).waitFor();
    await p2.getByLabel('Passphrase').fill('four words for the desk?');
    await p2.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => p2.getByRole('alert').textContent()).toBe('The passphrase does not unlock this desk. Nothing was changed.');
    expect(await p2.getByLabel('Passphrase').inputValue()).toBe('');
    await shot(p2, 'desk-unlock-wrong');
    await p2.getByLabel('Passphrase').fill(PASS);
    await p2.getByRole('button', { name: 'Unlock' }).click();
    await ui.enterAs(p2, 'Dana Admin');
    await expectCleanRun(again);
  });

  it('a plain desk is offered encryption and is encrypted in place, everything still there', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-e2e-plain-'));
    const core = createCore({ dataDir });
    const dana = await core.invoke('profiles.create', { as: null, name: 'Dana Admin', initials: 'DA', roles: ['analyst', 'case_manager'] });
    await core.invoke('cases.create', { as: dana.id, title: 'Kept through encryption' });
    core.close();

    const app = await openApp(browser(), { desk: { osUnlockAvailable: false }, dataDir });
    const { page } = app;
    await page.getByRole('heading', { name: 'This desk is not encrypted' }).waitFor();
    expect(await page.getByRole('button', { name: 'Unlock with my login' }).count()).toBe(0);
    await shot(page, 'desk-encrypt-offer');
    await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await page.getByLabel('The passphrase again').fill(PASS);
    await page.getByRole('button', { name: 'Encrypt this desk' }).click();
    // Encrypting copies, verifies and swaps the whole desk, then restarts the Core host: allow
    // for a loaded machine.
    await ui.enterAs(page, 'Dana Admin', 60_000);
    await page.getByText('Kept through encryption').first().waitFor();
    expect(isPlainDatabase(path.join(dataDir, 'casefile.sqlite'))).toBe(false);
    await expectCleanRun(app);
  });
});
