/**
 * Scene operations (browser-safe): all path candidates, all paths and the
 * valid ones for every transmitter-receiver pair, a function of the paths
 * accumulated per pair or summed, and the received power per pair with its
 * gradient.
 *
 * @example
 * ```ts
 * import { basicScene, receivedPowerPerPair, validScenePaths } from '@differt2d/scene';
 * validScenePaths(basicScene(), { maxOrder: 2 }).length; // 12
 * receivedPowerPerPair(basicScene(), { maxOrder: 2 }).total; // 28.1067...
 * ```
 *
 * @module
 */
export {
  TRACE_METHODS,
  checkSceneTraceOptions,
  isApproximated,
  toTracePathsOptions,
  tracerOf,
  type SceneTraceOptions,
  type TraceMethod,
} from './traceOptions.js';
export { sceneCandidates, scenePaths, validScenePaths, type ScenePath } from './scenePaths.js';
export { accumulateOverPaths, weightedPower, type AccumulateOptions, type PairValue, type PathFunction } from './accumulateOverPaths.js';
export { receivedPowerPerPair, type PairPower, type PowerPerPairOptions, type ReceivedPowerPerPair } from './receivedPowerPerPair.js';
