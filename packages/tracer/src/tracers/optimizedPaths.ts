/**
 * The machinery shared by the optimisation-based tracers (Fermat and
 * min-path): check the operands, solve for the parametric coordinates of the
 * interaction points of every TX-RX pair at once, then rebuild the paths on
 * the autodiff tape so that their gradients are the implicit derivatives of
 * the optimum.
 *
 * Implicit differentiation. The solution `x*` satisfies a condition
 * `Phi(x*, theta) = 0` (theta: TX, RX, the objects' coordinates, RIS angles):
 * the gradient of the path length for Fermat, the interaction residuals for
 * min-path tracing. The solver runs outside the tape; the output is then
 * `x = x* - (w - stopGradient(w))` with `w = A Phi(x*, theta)` built on the
 * tape from the objects' methods and `A` a constant matrix per path. Its
 * value is exactly `x*` and its derivative is `dx/dtheta = -A dPhi/dtheta`:
 * - Fermat: `A = M^+`, `M = dF/dx` the Hessian of the length: the implicit
 *   function theorem, exact.
 * - Min-path with residuals: `A = J^+ = (J^T J)^+ J^T`, `J = dr/dx`: the
 *   Gauss-Newton implicit derivative, exact where the residuals vanish
 *   (valid paths); elsewhere an approximation (the second-order term
 *   `sum r_k d2 r_k` is dropped).
 * - Min-path with objects that only define a loss: `Phi` is the loss's
 *   gradient in `x` by central differences (on the tape) and `A = H^+`, `H`
 *   its Hessian by differences: the implicit function theorem to `O(h^2)`.
 * Pseudo-inverses (eigenvalues below 1e-13 of the largest dropped) keep the
 * gradients finite for degenerate paths. Nothing of the solver's iterations
 * is recorded: the tape holds one evaluation of the condition per call.
 *
 * @module
 */
import {
  activeTapeOrNull,
  key,
  matmul,
  noGrad,
  reshape,
  stack,
  stopGradient,
  sub,
  Tensor,
  uniform,
  zeros,
  type TensorLike,
} from '@differt2d/autodiff';
import type { Interactable } from '@differt2d/geometry';
import type { TracedPaths } from '../paths/tracedPaths.js';
import { solveAdam } from '../solvers/batchedAdam.js';
import { solveDampedNewton } from '../solvers/dampedNewton.js';
import { BuiltinPathModel } from './optimizedBuiltinModel.js';
import { GenericPathModel, type LossFormulation } from './optimizedGenericModel.js';
import {
  checkedInteractables,
  checkedPositionBatch,
  isBuiltinInteractable,
  pairBatch,
  resolveOptimizedOptions,
  type OptimizedPathOptions,
  type PairBatch,
  type ResolvedOptimizedOptions,
} from './optimizedOperands.js';
import {
  lengthGradientTensor,
  lossGradientTensor,
  lossTensor,
  parameterOffsets,
  pathPointTensors,
  residualTensor,
} from './optimizedTensors.js';

/**
 * Levenberg-Marquardt gives up on a path whose unknowns pass this magnitude:
 * its point is then a hundred object lengths away from its object (for the
 * `[0, 1]` parametrisation of walls and RIS), so the path cannot be valid,
 * and its loss only creeps towards an asymptote (e.g. a receiver behind a
 * RIS): without this bound it would spend every allowed iteration.
 *
 * @example
 * ```ts
 * solveDampedNewton(objective, x0, { bound: RUNAWAY_BOUND });
 * ```
 */
export const RUNAWAY_BOUND = 100;

/**
 * What an optimisation-based tracer minimises: the path length (`'fermat'`),
 * or the interaction loss (`'minPath'`).
 *
 * @example
 * ```ts
 * const kind: OptimizedPathKind = 'minPath';
 * ```
 */
export type OptimizedPathKind = 'fermat' | 'minPath';

/**
 * The min-path solver stops once the loss of a path is at most this: a
 * perfect interaction up to rounding (residuals ~1e-15).
 *
 * @example
 * ```ts
 * solveDampedNewton(model.lossObjective(), x0, { costTolerance: MIN_PATH_LOSS_TOLERANCE });
 * ```
 */
export const MIN_PATH_LOSS_TOLERANCE = 1e-30;

type PathModel = BuiltinPathModel | GenericPathModel;
type Formulation = 'lengthGradient' | LossFormulation;

/**
 * Solve for the unknowns of every path (untracked numbers).
 *
 * Levenberg-Marquardt starts, for the package's own objects, from the
 * image-method path (walls and RIS reflecting specularly, vertices fixed):
 * the Fermat path itself where it exists, and on walls the min-path too, so
 * both solvers only confirm it; for a RIS, a close start. For other objects
 * it starts from the straight TX-RX line spread over the objects
 * (`cartesianToParametric`), and min-path tracing first solves the Fermat
 * path from there. The length is convex in the unknowns for walls, RIS and
 * vertices (a sum of norms of affine maps), so Newton reaches the Fermat path
 * from anywhere.
 */
function solveUnknowns(model: PathModel, kind: OptimizedPathKind, options: ResolvedOptimizedOptions): Float64Array {
  const n = model.unknowns;
  if (options.solver === 'adam') {
    const starts = uniform(key(options.seed), [options.many, n]).data;
    const objective = kind === 'fermat' ? model.lengthObjective() : model.lossObjective();
    return solveAdam(objective, starts, { steps: options.steps, learningRate: options.learningRate }).x;
  }
  const settings = { maxIterations: options.maxIterations, bound: RUNAWAY_BOUND };
  let start: Float64Array;
  if (model instanceof BuiltinPathModel) {
    start = model.imageStart();
    if (kind === 'fermat') return solveDampedNewton(model.lengthObjective(), start, settings).x;
  } else {
    start = solveDampedNewton(model.lengthObjective(), model.projectedStart(), settings).x;
    if (kind === 'fermat') return start;
  }
  return solveDampedNewton(model.lossObjective(), start, { ...settings, costTolerance: MIN_PATH_LOSS_TOLERANCE }).x;
}

/**
 * The unknowns as a tensor whose value is the solution and whose gradient is
 * the implicit derivative (see the module notes).
 */
function implicitUnknowns(
  op: string,
  formulation: Formulation,
  model: PathModel,
  objects: readonly Interactable[],
  offsets: readonly number[],
  pairs: PairBatch,
  solution: Float64Array,
): Tensor {
  const count = pairs.count;
  const n = model.unknowns;
  const fixed = new Tensor(solution, [count, n]);
  const { matrices, equations } = noGrad(() =>
    model instanceof BuiltinPathModel
      ? model.implicitMatrices(formulation === 'lengthGradient' ? 'lengthGradient' : 'residuals', solution)
      : model.implicitMatrices(formulation, solution),
  );
  if (equations === 0) return fixed;
  let condition: Tensor;
  if (formulation === 'lossGradient') {
    condition = lossGradientTensor(op, objects, offsets, pairs.tx, pairs.rx, solution, count, n);
  } else {
    const points = pathPointTensors(op, objects, offsets, pairs.tx, pairs.rx, fixed);
    condition = formulation === 'lengthGradient' ? lengthGradientTensor(objects, offsets, points, fixed) : residualTensor(op, objects, points);
  }
  const step = reshape(matmul(new Tensor(matrices, [count, n, equations]), reshape(condition, [count, equations, 1])), [count, n]);
  // step - stopGradient(step) is exactly 0 in value: the unknowns keep the
  // solver's values, with the derivative -A dPhi/dtheta.
  return sub(fixed, sub(step, stopGradient(step)));
}

/**
 * Trace one candidate with an optimisation-based method, batched over the
 * broadcast leading axes of TX and RX: the body of `fermatPaths` and
 * `minPaths`.
 *
 * @param op - the public function, quoted in errors.
 * @param tx - `[..., 2]` (metres).
 * @param objects - the candidate's objects, in order.
 * @param rx - `[..., 2]` (metres).
 * @returns points `[..., K + 2, 2]` and loss `[...]`.
 * @throws Error naming `op` and the culprit for bad positions, objects or options.
 * @example
 * ```ts
 * traceOptimizedPaths('minPaths', 'minPath', [0.1, 0.1], [new Wall([[0, 0], [1, 0]])], [0.3, 0.2], {}).loss.item(); // ~0
 * ```
 */
export function traceOptimizedPaths(
  op: string,
  kind: OptimizedPathKind,
  tx: TensorLike,
  objects: readonly Interactable[],
  rx: TensorLike,
  options: OptimizedPathOptions,
): TracedPaths {
  const resolved = resolveOptimizedOptions(op, options);
  const candidate = checkedInteractables(op, objects);
  const pairs = pairBatch(op, checkedPositionBatch(op, 'tx', tx), checkedPositionBatch(op, 'rx', rx));
  const pointCount = candidate.length + 2;
  if (pairs.count === 0) return { points: zeros([...pairs.batch, pointCount, 2]), loss: zeros(pairs.batch) };

  const builtin = candidate.every(isBuiltinInteractable);
  const model: PathModel = builtin
    ? new BuiltinPathModel(candidate, pairs.tx.data, pairs.rx.data, pairs.count)
    : new GenericPathModel(op, candidate, pairs.tx.data, pairs.rx.data, pairs.count);
  const n = model.unknowns;
  const solution = n === 0 ? new Float64Array(0) : noGrad(() => solveUnknowns(model, kind, resolved));

  const recording = activeTapeOrNull() !== null;
  if (!recording && model instanceof BuiltinPathModel) {
    // Nothing to differentiate: the fused kernels give the output directly.
    return {
      points: new Tensor(model.pathPoints(solution), [...pairs.batch, pointCount, 2]),
      loss: new Tensor(model.pathLosses(solution), [...pairs.batch]),
    };
  }
  const { offsets } = parameterOffsets(candidate);
  let unknowns = new Tensor(solution, [pairs.count, n]);
  if (recording && n > 0) {
    const formulation: Formulation = kind === 'fermat' ? 'lengthGradient' : model instanceof BuiltinPathModel ? 'residuals' : model.lossFormulation;
    unknowns = implicitUnknowns(op, formulation, model, candidate, offsets, pairs, solution);
  }
  const points = pathPointTensors(op, candidate, offsets, pairs.tx, pairs.rx, unknowns);
  return {
    points: reshape(stack(points, 1), [...pairs.batch, pointCount, 2]),
    loss: reshape(lossTensor(op, candidate, points), [...pairs.batch]),
  };
}
