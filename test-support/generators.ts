/**
 * Random inputs for tests and benchmarks: a small deterministic PRNG,
 * uniform data drawn from it, and the fast-check generators of points and
 * walls that several test files use.
 *
 * Dev-only: imported by relative path from tests and benches, never from a
 * library source file.
 *
 * @module
 */
import { Tensor } from '@differt2d/autodiff';
import fc from 'fast-check';

/**
 * mulberry32: a uniform PRNG in [0, 1) from a seed (deterministic
 * cotangents, directions and benchmark inputs).
 *
 * @example
 * ```ts
 * const next = prng(1); next(); // 0.6270739405881613
 * ```
 */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `size` values uniform in [low, high) (default [-1, 1)) drawn in order from `next`.
 *
 * @example
 * ```ts
 * uniformData(3, prng(1)).length; // 3
 * uniformData(4, prng(1), 0.02, 0.98); // in [0.02, 0.98)
 * ```
 */
export function uniformData(size: number, next: () => number, low = -1, high = 1): Float64Array {
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) out[i] = low + (high - low) * next();
  return out;
}

/**
 * `count` points uniform in [low, high)^2 from the PRNG of `seed`, shape [count, 2].
 *
 * @example
 * ```ts
 * randomPoints(1000, 0.02, 0.98, 7).shape; // [1000, 2]
 * ```
 */
export function randomPoints(count: number, low: number, high: number, seed: number): Tensor {
  return new Tensor(uniformData(2 * count, prng(seed), low, high), [count, 2]);
}

/** The distance between two points `[x, y]`. */
export const distance = (p: ArrayLike<number>, q: ArrayLike<number>): number => Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!);

/**
 * Points `[x, y]` with both coordinates in [low, high] (fast-check).
 *
 * @example
 * ```ts
 * fc.sample(positionArb(0.05, 0.45), 1); // e.g. [[0.3, 0.1]]
 * ```
 */
export function positionArb(low: number, high: number): fc.Arbitrary<[number, number]> {
  return fc.tuple(fc.double({ min: low, max: high, noNaN: true }), fc.double({ min: low, max: high, noNaN: true }));
}

/** Points `[x, y]` in [-1, 1]^2 (fast-check). */
export const pointArb = positionArb(-1, 1);

/** Wall ends `[p, q]` in [-1, 1]^2, more than 0.1 apart: long enough for the normal to be well defined (fast-check). */
export const wallEndsArb = fc.tuple(pointArb, pointArb).filter(([p, q]) => distance(p, q) > 0.1);
