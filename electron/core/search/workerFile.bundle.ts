// The build's version of workerFile.ts: electron-vite bundles analysisWorker.ts into a file of
// its own (`?modulePath`) and this is its path, relative to the bundle that imports it, so the
// worker starts wherever the app's files are (an asar archive included).
import file from './analysisWorker?modulePath';

export const bundledWorkerFile: string | null = file;
