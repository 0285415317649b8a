/**
 * What the tracer benchmarks set up alike: DiffeRT2d's basic scene as the
 * tracers take it (TX and RX as tensors, the walls as objects, from
 * test-support/basicScene.ts), and the rate of traced paths.
 *
 * @module
 */
import { Tensor } from '@differt2d/autodiff';
import { BASIC_RX, BASIC_TX, basicWalls } from '../test-support/basicScene.js';

/** TX of DiffeRT2d's basic scene, shape [2]. */
export const TX = new Tensor(Float64Array.from(BASIC_TX), [2]);

/** RX of DiffeRT2d's basic scene, shape [2]. */
export const RX = new Tensor(Float64Array.from(BASIC_RX), [2]);

/** The basic scene's seven walls, in order, named `walls[i]`. */
export const WALLS = basicWalls();

/**
 * Millions of paths per second, for the notes of the tracer benchmarks.
 *
 * @example
 * ```ts
 * formatPathRate(2.5e6); // '2.50 M paths/s'
 * ```
 */
export const formatPathRate = (perSecond: number): string => `${(perSecond / 1e6).toFixed(2)} M paths/s`;
