import { add, asTensor, div, log, mul, square, type Tensor, type TensorLike } from '@differt2d/autodiff';
import { pathLength } from '../paths/pathLength.js';

/** Parameters of the received-power model (DiffeRT2d's defaults). */
export interface PowerOptions {
  /** Reflection coefficient applied once per interaction (default 0.5). */
  rCoef?: number;
  /** Transmitter height (metres), only there to avoid a division by zero (default 0.1). */
  h?: number;
}

/** Power at zero distance, the reference of maps in dB: `10 log10(P / P0)`. */
export const P0 = 100;

/**
 * Received power of paths, without phase: `rCoef^n / (h^2 + L^2)` with `n`
 * the number of interactions and `L` the path length. Multiply by a validity
 * (0/1, or smoothed) to keep only valid paths.
 *
 * @param points - `[..., n + 2, 2]` (metres).
 * @returns `[...]`.
 * @example
 * ```ts
 * receivedPower([[0.1, 0.1], [0.302, 0.2147]]).item(); // 15.6347...
 * ```
 */
export function receivedPower(points: TensorLike, options: PowerOptions = {}): Tensor {
  const rCoef = options.rCoef ?? 0.5;
  const h = options.h ?? 0.1;
  if (!Number.isFinite(rCoef) || !Number.isFinite(h)) throw new Error(`receivedPower: rCoef and h must be finite, got ${rCoef} and ${h}`);
  const p = asTensor(points, 'receivedPower');
  const interactions = p.shape[p.ndim - 2]! - 2;
  const length = pathLength(p);
  return div(Math.pow(rCoef, interactions), add(h * h, square(length)));
}

/**
 * Power in dB relative to `P0`: `10 log10(P / P0)`.
 *
 * @example
 * ```ts
 * powerToDb(100).item(); // 0
 * ```
 */
export function powerToDb(power: TensorLike, p0: number = P0): Tensor {
  return mul(10 / Math.LN10, log(div(power, p0)));
}
