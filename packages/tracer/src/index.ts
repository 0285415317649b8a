/**
 * `@differt2d/tracer`: path candidates, the image / Fermat / min-path
 * tracers, path validity and received power.
 *
 * @packageDocumentation
 */
export * from './candidates/pathCandidates.js';
export * from './paths/pathLength.js';
export * from './paths/tracedPaths.js';
export * from './power/receivedPower.js';
export { imagePathPoints } from './tracers/imagePathPoints.js';
export { imagePathLoss } from './tracers/imagePathLoss.js';
export { imagePaths } from './tracers/imagePaths.js';
export { tracePaths, type PathTracer, type TracePathsOptions, type TracedCandidate } from './tracers/imageTracePaths.js';
export { totalReceivedPower } from './tracers/imageTotalReceivedPower.js';
export {
  DEFAULT_INTERSECT_TOLERANCE,
  DEFAULT_LOSS_TOLERANCE,
  type ValidityOptions,
} from './validity/validityOptions.js';
export { interactionPointsOnObjects } from './validity/interactionPointsOnObjects.js';
export { pathUnobstructed, type UnobstructedOptions } from './validity/pathUnobstructed.js';
export { pathLossBelowTolerance, type LossToleranceOptions } from './validity/pathLossBelowTolerance.js';
export { pathValidity } from './validity/pathValidity.js';
export { fermatPaths, type FermatPathOptions } from './tracers/fermatPaths.js';
export { minPaths, type MinPathOptions } from './tracers/minPaths.js';
export { type OptimizedPathOptions, type OptimizedPathSolver } from './tracers/optimizedOperands.js';
export { visibleCandidates, MAX_PRUNED_LOSS_TOLERANCE, type VisibleCandidateOptions, type CandidateRegion } from './candidates/visibleCandidates.js';
