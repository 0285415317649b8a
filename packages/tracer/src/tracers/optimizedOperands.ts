/**
 * Checking the operands and options of the optimisation-based tracers
 * (Fermat, min-path) and laying out their batches of TX-RX pairs, so that bad
 * input fails at the boundary with a message that says what and where.
 *
 * @module
 */
import { broadcastShapes, broadcastTo, formatShape, reshape, shapeSize, type Tensor, type TensorLike } from '@differt2d/autodiff';
import { isInteractable, RIS, Vertex, Wall, type Interactable } from '@differt2d/geometry';
import { checkedPositionTensor, describeValue } from './operandChecks.js';

/**
 * Which solver an optimisation-based tracer uses: `'lm'` (Levenberg-Marquardt,
 * the default) or `'adam'` (DiffeRT2d's).
 *
 * @example
 * ```ts
 * const solver: OptimizedPathSolver = 'adam';
 * ```
 */
export type OptimizedPathSolver = 'lm' | 'adam';

/**
 * Options shared by `fermatPaths` and `minPaths`.
 *
 * @example
 * ```ts
 * const exact: OptimizedPathOptions = {}; // Levenberg-Marquardt, to machine precision
 * const reference: OptimizedPathOptions = { solver: 'adam', steps: 100, learningRate: 0.1, many: 1, seed: 1234 }; // DiffeRT2d's
 * ```
 */
export interface OptimizedPathOptions {
  /**
   * `'lm'` (default): damped Newton / Levenberg-Marquardt, converged to
   * machine precision in a handful of iterations. `'adam'`: DiffeRT2d's
   * method, random starts and a fixed number of Adam steps (imprecise;
   * for comparison with the reference).
   */
  solver?: OptimizedPathSolver;
  /** `'lm'` only: most iterations per path; default 100 (a few are used). */
  maxIterations?: number;
  /** `'adam'` only: Adam steps per start; default 100 (DiffeRT2d's). */
  steps?: number;
  /** `'adam'` only: the learning rate; default 0.1 (DiffeRT2d's). */
  learningRate?: number;
  /** `'adam'` only: number of random starts, the best kept; default 1 (DiffeRT2d's). */
  many?: number;
  /**
   * `'adam'` only: seed of the PRNG key drawing the starts, uniform in
   * `[0, 1)` for every unknown (the same starts for every TX-RX pair);
   * default 1234, DiffeRT2d's default seed.
   */
  seed?: number;
}

/**
 * `OptimizedPathOptions` with every default filled in and checked.
 *
 * @example
 * ```ts
 * const resolved: ResolvedOptimizedOptions = resolveOptimizedOptions('minPaths', {});
 * resolved.solver; // 'lm'
 * ```
 */
export interface ResolvedOptimizedOptions {
  readonly solver: OptimizedPathSolver;
  readonly maxIterations: number;
  readonly steps: number;
  readonly learningRate: number;
  readonly many: number;
  readonly seed: number;
}

function checkCount(op: string, name: string, value: number, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new Error(`${op}: option ${name} must be an integer >= ${min}, got ${String(value)}`);
  }
}

/**
 * Fill in and check the options of an optimisation-based tracer.
 *
 * @throws Error naming the tracer, the option and its value.
 * @example
 * ```ts
 * resolveOptimizedOptions('minPaths', { solver: 'adam' }).steps; // 100
 * resolveOptimizedOptions('minPaths', { solver: 'newton' as never }); // throws "minPaths: option solver must be 'lm' or 'adam', got newton"
 * ```
 */
export function resolveOptimizedOptions(op: string, options: OptimizedPathOptions): ResolvedOptimizedOptions {
  if (options === null || typeof options !== 'object') throw new Error(`${op}: options must be an object, got ${String(options)}`);
  const solver = options.solver ?? 'lm';
  if (solver !== 'lm' && solver !== 'adam') throw new Error(`${op}: option solver must be 'lm' or 'adam', got ${String(solver)}`);
  const resolved: ResolvedOptimizedOptions = {
    solver,
    maxIterations: options.maxIterations ?? 100,
    steps: options.steps ?? 100,
    learningRate: options.learningRate ?? 0.1,
    many: options.many ?? 1,
    seed: options.seed ?? 1234,
  };
  checkCount(op, 'maxIterations', resolved.maxIterations, 0);
  checkCount(op, 'steps', resolved.steps, 0);
  checkCount(op, 'many', resolved.many, 1);
  if (!Number.isSafeInteger(resolved.seed)) throw new Error(`${op}: option seed must be a safe integer, got ${String(resolved.seed)}`);
  if (typeof resolved.learningRate !== 'number' || !(resolved.learningRate > 0) || !Number.isFinite(resolved.learningRate)) {
    throw new Error(`${op}: option learningRate must be a finite positive number, got ${String(resolved.learningRate)}`);
  }
  return resolved;
}

/**
 * Positions `[..., 2]` (metres), checked: a last axis of length 2 and every
 * coordinate finite.
 *
 * @param name - the argument, quoted in errors (`tx`, `rx`).
 * @throws Error such as `fermatPaths: rx[1] has a NaN y coordinate`.
 * @example
 * ```ts
 * checkedPositionBatch('fermatPaths', 'rx', [[0, 0], [1, 1]]).shape; // [2, 2]
 * checkedPositionBatch('fermatPaths', 'rx', [0, NaN]); // throws "fermatPaths: rx has a NaN y coordinate"
 * ```
 */
export function checkedPositionBatch(op: string, name: string, value: TensorLike): Tensor {
  return checkedPositionTensor(op, name, value, 'is not an array of positions');
}

/**
 * Whether an object is one of this package family's own types (exactly
 * `Wall`, `RIS` or `Vertex`, not a subclass), whose geometry the fused
 * solver kernels read directly. Any other object goes through its methods.
 *
 * @example
 * ```ts
 * isBuiltinInteractable(new RIS([[0, 0], [1, 0]])); // true
 * isBuiltinInteractable(new (class extends Wall {})([[0, 0], [1, 0]])); // false
 * ```
 */
export function isBuiltinInteractable(value: Interactable): value is Wall | Vertex {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Wall.prototype || prototype === RIS.prototype || prototype === Vertex.prototype;
}

/**
 * The ordered objects of a path candidate, checked: an array of
 * `Interactable`s with a valid `parameterCount`, and, for objects that are
 * not the package's own types (whose constructors check their coordinates),
 * a finite bounding box.
 *
 * @throws Error naming the entry, e.g. `minPaths: objects[1] is a number, not an interacting object (...)`.
 * @example
 * ```ts
 * checkedInteractables('minPaths', [new Wall([[0, 0], [1, 0]])]).length; // 1
 * ```
 */
export function checkedInteractables(op: string, objects: readonly unknown[]): readonly Interactable[] {
  if (!Array.isArray(objects)) throw new Error(`${op}: objects must be an array of interacting objects, got ${describeValue(objects)}`);
  for (let k = 0; k < objects.length; k++) {
    const object: unknown = objects[k];
    if (!isInteractable(object)) {
      throw new Error(
        `${op}: objects[${k}] is ${describeValue(object)}, not an interacting object (an Interactable has kind, parameterCount, ` +
          `blocksRays and the methods parametricToCartesian, cartesianToParametric, contains, intersects, interactionLoss, boundingBox)`,
      );
    }
    const where = `${op}: objects[${k}]${object.name === undefined ? '' : ` (${object.name})`}`;
    if (!Number.isInteger(object.parameterCount) || object.parameterCount < 0) {
      throw new Error(`${where}: parameterCount must be a non-negative integer, got ${object.parameterCount}`);
    }
    if (!isBuiltinInteractable(object)) {
      const box = object.boundingBox().data;
      for (let i = 0; i < box.length; i++) {
        if (!Number.isFinite(box[i]!)) throw new Error(`${where}: its coordinates are not finite (bounding box ${Array.from(box).join(', ')})`);
      }
    }
  }
  return objects as readonly Interactable[];
}

/**
 * TX and RX positions laid out as one flat batch of pairs.
 *
 * @example
 * ```ts
 * const { count, tx, rx }: PairBatch = pairBatch('minPaths', tensor([0, 0]), tensor([[1, 1], [2, 2]]));
 * // count 2, tx and rx [2, 2]
 * ```
 */
export interface PairBatch {
  /** The batch shape: the leading axes of TX and RX, broadcast. */
  readonly batch: number[];
  /** Number of TX-RX pairs, the product of `batch`. */
  readonly count: number;
  /** `[count, 2]` transmitters, differentiable w.r.t. the `tx` given. */
  readonly tx: Tensor;
  /** `[count, 2]` receivers, differentiable w.r.t. the `rx` given. */
  readonly rx: Tensor;
}

function flatten(positions: Tensor, batch: readonly number[], count: number): Tensor {
  const sameShape = positions.ndim === batch.length + 1 && positions.shape.every((length, i) => i === batch.length || length === batch[i]);
  const full = sameShape ? positions : broadcastTo(positions, [...batch, 2]);
  return full.ndim === 2 ? full : reshape(full, [count, 2]);
}

/**
 * Broadcast TX `[..., 2]` and RX `[..., 2]` together and flatten them to
 * `[count, 2]` each (differentiable: a shared TX gets the sum of its paths'
 * gradients).
 *
 * @throws Error naming both shapes when the batch axes do not broadcast.
 * @example
 * ```ts
 * pairBatch('fermatPaths', tensor([0, 0]), tensor([[[1, 1], [2, 2]]])).batch; // [1, 2]
 * ```
 */
export function pairBatch(op: string, tx: Tensor, rx: Tensor): PairBatch {
  let batch: number[];
  try {
    batch = broadcastShapes(op, tx.shape.slice(0, -1), rx.shape.slice(0, -1));
  } catch {
    throw new Error(`${op}: the batch axes of tx ${formatShape(tx.shape)} and rx ${formatShape(rx.shape)} do not broadcast`);
  }
  const count = shapeSize(batch);
  return { batch, count, tx: flatten(tx, batch, count), rx: flatten(rx, batch, count) };
}
