// i18next's typed keys: t('missing.key') in the renderer fails the type check (English is the reference).
import 'i18next';
import type { en } from './resources';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof en;
    returnNull: false;
  }
}
