/** @rebound/models: training code and artifacts of Rebound's own models. */
export { registerModelCommands } from './model-commands';
export { trainVersion, type TrainedVersion } from './train-version';
