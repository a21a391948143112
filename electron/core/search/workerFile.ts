// Where the analysis worker's code is, when it is a file of its own. From the sources it is
// not (worker.ts then loads analysisWorker.ts through tsx); the app's build swaps this module
// for workerFile.bundle.ts, which names the bundled worker (electron.vite.config.ts,
// bundleVariants: a module `X.ts` with a sibling `X.bundle.ts` is replaced by it in the build).
export const bundledWorkerFile: string | null = null;
