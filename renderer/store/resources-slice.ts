import type { ResourcesSlice } from './app-state.js';
import type { Slice } from './slice.js';

/** Resources: samples of opened executions and of the machine; events fill them. */
export const resourcesSlice: Slice<ResourcesSlice> = () => () => ({
  samples: {},
  system: [],
});
