/**
 * `@differt2d/geometry`: points, walls, vertices, RIS and user-defined
 * interacting objects; the smoothing logic that makes booleans
 * differentiable; fused batched geometry kernels.
 *
 * @example
 * ```ts
 * import { Wall } from '@differt2d/geometry';
 * new Wall([[0, 0], [1, 0]]).image([0, 1]).toArray(); // [0, -1]
 * ```
 *
 * @packageDocumentation
 */
export * from './logic/index.js';
export * from './objects/index.js';
export * from './kernels/index.js';
export * from './spatial/index.js';
export type { SegmentsBlockedOptions } from './kernels/segmentsBlocked.js';
