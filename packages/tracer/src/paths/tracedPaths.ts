import type { Tensor } from '@differt2d/autodiff';

/**
 * Paths found by a tracer for one candidate (an ordered list of K objects),
 * batched over any leading axes `...` of the transmitter and receiver
 * positions (broadcast together): many receivers, many transmitters, a grid.
 *
 * Both tensors are differentiable w.r.t. the TX, the RX and the objects'
 * coordinates (through the tape, or by implicit differentiation for the
 * optimisation-based tracers).
 *
 * @example
 * ```ts
 * const paths = imagePaths([0.1, 0.1], [wall], [0.3, 0.2]);
 * paths.points.shape; // [3, 2]: TX, the reflection point, RX
 * ```
 */
export interface TracedPaths {
  /** `[..., K + 2, 2]`: TX, the K interaction points in order, RX (metres). */
  readonly points: Tensor;
  /** `[...]`: the sum of the K interaction losses (0 for a perfect path). */
  readonly loss: Tensor;
}
