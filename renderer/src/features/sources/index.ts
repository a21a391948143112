export { SourcesPage } from './SourcesPage';
export { SourcePage } from './SourcePage';
export { NewSourceDialog } from './NewSourceDialog';
export { SourcePickerDialog } from './SourcePickerDialog';
export { SourceTitle } from './SourceTitle';
export { Attachments } from './Attachments';
export { gradeOf } from './grade';
export { SourceSearch } from './SourceSearch';
