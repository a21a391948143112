import type { CasefileBridge } from '../../../shared/ipc/bridge';

// Here rather than in shared/: shared/ knows nothing of the DOM.
declare global {
  interface Window {
    casefile: CasefileBridge;
  }
}

export {};
