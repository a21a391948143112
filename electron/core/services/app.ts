import { schemaVersion } from '../db/migrate';
import { countProfiles } from './profiles';
import type { SomeHandlers } from './types';
import { loadSample } from '../io/sample';

export const appHandlers: SomeHandlers<'app.info' | 'sample.load'> = {
  'app.info': (s) => ({ version: s.version, dataDir: s.dataDir, schemaVersion: schemaVersion(s.db), profiles: countProfiles(s) }),
  'sample.load': (s, actor) => loadSample(s, actor),
};
