// The packaged app's Electron fuses: electron-builder.yml must ask for them in a form
// electron-builder accepts (its own schema), or packaging would fail or silently skip them.
import path from 'node:path';
import { DebugLogger } from 'builder-util';
// electron-builder's own loader and schema check (app-builder-lib is the library electron-builder runs).
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { describe, expect, it } from 'vitest';

const projectDir = path.resolve(__dirname, '../../..');

describe('electron-builder.yml', () => {
  it('flips the fuses a hardened desktop app needs, in a configuration electron-builder accepts', async () => {
    // Reads electron-builder.yml from the project folder, as `electron-builder` does.
    const config = await getConfig(projectDir, null, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
