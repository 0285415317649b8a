/**
 * The received power of a scene: the sum over its valid paths.
 *
 * @module
 */
import { add, mul, zeros, type Tensor, type TensorLike } from '@differt2d/autodiff';
import type { Interactable } from '@differt2d/geometry';
import { receivedPower } from '../power/receivedPower.js';
import { traceSetup, tracedCandidates, type TracePathsOptions } from './imageTracePaths.js';

/**
 * The power received at each RX from each TX of the batch: the sum, over the
 * path candidates of the scene, of `validity * power` (DiffeRT2d's
 * `accumulate_on_receivers` of the received power). Exact validity keeps the
 * valid paths only; under approximation each path is weighted by its
 * smoothed validity, which gives useful gradients.
 *
 * Gradients are finite everywhere, TX or RX on a wall included (a
 * **flaw** of DiffeRT2d: with approximation, the gradient w.r.t. the TX is NaN
 * on the basic scene's outer walls, 154 of 5000 values on a 50 x 50 grid).
 *
 * Candidates whose validity is exactly 0 for the whole batch are skipped
 * (their power is not even computed): they add exactly 0, so a receiver that
 * no path reaches gets exactly 0.
 *
 * @param tx - `[..., 2]`: transmitter positions (metres).
 * @param rx - `[..., 2]`: receiver positions (metres), broadcast with `tx`.
 * @param objects - the scene's objects, in order.
 * @param options - as {@link tracePaths}: candidates (`maxOrder` defaults to
 *   1), validity (`approx`...), power (`rCoef`, `h`) and tracer.
 * @returns `[...]`: the total power (same unit as `receivedPower`; `P0 = 100` at zero distance).
 * @throws Error naming the argument for bad input, as {@link tracePaths}.
 * @example
 * ```ts
 * const walls = [new Wall([[0, 0], [1, 0]]), new Wall([[0.4, 0], [0.4, 0.4]])];
 * totalReceivedPower([0.1, 0.1], [[0.302, 0.2147], [0.6, 0.1]], walls, { maxOrder: 1 }).toArray();
 * // [21.7255..., 0]: the second receiver is behind the wall at x = 0.4
 * grad((tx: Tensor) => totalReceivedPower(tx, [0.302, 0.2147], walls, { approx: true }))(tensor([0.1, 0.1]));
 * ```
 */
export function totalReceivedPower(
  tx: TensorLike,
  rx: TensorLike,
  objects: readonly Interactable[],
  options: TracePathsOptions = {},
): Tensor {
  const setup = traceSetup('totalReceivedPower', tx, rx, objects, options);
  let total: Tensor | null = null;
  for (const { paths, validity } of tracedCandidates(setup)) {
    if (allZero(validity.data)) continue;
    const contribution = mul(validity, receivedPower(paths.points, setup.power));
    total = total === null ? contribution : add(total, contribution);
  }
  return total ?? zeros(setup.batch);
}

function allZero(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) return false;
  return true;
}
