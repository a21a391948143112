import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Casefile';
/** The case database's file name inside the data folder. */
export const DB_FILE = 'casefile.sqlite';

/**
 * The folder the desktop app keeps its data in, computed the way Electron computes
 * `app.getPath('appData')`, so the CLI and the app agree without the CLI loading Electron.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.CASEFILE_DATA) return path.resolve(env.CASEFILE_DATA);
  const home = os.homedir();
  let appData: string;
  if (platform === 'win32') appData = env.APPDATA || path.join(home, 'AppData', 'Roaming');
  else if (platform === 'darwin') appData = path.join(home, 'Library', 'Application Support');
  else appData = env.XDG_CONFIG_HOME || path.join(home, '.config');
  return path.join(appData, APP_NAME, 'data');
}
