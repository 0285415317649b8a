/**
 * Checks of the options of the built-in scenes.
 *
 * @module
 */
import { describeValue } from '../scene/describe.js';

/**
 * A number option, checked: finite and within `(lower, upper]` (or
 * `(lower, upper)` when `upperIncluded` is false).
 *
 * @throws Error `squareSceneWithWall: ratio must be a number in (0, 1], got 2`.
 * @example
 * ```ts
 * ratioOption('squareSceneWithWall', 0.6, true); // 0.6
 * ```
 * @internal
 */
export function ratioOption(op: string, value: unknown, upperIncluded: boolean): number {
  const ok = typeof value === 'number' && value > 0 && (upperIncluded ? value <= 1 : value < 1);
  if (!ok) throw new Error(`${op}: ratio must be a number in (0, 1${upperIncluded ? ']' : ')'}, got ${describeValue(value)}`);
  return value;
}

/**
 * A count option, checked: a non-negative integer.
 *
 * @throws Error `randomScene: walls must be a non-negative integer, got 1.5`.
 * @example
 * ```ts
 * countOption('randomScene', 'walls', 10); // 10
 * ```
 * @internal
 */
export function countOption(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${op}: ${name} must be a non-negative integer, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * A length option (metres), checked: a finite number > 0.
 *
 * @throws Error `cityScene: streetWidth must be a finite number > 0 (metres), got -5`.
 * @example
 * ```ts
 * lengthOption('cityScene', 'blockSize', 50); // 50
 * ```
 * @internal
 */
export function lengthOption(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new Error(`${op}: ${name} must be a finite number > 0 (metres), got ${describeValue(value)}`);
  }
  return value;
}
