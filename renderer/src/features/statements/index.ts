export { StatementPage } from './StatementPage';
export { StatementPickerDialog } from './StatementPickerDialog';
export { useNewStatement } from './useNewStatement';
