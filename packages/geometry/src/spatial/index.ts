/**
 * Spatial index over walls: a uniform grid that answers the exact blocking
 * test of `segmentsBlocked` by testing only the walls near each segment,
 * with the same predicate, so that the answers are the same booleans.
 *
 * @example
 * ```ts
 * import { SegmentGrid } from '@differt2d/geometry';
 * new SegmentGrid(Float64Array.of(0.5, 0, 0, 1), 0.005).blocks(0, 0.5, 1, 0); // true
 * ```
 *
 * @module
 */
export { coverCells, type GridLayout } from './gridCellCover.js';
export { segmentCrossesWall } from './segmentCrossesWall.js';
export { SegmentGrid, SPATIAL_INDEX_MIN_WALLS } from './segmentGrid.js';
