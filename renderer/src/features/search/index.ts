export { SearchPage } from './SearchPage';
export { CommandPalette } from './CommandPalette';
