export { ActorsPage } from './ActorsPage';
export { ActorPage } from './ActorPage';
export { ActorPicker } from './ActorPicker';
export { NewActorDialog } from './NewActorDialog';
export { useActorNames } from './useActorNames';
