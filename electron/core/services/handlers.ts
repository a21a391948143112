import { actorHandlers } from './actors';
import { appHandlers } from './app';
import { attachmentHandlers } from './attachments';
import { caseHandlers } from './cases';
import { noteHandlers } from './notes';
import { profileHandlers } from './profiles';
import { reportHandlers } from './reports';
import { searchHandlers } from '../search/handlers';
import { sourceHandlers } from './sources';
import { statementHandlers } from './statements';
import { trashHandlers } from './trash';
import { translationHandlers } from './translations';
import { xliffHandlers } from '../io/xliff';
import { reportImportHandlers } from '../io/reportImport';
import type { Handlers } from './types';

/** The Core's implementation of the whole contract; the type fails to compile if one is missing. */
export const handlers: Handlers = {
  ...appHandlers, ...profileHandlers, ...caseHandlers, ...actorHandlers, ...statementHandlers, ...sourceHandlers,
  ...attachmentHandlers, ...noteHandlers, ...reportHandlers, ...trashHandlers, ...searchHandlers,
  ...translationHandlers, ...xliffHandlers, ...reportImportHandlers,
};
