/**
 * Power maps (browser-safe): the received power over a grid of receiver or
 * transmitter positions, with its gradient w.r.t. the moving point;
 * synchronous (`powerGrid`), asynchronous with progress and cancellation
 * (`powerMap`), or in Web Workers (`powerMapInWorkers`, with
 * `servePowerMapRequests` in each worker). All give the same numbers.
 *
 * @example
 * ```ts
 * import { basicScene, powerGrid } from '@differt2d/scene';
 * const { x, y, power } = powerGrid(basicScene(), { over: 'rx', nx: 300 });
 * ```
 *
 * @module
 */
export {
  emptyPowerGrid,
  gridAxis,
  gridChunks,
  KERNEL_CHUNK_POINTS,
  resolveGridPlan,
  TAPE_CHUNK_PATHS,
  type GridOver,
  type GridPlan,
  type PowerGrid,
  type PowerGridOptions,
} from './gridPlan.js';
export { gridRowPoints, gridRows, writeGridRows, type GridRows } from './gridRows.js';
export {
  accumulateImagePower,
  imageKernelSceneOf,
  imageKernelSettingsOf,
  type ImageKernelScene,
  type ImageKernelSettings,
} from './imagePowerKernel.js';
export { powerGrid } from './powerGrid.js';
export { checkMapCallbacks, powerMap, runChunksInThread, yieldToEventLoop, type PowerMapOptions } from './powerMap.js';
export {
  isPowerMapMessage,
  planOfJob,
  portablePowerMap,
  POWER_MAP_PROTOCOL,
  type PortableGridOptions,
  type PowerMapJob,
  type PowerMapReply,
  type PowerMapRequest,
} from './workerProtocol.js';
export { powerMapRequestHandler, servePowerMapRequests, type PowerMapWorkerScope } from './servePowerMapRequests.js';
export { powerMapInWorkers, runPowerMapJob, type PowerMapWorker } from './powerMapInWorkers.js';
