export { TranslationPane } from './TranslationPane';
export { ReviewQueuePage } from './ReviewQueuePage';
export { ReviewPage } from './ReviewPage';
export { HistoryPage } from './HistoryPage';
export { useQueueCount } from './useQueueCount';
export { useTranslationEditStore } from './useSegmentEdits';
export { translationPaths } from './paths';
