export { StatementPage } from './StatementPage';
export { StatementPickerDialog } from './StatementPickerDialog';
export { statementTitle } from './title';
export { useNewStatement } from './useNewStatement';
