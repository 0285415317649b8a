/**
 * Primitives: an operation declared once with its forward kernel and its
 * vector-Jacobian (backward) rule side by side. Every differentiable op of
 * this package is a primitive, and any package can define its own (fused
 * geometry kernels do).
 *
 * @module
 */
import type { Tensor } from '../tensor/tensor.js';
import { checkBackward, checkForward, isDebugNans } from './debug.js';
import { activeTapeOrNull, type Tape } from './tape.js';

/**
 * The cotangents of a primitive's inputs: one Float64Array per input, with the
 * input's size, or null where the input gets no gradient (it is not
 * differentiable, or was not asked for).
 */
export type Cotangents = readonly (Float64Array | null)[];

/**
 * What defines a primitive.
 *
 * Rules for a backward kernel, so that gradients never turn into NaN by
 * accident:
 * - never write into `outputCotangents`, `inputs` or `outputs`;
 * - an output cotangent that is exactly zero contributes exactly zero (test
 *   `g === 0` before multiplying by something that may be infinite);
 * - only compute the cotangents that `needed[i]` asks for (return null for
 *   the others).
 *
 * @typeParam Params - the non-tensor parameters (axes, constants...).
 */
export interface PrimitiveDefinition<Params> {
  /** Unique, human-readable name, quoted in errors and debug reports. */
  readonly name: string;
  /**
   * Compute the outputs. Must not write into the inputs. Return one tensor, or
   * an array for a primitive with several outputs.
   */
  forward(inputs: readonly Tensor[], params: Params): Tensor | Tensor[];
  /**
   * The vector-Jacobian product: given the cotangent of each output (null for
   * an output that does not reach the result), return the cotangent of each
   * input. Omit for a primitive with no gradient (comparisons).
   */
  backward?(
    outputCotangents: readonly (Float64Array | null)[],
    inputs: readonly Tensor[],
    outputs: readonly Tensor[],
    params: Params,
    needed: readonly boolean[],
  ): Cotangents;
}

/** A defined primitive: its definition, as stored on tape records. */
export interface Primitive<Params> extends PrimitiveDefinition<Params> {
  /** Apply the primitive: run the forward kernel and record it when a gradient is being taken. */
  apply(inputs: readonly Tensor[], params: Params): Tensor | Tensor[];
}

const registry = new Map<string, Primitive<never>>();

/**
 * Define (and register by name) a primitive from its forward kernel and its
 * vector-Jacobian rule.
 *
 * @throws Error when a primitive of the same name already exists.
 * @example
 * ```ts
 * // y = x^3, with dy/dx = 3 x^2
 * const cube = definePrimitive<void>({
 *   name: 'cube',
 *   forward([x]) {
 *     const out = new Float64Array(x!.size);
 *     for (let i = 0; i < out.length; i++) out[i] = x!.data[i]! ** 3;
 *     return new Tensor(out, x!.shape);
 *   },
 *   backward([g], [x]) {
 *     const gx = new Float64Array(x!.size);
 *     for (let i = 0; i < gx.length; i++) gx[i] = g![i] === 0 ? 0 : g![i]! * 3 * x!.data[i]! ** 2;
 *     return [gx];
 *   },
 * });
 * grad((x: Tensor) => sum(cube.apply([x], undefined) as Tensor))(tensor([2])); // [12]
 * ```
 */
export function definePrimitive<Params = void>(definition: PrimitiveDefinition<Params>): Primitive<Params> {
  if (registry.has(definition.name)) throw new Error(`definePrimitive: a primitive named "${definition.name}" already exists`);
  const primitive: Primitive<Params> = {
    ...definition,
    apply(inputs: readonly Tensor[], params: Params): Tensor | Tensor[] {
      return applyPrimitive(primitive, inputs, params);
    },
  };
  registry.set(definition.name, primitive as unknown as Primitive<never>);
  return primitive;
}

/**
 * Look up a registered primitive by name.
 *
 * @example
 * ```ts
 * getPrimitive('add')?.name; // "add"
 * ```
 */
export function getPrimitive(name: string): Primitive<unknown> | undefined {
  return registry.get(name) as Primitive<unknown> | undefined;
}

/**
 * Whether an input tensor is tracked by the recording tape, i.e. whether its
 * cotangent will be needed.
 *
 * @internal
 * @example
 * ```ts
 * grad((x: Tensor) => {
 *   isTracked(x, activeTapeOrNull()); // true
 *   return sum(x);
 * })(tensor([1]));
 * ```
 */
export function isTracked(t: Tensor, tape: Tape | null): boolean {
  return tape !== null && t._tape === tape;
}

function checkNotStale(name: string, t: Tensor, tape: Tape): void {
  if (t._tape !== null && t._tape !== tape && t._tape.live) {
    throw new Error(
      `${name}: an input is being differentiated by an enclosing grad(); nested differentiation is not supported ` +
        `(compute the inner result under noGrad() or pass it as an argument)`,
    );
  }
}

/**
 * Run a primitive's forward kernel; record it on the active tape when any
 * input is tracked. Nothing is recorded (and nothing allocated for the tape)
 * when no gradient is being taken.
 *
 * @internal
 * @example
 * ```ts
 * applyPrimitive(getPrimitive('neg')!, [tensor([1, 2])], undefined); // Tensor [-1, -2]
 * ```
 */
export function applyPrimitive<Params>(primitive: Primitive<Params>, inputs: readonly Tensor[], params: Params): Tensor | Tensor[] {
  const result = primitive.forward(inputs, params);
  const debug = isDebugNans();
  if (debug) {
    const outputs = Array.isArray(result) ? result : [result];
    for (const output of outputs) output._producer = primitive.name;
    checkForward(primitive.name, inputs, outputs);
  }
  const tape = activeTapeOrNull();
  if (tape === null || primitive.backward === undefined) return result;
  let tracked = false;
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i]!;
    if (input._tape === tape) tracked = true;
    else if (input._tape !== null) checkNotStale(primitive.name, input, tape);
  }
  if (!tracked) return result;
  const outputs = Array.isArray(result) ? result : [result];
  for (let k = 0; k < outputs.length; k++) tape.track(outputs[k]!);
  tape.records.push({ primitive: primitive as Primitive<unknown>, inputs, outputs, params });
  return result;
}

/**
 * Run a record's backward rule, with the debug check when it is on.
 *
 * @internal
 * @example
 * ```ts
 * runBackward(getPrimitive('neg')!, [Float64Array.of(1)], [x], [y], undefined, [true]); // [Float64Array [-1]]
 * ```
 */
export function runBackward(
  primitive: Primitive<unknown>,
  outputCotangents: readonly (Float64Array | null)[],
  inputs: readonly Tensor[],
  outputs: readonly Tensor[],
  params: unknown,
  needed: readonly boolean[],
): Cotangents {
  const cotangents = primitive.backward!(outputCotangents, inputs, outputs, params, needed);
  if (isDebugNans()) checkBackward(primitive.name, inputs, cotangents);
  return cotangents;
}
