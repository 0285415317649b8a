/**
 * Path candidates: the ordered lists of object indices a path may interact
 * with, `order` of them, no two consecutive ones equal (a ray cannot leave an
 * object and hit it again straight away). Order 0 is line of sight.
 *
 * Candidates are counted without being enumerated, and iterated lazily, so
 * that a scene with thousands of objects never builds a W^K array.
 *
 * @module
 */
import { candidatePlan } from './candidatePlan.js';

/** Which candidates to generate. */
export interface CandidateOptions {
  /** Smallest number of interactions (default 0: line of sight). */
  minOrder?: number;
  /** Largest number of interactions (default 1). */
  maxOrder?: number;
  /** Sets both `minOrder` and `maxOrder`. */
  order?: number;
  /**
   * Objects that may appear in candidates: a predicate on the object index,
   * or a list of allowed indices. Excluded objects still block rays.
   */
  filter?: ((objectIndex: number) => boolean) | readonly number[];
  /**
   * Leave out candidates that provably hold no valid path (default `true`;
   * read by `tracePaths`, `totalReceivedPower` and `visibleCandidates`):
   * a wall can only be the next interaction if part of it is visible from
   * the current image source through the previous wall, and the last one
   * must light the region of the receivers. Applies to exact validity and
   * specular walls only (smoothed validity gives every candidate a weight);
   * `false` gives every candidate, for comparison.
   */
  prune?: boolean;
}

/** Number of candidates of one order over `m` allowed objects: m (m - 1)^(K - 1). */
function countOfOrder(m: number, order: number): number {
  if (order === 0) return 1;
  return m * Math.pow(m - 1, order - 1);
}

/**
 * Number of path candidates, computed without enumerating them.
 *
 * @param objectCount - number of objects in the scene.
 * @example
 * ```ts
 * countPathCandidates(7, { maxOrder: 2 }); // 1 + 7 + 7 * 6 = 50
 * ```
 */
export function countPathCandidates(objectCount: number, options: CandidateOptions = {}): number {
  const { minOrder, maxOrder, allowed } = candidatePlan(objectCount, options);
  let total = 0;
  for (let order = minOrder; order <= maxOrder; order++) total += countOfOrder(allowed.length, order);
  return total;
}

/**
 * The path candidates, lazily, by increasing order and in lexicographic order
 * within an order (the order DiffeRT2d uses). Each candidate is a fresh array
 * of object indices. All of them: `prune` is not read here, since pruning
 * needs the scene's geometry (see `visibleCandidates`).
 *
 * @param objectCount - number of objects in the scene.
 * @example
 * ```ts
 * [...pathCandidates(3, { order: 2 })];
 * // [[0, 1], [0, 2], [1, 0], [1, 2], [2, 0], [2, 1]]
 * ```
 */
export function* pathCandidates(objectCount: number, options: CandidateOptions = {}): Generator<number[]> {
  const { minOrder, maxOrder, allowed } = candidatePlan(objectCount, options);
  for (let order = minOrder; order <= maxOrder; order++) yield* candidatesOfOrder(allowed, order);
}

/** Candidates of one order over the allowed indices: an odometer that skips equal neighbours. */
function* candidatesOfOrder(allowed: readonly number[], order: number): Generator<number[]> {
  if (order === 0) {
    yield [];
    return;
  }
  const m = allowed.length;
  if (m === 0 || (m === 1 && order > 1)) return;
  // digits[i] indexes `allowed`; start at the smallest valid sequence 0, 1, 0, 1, ...
  const digits = new Int32Array(order);
  for (let i = 0; i < order; i++) digits[i] = i % 2;
  for (;;) {
    yield Array.from(digits, (d) => allowed[d]!);
    // Increment the last position, carrying to the left, then reset the
    // positions to the right to their smallest valid values.
    let position = order - 1;
    for (;;) {
      if (position < 0) return;
      let next = digits[position]! + 1;
      if (position > 0 && next === digits[position - 1]) next++;
      if (next < m) {
        digits[position] = next;
        break;
      }
      position--;
    }
    for (let i = position + 1; i < order; i++) digits[i] = digits[i - 1] === 0 ? 1 : 0;
  }
}
