/**
 * Smoothed boolean logic: comparisons, connectives and reductions that give
 * exact 0/1 masks, or numbers in [0, 1] with useful gradients when
 * approximation is on (per call, or through the global defaults).
 *
 * @example
 * ```ts
 * import { greater, logicalAnd, withApprox } from '@differt2d/geometry';
 * withApprox({ approx: true }, () => logicalAnd(greater(0.1, 0), greater(0.01, 0)).item()); // 0.6666666666666666
 * ```
 *
 * @module
 */
export * from './settings.js';
export * from './activation.js';
export * from './compare.js';
export * from './connectives.js';
export * from './reductions.js';
export * from './truth.js';
