/**
 * "Unlock with my login": Electron's safeStorage (macOS Keychain, Windows DPAPI, the Linux secret
 * service) seals the desk master key. On Linux without a secret service safeStorage falls back to
 * a hard-coded key ('basic_text'), which protects nothing: there the choice is not offered.
 */
import { safeStorage } from 'electron';
import type { OsKeyStore } from './desk';

export function electronKeyStore(): OsKeyStore {
  return {
    async available() {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
      return process.platform !== 'linux' || !['basic_text', 'unknown'].includes(safeStorage.getSelectedStorageBackend());
    },
    seal: (text) => safeStorage.encryptStringAsync(text),
    unseal: (sealed) => safeStorage.decryptStringAsync(sealed),
  };
}
