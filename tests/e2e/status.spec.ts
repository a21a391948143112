// Long operations in the window: checking the desk runs in the Core host's job worker while the
// window stays usable; the status area shows its progress with a Cancel button that the
// keyboard reaches, and announces how it ended. Cancelled, it says so, and the desk is as it was.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectCleanRun, openApp, seedPeople, shot, useBrowser, type App } from './support';
import * as ui from './ui';

const browser = useBrowser();

const ADMIN = { name: 'Leila Haddad', initials: 'LH', roles: ['admin', 'analyst'] as ('admin' | 'analyst')[] };
const CASE_TITLE = 'Video evidence';
const CHECK = 'Checking the desk';

/** A large attachment (sparse where it is made); on the harness's slow disk the check hashes it for seconds. */
async function seed(app: Pick<App, 'invoke' | 'harness'>, file: string) {
  const { admin, me } = await seedPeople(app, ADMIN);
  const kase = await app.invoke('cases.create', { as: admin.id, title: CASE_TITLE });
  const fd = fs.openSync(file, 'w');
  fs.ftruncateSync(fd, 512 * 1024 * 1024);
  fs.closeSync(fd);
  await app.harness.core.attachFile(me.id, file, { ownerType: 'case', ownerId: kase.id }, 'Full recording');
  return { me };
}

describe('long operations', () => {
  it('checking the desk shows progress in the status area, keeps the window usable, and can be cancelled from the keyboard', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cf-e2e-big-')), 'recording.mp4');
    try {
      let seeded!: Awaited<ReturnType<typeof seed>>;
      const app = await openApp(browser(), { navigate: false, slowDisk: true, seed: async (a) => { seeded = await seed(a, file); } });
      const { page } = app;
      await app.open();
      await ui.enterAs(page, ADMIN.name);
      await ui.goToCases(page);

      await ui.runFromPalette(page, 'check the desk', /Check the desk/);
      const bar = ui.operationProgress(page, CHECK);
      await expect.poll(() => bar.isVisible()).toBe(true);
      await expect.poll(() => ui.statusArea(page).textContent(), { timeout: 20_000 }).toContain('hashing attachment files');
      await shot(page, 'status-area-check-running');
      // The window answers meanwhile: another screen opens and reads from the Core.
      await ui.openCase(page, CASE_TITLE);
      await expect.poll(() => ui.pageHeading(page, CASE_TITLE).isVisible()).toBe(true);
      expect(await bar.getAttribute('aria-valuemax')).not.toBeNull();

      const cancel = ui.cancelOperationButton(page, CHECK);
      await cancel.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => ui.toast(page, 'The check was cancelled.').isVisible(), { timeout: 15_000 }).toBe(true);
      await expect.poll(() => ui.statusArea(page).getByRole('status').textContent()).toBe(`${CHECK}: cancelled.`);
      await shot(page, 'status-area-check-cancelled');
      // Nothing of it was kept, and the desk checks clean when let finish.
      const report = await app.invoke('desk.check', { as: seeded.me.id });
      expect(report.problems).toEqual([]);
      await expectCleanRun(app);
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});
