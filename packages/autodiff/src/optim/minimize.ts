/**
 * Gradient-based minimisation of a scalar function of one tensor.
 *
 * @module
 */
import { asTensor, type TensorLike } from '../tensor/create.js';
import { formatShape } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { valueAndGrad } from '../transforms/grad.js';
import { adam } from './adam.js';
import { applyUpdates } from './applyUpdates.js';
import type { Optimizer } from './optimizer.js';

/** A function to minimise: a tensor in, a scalar (size-1 tensor or number) out. */
export type Objective = (x: Tensor) => Tensor | number;

/** Options of `minimize`. */
export interface MinimizeOptions {
  /** Number of optimiser steps; default 100. */
  steps?: number;
  /** The optimiser; default `adam(0.1)`. */
  optimizer?: Optimizer<unknown>;
}

/** The result of a minimisation. */
export interface MinimizeResult {
  /** The point reached after the last step. */
  readonly x: Tensor;
  /** The loss at `x`. */
  readonly loss: number;
}

/**
 * The loss of an objective at a point, as a number.
 *
 * @internal
 * @throws Error naming the caller when the objective does not return a scalar.
 * @example
 * ```ts
 * lossAt('minimize', (x) => sum(x), tensor([1, 2])); // 3
 * ```
 */
export function lossAt(op: string, fun: Objective, x: Tensor): number {
  const value = fun(x);
  if (typeof value === 'number') return value;
  if (!(value instanceof Tensor) || value.size !== 1) {
    const got = value instanceof Tensor ? `shape ${formatShape(value.shape)}` : typeof value;
    throw new Error(`${op}: the function must return a scalar (size-1) tensor or a number, got ${got}`);
  }
  return value.data[0]!;
}

/**
 * Check a step count.
 *
 * @internal
 * @throws Error naming the caller and the value.
 * @example
 * ```ts
 * checkSteps('minimize', 100); // ok
 * ```
 */
export function checkSteps(op: string, steps: number): void {
  if (!Number.isInteger(steps) || steps < 0) throw new Error(`${op}: steps must be a non-negative integer, got ${steps}`);
}

/**
 * Minimise a scalar function by `steps` steps of a gradient optimiser, from
 * `x0`; gradients come from `valueAndGrad`. The function must be built from
 * differentiable primitives.
 *
 * Unlike DiffeRT2d's `minimize`, which returns the loss of the last evaluated
 * point (one step behind), the returned loss is evaluated at the returned `x`
 * (one more call to `fun`).
 *
 * @param x0 - the starting point (not modified).
 * @throws Error naming `minimize` for a bad step count or a non-scalar function.
 * @example
 * ```ts
 * const { x, loss } = minimize((x) => sum(square(sub(x, 3))), [0, 0], { steps: 200 });
 * // x ~ [3, 3], loss ~ 0
 * ```
 */
export function minimize(fun: Objective, x0: TensorLike, options: MinimizeOptions = {}): MinimizeResult {
  const { steps = 100, optimizer = adam(0.1) } = options;
  checkSteps('minimize', steps);
  const start = asTensor(x0, 'minimize');
  let x = new Tensor(start.data.slice(), start.shape);
  const valueAndGradient = valueAndGrad(fun);
  let state = optimizer.init(x);
  for (let step = 0; step < steps; step++) {
    const [, gradient] = valueAndGradient(x);
    const result = optimizer.update(gradient as Tensor, state, x);
    x = applyUpdates(x, result.updates);
    state = result.state;
  }
  return { x, loss: lossAt('minimize', fun, x) };
}
