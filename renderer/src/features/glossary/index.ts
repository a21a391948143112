export { GlossaryPage } from './GlossaryPage';
