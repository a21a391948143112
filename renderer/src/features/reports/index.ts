export { ReportsPage } from './ReportsPage';
export { ReportPage } from './ReportEditor';
export { CaseReports } from './CaseReports';
export { NewReportDialog } from './NewReportDialog';
