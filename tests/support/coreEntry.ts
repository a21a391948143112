// The entry of the Core as the app bundles it (tests/support/coreBundle.ts builds it the way
// electron.vite.config.ts builds main): what the bundle-level tests and benchmarks call.
export { createCore, DB_FILE } from '../../electron/core/index';
export { checkIndex, reindex, runSearch } from '../../electron/core/search/index';
export { bundledWorkerFile } from '../../electron/core/search/workerFile';
