export { DeskLock } from './DeskLock';
