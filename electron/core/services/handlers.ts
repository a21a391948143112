import { actorHandlers } from './actors';
import { appHandlers } from './app';
import { attachmentHandlers } from './attachments';
import { caseHandlers } from './cases';
import { deskHandlers } from './desk';
import { noteHandlers } from './notes';
import { inboxHandlers } from './inbox';
import { profileHandlers } from './profiles';
import { reportHandlers } from './reports';
import { reportOutputHandlers } from './reportOutput';
import { searchHandlers } from '../search/handlers';
import { sourceHandlers } from './sources';
import { statementHandlers } from './statements';
import { trashHandlers } from './trash';
import { translationHandlers } from './translations';
import { glossaryHandlers } from './glossaryHandlers';
import { xliffHandlers } from '../io/xliff';
import { reportImportHandlers } from '../io/reportImport';
import { bundleHandlers, interchangeHandlers } from '../io/bundle';
import type { Handlers } from './types';

const groups = [
  appHandlers, deskHandlers, profileHandlers, caseHandlers, actorHandlers, statementHandlers, sourceHandlers, attachmentHandlers,
  noteHandlers, reportHandlers, reportOutputHandlers, reportImportHandlers, trashHandlers, searchHandlers, translationHandlers,
  xliffHandlers, bundleHandlers, interchangeHandlers,
  glossaryHandlers,
  inboxHandlers,
] as const;

type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type AllGroups = Intersection<(typeof groups)[number]>;

// Two groups implementing one method would silently let the later one win.
const implemented = groups.flatMap((g) => Object.keys(g));
const twice = implemented.filter((m, i) => implemented.indexOf(m) !== i);
if (twice.length) throw new Error(`Core handlers: implemented more than once: ${twice.join(', ')}`);

/** The Core's implementation of the whole contract; the type fails to compile if one is missing. */
export const handlers: Handlers = Object.assign({}, ...groups) as AllGroups;
