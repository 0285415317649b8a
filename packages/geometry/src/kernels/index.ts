/**
 * Fused, vectorised geometry kernels: each is one custom autodiff primitive
 * (a forward loop and its vector-Jacobian loop side by side) working on whole
 * batches of points, segments and walls, so that a batch costs one tape
 * record instead of thousands.
 *
 * Shapes: points `[N, 2]`; one wall `[2, 2]` (origin, dest) or one per point
 * `[N, 2, 2]`; lists of walls `[W, 2, 2]`.
 *
 * @example
 * ```ts
 * import { imagesThroughWall, segmentsBlocked } from '@differt2d/geometry';
 * imagesThroughWall([[0.2, 0.3]], [[0, 0], [1, 0]]).toArray(); // [[0.2, -0.3]]
 * segmentsBlocked([[0, 0.5]], [[1, 0.5]], [[[0.5, 0], [0.5, 1]]]).toArray(); // [1]
 * ```
 *
 * @module
 */
export { imagesThroughWall } from './imagesThroughWall.js';
export { interactionLosses } from './interactionLosses.js';
export { DEFAULT_RIS_ANGLE, risInteractionLosses } from './risInteractionLosses.js';
export type { SegmentWallOptions } from './segmentOperands.js';
export { DEFAULT_INTERSECTION_TOLERANCE, segmentWallTable } from './segmentWallTable.js';
export { firstBlockingWalls, segmentsBlocked, type FirstBlockingWalls } from './segmentsBlocked.js';
export { segmentsIntersectSmooth, type KernelActivation, type SmoothSegmentWallOptions } from './segmentsIntersectSmooth.js';
