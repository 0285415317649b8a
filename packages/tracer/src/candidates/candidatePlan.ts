/**
 * The resolved candidate options shared by the candidate generators: the
 * order range and the allowed object indices.
 *
 * @module
 */
import type { CandidateOptions } from './pathCandidates.js';

/**
 * The order range and the allowed object indices (ascending), checked.
 *
 * @internal
 * @example
 * ```ts
 * const plan: CandidatePlan = candidatePlan(3, { maxOrder: 2 }); // { minOrder: 0, maxOrder: 2, allowed: [0, 1, 2] }
 * ```
 */
export interface CandidatePlan {
  /** Smallest number of interactions. */
  readonly minOrder: number;
  /** Largest number of interactions. */
  readonly maxOrder: number;
  /** The object indices candidates may hold, ascending. */
  readonly allowed: readonly number[];
}

function checkOrder(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new Error(`pathCandidates: ${name} must be a non-negative integer, got ${value}`);
}

/**
 * Resolve and check candidate options for a scene of `objectCount` objects.
 *
 * @internal
 * @throws Error naming the option for a bad order, an order range upside
 *   down, or a filter index out of range.
 * @example
 * ```ts
 * candidatePlan(3, { order: 2, filter: [2, 0] }).allowed; // [0, 2]
 * ```
 */
export function candidatePlan(objectCount: number, options: CandidateOptions): CandidatePlan {
  if (!Number.isInteger(objectCount) || objectCount < 0) {
    throw new Error(`pathCandidates: the number of objects must be a non-negative integer, got ${objectCount}`);
  }
  const minOrder = options.order ?? options.minOrder ?? 0;
  const maxOrder = options.order ?? options.maxOrder ?? Math.max(1, minOrder);
  checkOrder(options.order === undefined ? 'minOrder' : 'order', minOrder);
  checkOrder(options.order === undefined ? 'maxOrder' : 'order', maxOrder);
  if (minOrder > maxOrder) throw new Error(`pathCandidates: minOrder (${minOrder}) is greater than maxOrder (${maxOrder})`);
  const filter = options.filter;
  let allowed: number[];
  if (filter === undefined) {
    allowed = Array.from({ length: objectCount }, (_, i) => i);
  } else if (typeof filter === 'function') {
    allowed = [];
    for (let i = 0; i < objectCount; i++) if (filter(i)) allowed.push(i);
  } else {
    for (const index of filter) {
      if (!Number.isInteger(index) || index < 0 || index >= objectCount) {
        throw new Error(`pathCandidates: filter index ${index} is out of range for ${objectCount} objects`);
      }
    }
    allowed = [...new Set(filter)].sort((a, b) => a - b);
  }
  return { minOrder, maxOrder, allowed };
}
