/**
 * The image method: the specular path from a transmitter to a receiver
 * through an ordered list of walls.
 *
 * @module
 */
import { reshape, type TensorLike } from '@differt2d/autodiff';
import type { Wall } from '@differt2d/geometry';
import type { TracedPaths } from '../paths/tracedPaths.js';
import { imagePathLoss } from './imagePathLoss.js';
import { imagePathPoints } from './imagePathPoints.js';
import { checkedPositions, checkedWalls, flatPositions, positionsBatchShape, stackedWallCoordinates } from './imageOperands.js';

/**
 * Paths from TX to RX reflected by `walls` in order, by the image method
 * (DiffeRT2d's `image_method`): the images of the TX are taken through the
 * walls in order; then, from the RX back, each interaction point is where the
 * line from the current point to the matching image meets the wall's line
 * (`u = point - image`, `v = origin - point`,
 * `point += (v . n) / (u . n) u`, no step when `u . n = 0`). With no walls
 * the path is the line of sight.
 *
 * The points are not checked against the walls' ends, nor for blocking: see
 * {@link pathValidity}. The loss is the sum of the specular-reflection losses
 * of the points (0 for a true reflection; positive e.g. when TX and RX are on
 * opposite sides of a wall, where the "reflection" crosses it).
 *
 * Batched: `tx` and `rx` broadcast over their leading axes (many receivers,
 * many transmitters, a grid), and the whole batch is one fused primitive on
 * the tape, differentiable with respect to TX, RX and every wall's `xys`.
 * Degenerate inputs (TX on a wall, zero-length segments, `u . n = 0`) give
 * finite values and finite gradients.
 *
 * @param tx - `[..., 2]`: transmitter positions (metres).
 * @param walls - the K walls, in interaction order (K = 0: line of sight).
 * @param rx - `[..., 2]`: receiver positions (metres), broadcast with `tx`.
 * @returns `points` `[..., K + 2, 2]` (TX, the K interaction points, RX) and
 *   `loss` `[...]`, over the broadcast batch axes `...`.
 * @throws Error naming the argument for a non-wall object in `walls` (a RIS,
 *   a vertex...), a NaN or infinite coordinate, a wrong shape, or batch axes
 *   of `tx` and `rx` that do not broadcast.
 * @example
 * ```ts
 * const floor = new Wall([[0, 0], [1, 0]]);
 * const paths = imagePaths([0.1, 0.1], [floor], [0.302, 0.2147]);
 * paths.points.toArray(); // [[0.1, 0.1], [0.16418811566571337, 0], [0.302, 0.2147]]
 * paths.loss.item(); // ~0
 * imagePaths([0.1, 0.1], [floor], [[0.3, 0.2], [0.5, 0.5]]).points.shape; // [2, 3, 2]
 * ```
 */
export function imagePaths(tx: TensorLike, walls: readonly Wall[], rx: TensorLike): TracedPaths {
  const op = 'imagePaths';
  const txPositions = checkedPositions(op, 'tx', tx);
  const rxPositions = checkedPositions(op, 'rx', rx);
  const checked = checkedWalls(op, 'walls', walls);
  const batch = positionsBatchShape(op, txPositions, rxPositions);
  const wallCoordinates = stackedWallCoordinates(checked);
  const flatPoints = imagePathPoints(flatPositions(txPositions, batch), wallCoordinates, flatPositions(rxPositions, batch));
  const flatLoss = imagePathLoss(flatPoints, wallCoordinates);
  const pointsShape = [...batch, checked.length + 2, 2];
  // A one-axis batch is already in the kernels' [N, ...] layout.
  const flat = batch.length === 1;
  return {
    points: flat ? flatPoints : reshape(flatPoints, pointsShape),
    loss: flat ? flatLoss : reshape(flatLoss, batch),
  };
}
