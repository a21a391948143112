import { schemaVersion } from '../db/migrate';
import { countProfiles } from './profiles';
import { handlerGroup } from './types';
import { loadSample } from '../io/sample';

export const appHandlers = handlerGroup({
  'app.info': (s) => ({ version: s.version, dataDir: s.dataDir, schemaVersion: schemaVersion(s.db), profiles: countProfiles(s) }),
  'sample.load': (s, actor) => loadSample(s, actor),
});
