export { FirstRun } from './FirstRun';
export { ProfilePicker } from './ProfilePicker';
export { ProfileMenu } from './ProfileMenu';
export { ProfilesPage } from './ProfilesPage';
