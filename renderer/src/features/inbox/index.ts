export { InboxPage } from './InboxPage';
export { useInbox, useInboxCount } from './useInbox';
