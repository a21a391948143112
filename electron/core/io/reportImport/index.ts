import { handlerGroup } from '../../services/types';
import { applyImport } from './apply';
import { previewImport } from './plan';

/** Import of a published report into a case: a preview that writes nothing, then an apply. */
export const reportImportHandlers = handlerGroup({
  'reports.importPreview': (s, _a, { caseId, fileName, data }) => previewImport(s, caseId, fileName, data),
  'reports.importApply': (s, actor, { plan, choices }) => applyImport(s, actor, plan, choices),
});
