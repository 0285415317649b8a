/**
 * Shared by the primitive tests: fast-check generators of shapes and tensors,
 * broadcasting ones included.
 *
 * @module
 */
import fc from 'fast-check';
import { Tensor } from '../../src/tensor/tensor.js';
import { size } from './references.js';

/**
 * The number of runs of most properties.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(valueArb, (v) => Number.isFinite(v)), RUNS);
 * ```
 */
export const RUNS = { numRuns: 40 };

/**
 * Finite values in [-2, 2].
 *
 * @example
 * ```ts
 * tensorArb([2, 3], valueArb);
 * ```
 */
export const valueArb = fc.double({ min: -2, max: 2, noNaN: true });

/**
 * Shapes of `minRank` to `maxRank` axes (default 0 to 3), each of length
 * `minLength` (default 1) to 3.
 *
 * @example
 * ```ts
 * shapeArb(); // [], [2], [3, 1, 2], ...
 * shapeArb(1, 3, 0); // at least one axis, lengths 0 to 3
 * ```
 */
export function shapeArb(minRank = 0, maxRank = 3, minLength = 1): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: minLength, max: 3 }), { minLength: minRank, maxLength: maxRank });
}

/**
 * Tensors of a given shape with values drawn from `values` (default `valueArb`).
 *
 * @example
 * ```ts
 * tensorArb([2, 2], fc.integer({ min: -1, max: 1 }));
 * ```
 */
export function tensorArb(shape: number[], values: fc.Arbitrary<number> = valueArb): fc.Arbitrary<Tensor> {
  const n = size(shape);
  return fc.array(values, { minLength: n, maxLength: n }).map((v) => new Tensor(Float64Array.from(v), shape));
}

/**
 * A shape broadcasting to `full`: some axes set to 1, some leading axes dropped.
 *
 * @example
 * ```ts
 * broadcastableShapeArb([2, 3]); // [2, 3], [1, 3], [3], [1], [], ...
 * ```
 */
export function broadcastableShapeArb(full: number[]): fc.Arbitrary<number[]> {
  return fc
    .tuple(fc.array(fc.boolean(), { minLength: full.length, maxLength: full.length }), fc.integer({ min: 0, max: full.length }))
    .map(([ones, drop]) => full.map((n, i) => (ones[i] ? 1 : n)).slice(drop));
}

/**
 * Two tensors of shapes broadcasting together (up to 3 axes of length up to 3).
 *
 * @example
 * ```ts
 * broadcastPairArb(valueArb, valueArb); // e.g. tensors of shapes [2, 1] and [3]
 * ```
 */
export function broadcastPairArb(aValues: fc.Arbitrary<number>, bValues: fc.Arbitrary<number>): fc.Arbitrary<[Tensor, Tensor]> {
  return shapeArb()
    .chain((full) => fc.tuple(broadcastableShapeArb(full), broadcastableShapeArb(full)))
    .chain(([aShape, bShape]) => fc.tuple(tensorArb(aShape, aValues), tensorArb(bShape, bValues)));
}
