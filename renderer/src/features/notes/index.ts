export { NotesPanel } from './NotesPanel';
export type { NoteTarget } from './NotesPanel';
