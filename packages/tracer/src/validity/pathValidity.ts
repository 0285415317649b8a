/**
 * Path validity: the three criteria of the reference combined with a
 * logical and.
 *
 * @module
 */
import { minimum, noGrad, Tensor } from '@differt2d/autodiff';
import type { Interactable } from '@differt2d/geometry';
import type { TracedPaths } from '../paths/tracedPaths.js';
import { checkedObjects } from '../tracers/imageOperands.js';
import { onObjectsChecked } from './interactionPointsOnObjects.js';
import { pathLossBelowTolerance } from './pathLossBelowTolerance.js';
import { obstaclesOf, unobstructedHard, unobstructedSmooth, type Obstacles } from './pathUnobstructed.js';
import { checkCandidate, pathsLayout, resolveValidityOptions, type ResolvedValidityOptions, type ValidityOptions } from './validityOptions.js';

/**
 * Validity of checked paths, with the scene's obstacles prepared by the
 * caller (once per scene, not once per candidate).
 *
 * @internal
 * @example
 * ```ts
 * const options = resolveValidityOptions({}, 'pathValidity');
 * checkedPathValidity(paths, walls, [0], options, obstaclesOf(walls, false, null)).item(); // 1
 * ```
 */
export function checkedPathValidity(
  paths: TracedPaths,
  objects: readonly Interactable[],
  candidate: readonly number[],
  options: ResolvedValidityOptions,
  obstacles: Obstacles,
): Tensor {
  const layout = pathsLayout('pathValidity', paths.points);
  const approx = options.approx;
  if (approx.approx) {
    const onObjects = onObjectsChecked(layout, objects, candidate, approx);
    const unobstructed = unobstructedSmooth(layout, objects, candidate, options.intersectTolerance, approx, obstacles);
    const lowLoss = pathLossBelowTolerance(paths.loss, { ...approx, tolerance: options.lossTolerance });
    return minimum(minimum(onObjects, unobstructed), lowLoss);
  }
  // Exact: the cheap criteria first; only the paths that pass them are
  // tested for blocking (the costly one), as DESIGN's early exits ask.
  return noGrad(() => {
    const onObjects = onObjectsChecked(layout, objects, candidate, approx).data;
    const lowLoss = pathLossBelowTolerance(paths.loss, { ...approx, tolerance: options.lossTolerance }).data;
    const count = layout.count;
    const active = new Uint8Array(count);
    let activeCount = 0;
    for (let i = 0; i < count; i++) {
      if (onObjects[i] !== 0 && lowLoss[i] !== 0) {
        active[i] = 1;
        activeCount++;
      }
    }
    const valid = new Float64Array(count);
    if (activeCount === 0) return new Tensor(valid, [...layout.batch]);
    const unobstructed = unobstructedHard(layout, objects, candidate, options.intersectTolerance, active, obstacles);
    for (let i = 0; i < count; i++) valid[i] = active[i]! * unobstructed[i]!;
    return new Tensor(valid, [...layout.batch]);
  });
}

/**
 * Whether paths are valid (the reference's three criteria, combined with a
 * logical and):
 * 1. every interaction point lies on its object ({@link interactionPointsOnObjects});
 * 2. no segment is blocked by an object of the scene other than the objects
 *    at its two ends ({@link pathUnobstructed}; objects filtered out of the
 *    candidates still block);
 * 3. the path loss is below `lossTolerance` ({@link pathLossBelowTolerance}).
 *
 * Exact (default): 0/1, the product of the three, with no gradient; blocking
 * is only tested for the paths that pass 1 and 3. Approximated
 * (`approx: true`): the minimum of the three smoothed criteria, in [0, 1],
 * differentiable w.r.t. the points, the loss and the objects. Then a perfect
 * path gets `activation(alpha lossTolerance)` from criterion 3 (2/3 with the
 * defaults), as in DiffeRT2d.
 *
 * @param paths - `points` `[..., K + 2, 2]` and `loss` `[...]`, e.g. from {@link imagePaths}.
 * @param objects - the scene's objects (all of them: any may block).
 * @param candidate - the K indices into `objects` the paths interact with, in order.
 * @param options - smoothing (`approx`, `alpha`, `activation`), `lossTolerance`
 *   (default 1e-2) and `intersectTolerance` (default 0.005).
 * @returns `[...]`: the validity of each path.
 * @throws Error naming the function for a bad shape, a candidate whose
 *   length is not K or with an index out of range, a non-interactable object,
 *   or a bad option.
 * @example
 * ```ts
 * const objects = [new Wall([[0, 0], [1, 0]]), new Wall([[0.5, 0.02], [0.5, 2]])];
 * const paths = imagePaths([0.1, 0.1], [objects[0]], [[0.3, 0.2], [0.9, 0.2]]);
 * pathValidity(paths, objects, [0]).toArray(); // [1, 0]: the second is blocked by objects[1]
 * pathValidity(paths, objects, [0], { approx: true }).toArray(); // [0.666..., 0.164...]: the crossing is near the wall's end
 * ```
 */
export function pathValidity(
  paths: TracedPaths,
  objects: readonly Interactable[],
  candidate: readonly number[],
  options: ValidityOptions = {},
): Tensor {
  const op = 'pathValidity';
  if (paths === null || typeof paths !== 'object' || !(paths.points instanceof Tensor) || !(paths.loss instanceof Tensor)) {
    throw new Error(`${op}: paths must be { points, loss } tensors (a TracedPaths, e.g. from imagePaths)`);
  }
  const layout = pathsLayout(op, paths.points);
  if (paths.loss.shape.length !== layout.batch.length || paths.loss.shape.some((length, i) => length !== layout.batch[i])) {
    throw new Error(`${op}: paths.loss must have the batch shape [${layout.batch.join(', ')}] of paths.points, got [${paths.loss.shape.join(', ')}]`);
  }
  const checkedList = checkedObjects(op, 'objects', objects);
  checkCandidate(op, candidate, checkedList.length, layout.interactions);
  const resolved = resolveValidityOptions(options, op);
  const approx = resolved.approx.approx ? resolved.approx : null;
  return checkedPathValidity(paths, checkedList, candidate, resolved, obstaclesOf(checkedList, approx !== null, approx, options.spatialIndex, op));
}
