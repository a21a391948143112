export { ViewAttachment, viewerFor } from './ViewAttachment';
export { SavedPageSummary, mayBePage, type SourceOffer } from './SavedPage';
