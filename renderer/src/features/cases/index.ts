export { CasesPage } from './CasesPage';
export { CasePage } from './CasePage';
export { NewCaseDialog } from './NewCaseDialog';
