/**
 * Reverse-mode differentiation: `vjp`, `grad` and `valueAndGrad`.
 *
 * A function is run once with a fresh tape recording; its output cotangent is
 * then swept backwards through the records. Arguments and results may be
 * trees (nested arrays / objects) of tensors, numbers and number arrays; a
 * gradient has the same structure and leaf forms as its argument.
 *
 * @module
 */
import { formatShape } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { backpropagate } from '../tape/backward.js';
import { Tape, withTape } from '../tape/tape.js';
import { flatten, FlattenedTree, type FlatTree, type Tree } from './tree.js';

/** Which arguments to differentiate: one index, or several. */
export type Argnums = number | readonly number[];

/** The gradients of the arguments at indices `N`: each has its argument's type. */
export type GradientsOf<Args extends unknown[], N extends readonly number[]> = { -readonly [K in keyof N]: Args[N[K] & number] };

/** Options of `grad` and `valueAndGrad`. */
export interface GradOptions {
  /** Index (or indices) of the arguments to differentiate; default 0. */
  argnums?: Argnums;
  /** The function returns `[value, aux]`; `aux` is passed through, not differentiated. */
  hasAux?: boolean;
}

/** The recording of one function evaluation, ready for backward sweeps. */
export interface Recording {
  /** The tape holding the records. */
  readonly tape: Tape;
  /** Flattened differentiated arguments, in argnums order. */
  readonly inputs: readonly FlatTree[];
  /** Tracked copies of the input leaves, per differentiated argument. */
  readonly trackedInputs: readonly Tensor[][];
  /** What the function returned. */
  readonly result: unknown;
}

/**
 * Run `f` on `args` with a tape recording, differentiating the arguments at
 * `argnums`. Their leaves are replaced by tracked tensors sharing their data
 * (the caller's objects are never modified).
 *
 * @internal
 * @example
 * ```ts
 * const recording = record((x: Tensor) => sum(mul(x, x)), [tensor([1, 2])], [0], 'grad');
 * recording.tape.records.length; // 2 (mul, sum)
 * ```
 */
export function record(f: (...args: never[]) => unknown, args: readonly unknown[], argnums: readonly number[], op: string): Recording {
  for (const index of argnums) {
    if (!Number.isInteger(index) || index < 0 || index >= args.length) {
      throw new Error(`${op}: argnums ${index} is out of range for a call with ${args.length} argument(s)`);
    }
  }
  const tape = new Tape();
  const callArgs = args.slice();
  const inputs: FlatTree[] = [];
  const trackedInputs: Tensor[][] = [];
  for (const index of argnums) {
    const flat = new FlattenedTree(args[index] as Tree, `${op}: argument ${index}`);
    const tracked = flat.leaves.map((leaf) => {
      const copy = new Tensor(leaf.data, leaf.shape);
      tape.track(copy);
      return copy;
    });
    callArgs[index] = flat.unflattenTensors(tracked);
    inputs.push(flat);
    trackedInputs.push(tracked);
  }
  try {
    const result = withTape(tape, () => (f as (...a: unknown[]) => unknown)(...callArgs));
    return { tape, inputs, trackedInputs, result };
  } finally {
    tape.live = false;
  }
}

/**
 * Sweep cotangents of some output tensors back to the recorded inputs and
 * rebuild one gradient tree per differentiated argument.
 *
 * @internal
 * @example
 * ```ts
 * const recording = record((x: Tensor) => sum(mul(x, x)), [tensor([1, 2])], [0], 'grad');
 * pullback(recording, [recording.result as Tensor], [Float64Array.of(1)]); // [Tensor [2, 4]]
 * ```
 */
export function pullback(recording: Recording, outputs: readonly Tensor[], seeds: readonly Float64Array[]): Tree[] {
  const ids: number[] = [];
  for (const tracked of recording.trackedInputs) for (const t of tracked) ids.push(t._id);
  const cotangents = backpropagate(recording.tape, outputs, seeds, ids);
  let next = 0;
  return recording.inputs.map((flat, a) =>
    flat.unflatten(
      recording.trackedInputs[a]!.map((t) => {
        const cotangent = cotangents[next++];
        return new Tensor(cotangent === undefined ? new Float64Array(t.size) : cotangent.slice(), t.shape);
      }),
    ),
  );
}

function argnumList(argnums: Argnums | undefined): readonly number[] {
  if (argnums === undefined) return [0];
  return typeof argnums === 'number' ? [argnums] : argnums;
}

function scalarOutput(value: unknown, op: string): Tensor {
  const t = typeof value === 'number' ? new Tensor(Float64Array.of(value), []) : value;
  if (!(t instanceof Tensor)) throw new Error(`${op}: the function must return a scalar tensor or a number, got ${typeof value}`);
  if (t.size !== 1) throw new Error(`${op}: the function must return a scalar (size-1) tensor, got shape ${formatShape(t.shape)}`);
  return t;
}

/**
 * The value of a scalar function and its gradient with respect to some of its
 * arguments.
 *
 * @returns a function giving `[value, gradient]` (gradient: one tree, or a
 *   tuple of trees when `argnums` is an array); with `hasAux`, `[[value, aux], gradient]`.
 * @example
 * ```ts
 * const f = (x: Tensor) => sum(square(x));
 * const [value, g] = valueAndGrad(f)(tensor([1, 2]));
 * value.item(); // 5
 * g.toArray(); // [2, 4]
 * ```
 */
export function valueAndGrad<Args extends unknown[]>(
  f: (...args: Args) => unknown,
  options?: { argnums?: 0; hasAux?: false },
): (...args: Args) => [Tensor, Args[0]];
export function valueAndGrad<Args extends unknown[], const N extends number>(
  f: (...args: Args) => unknown,
  options: { argnums: N; hasAux?: false },
): (...args: Args) => [Tensor, Args[N]];
export function valueAndGrad<Args extends unknown[], const N extends readonly number[]>(
  f: (...args: Args) => unknown,
  options: { argnums: N; hasAux?: false },
): (...args: Args) => [Tensor, GradientsOf<Args, N>];
export function valueAndGrad<Args extends unknown[]>(f: (...args: Args) => unknown, options: GradOptions): (...args: Args) => [any, any];
export function valueAndGrad<Args extends unknown[]>(f: (...args: Args) => unknown, options: GradOptions = {}): (...args: Args) => [any, any] {
  const argnums = argnumList(options.argnums);
  const many = Array.isArray(options.argnums);
  const op = 'valueAndGrad';
  return (...args: Args) => {
    const recording = record(f as (...a: never[]) => unknown, args, argnums, op);
    let valueResult = recording.result;
    let aux: unknown;
    if (options.hasAux) {
      if (!Array.isArray(recording.result) || recording.result.length !== 2) {
        throw new Error(`${op}: with hasAux, the function must return [value, aux]`);
      }
      [valueResult, aux] = recording.result as [unknown, unknown];
    }
    const value = scalarOutput(valueResult, op);
    const grads = pullback(recording, [value], [Float64Array.of(1)]);
    const plainValue = value._tape === null ? value : new Tensor(value.data, value.shape);
    const gradient = many ? grads : grads[0];
    return options.hasAux ? [[plainValue, aux], gradient] : [plainValue, gradient];
  };
}

/**
 * The gradient of a scalar function with respect to some of its arguments.
 * Each gradient has the structure and leaf forms of its argument (a number
 * gives a number, a nested array a nested array, a Tensor a Tensor).
 *
 * @example
 * ```ts
 * const f = (x: Tensor, y: Tensor) => sum(mul(x, y));
 * grad(f, { argnums: [0, 1] })(tensor([1, 2]), tensor([3, 4])); // [[3, 4], [1, 2]] as tensors
 * grad((p: number[]) => sum(square(p)))([3, 4]); // [6, 8]
 * ```
 */
export function grad<Args extends unknown[]>(f: (...args: Args) => unknown, options?: { argnums?: 0; hasAux?: false }): (...args: Args) => Args[0];
export function grad<Args extends unknown[], const N extends number>(
  f: (...args: Args) => unknown,
  options: { argnums: N; hasAux?: false },
): (...args: Args) => Args[N];
export function grad<Args extends unknown[], const N extends readonly number[]>(
  f: (...args: Args) => unknown,
  options: { argnums: N; hasAux?: false },
): (...args: Args) => GradientsOf<Args, N>;
export function grad<Args extends unknown[]>(f: (...args: Args) => unknown, options: GradOptions): (...args: Args) => any;
export function grad<Args extends unknown[]>(f: (...args: Args) => unknown, options: GradOptions = {}): (...args: Args) => any {
  const inner = valueAndGrad(f, options);
  return (...args: Args) => {
    const [value, gradient] = inner(...args);
    return options.hasAux ? [gradient, (value as [unknown, unknown])[1]] : gradient;
  };
}

/**
 * Evaluate a function and return its vector-Jacobian product function.
 *
 * @returns `[output, vjpFn]`, where `vjpFn(cotangent)` takes a cotangent with
 *   the structure of the output and returns one gradient tree per argument.
 * @example
 * ```ts
 * const [y, back] = vjp((x: Tensor) => mul(x, 3), tensor([1, 2]));
 * back(tensor([1, 1])); // [Tensor [3, 3]]
 * ```
 */
export function vjp<Args extends unknown[]>(
  f: (...args: Args) => unknown,
  ...args: Args
): [any, (cotangent: Tree) => Tree[]] {
  const argnums = args.map((_, i) => i);
  const recording = record(f as (...a: never[]) => unknown, args, argnums, 'vjp');
  const outputTree = flatten(recording.result as Tree, 'vjp: output');
  const output = outputTree.unflatten(outputTree.leaves.map((t) => (t._tape === null ? t : new Tensor(t.data, t.shape))));
  const back = (cotangent: Tree): Tree[] => {
    const seeds = flatten(cotangent, 'vjp: cotangent').leaves;
    if (seeds.length !== outputTree.leaves.length) {
      throw new Error(`vjp: the cotangent has ${seeds.length} leaves but the output has ${outputTree.leaves.length}`);
    }
    seeds.forEach((seed, k) => {
      const out = outputTree.leaves[k]!;
      if (seed.size !== out.size) {
        throw new Error(`vjp: cotangent leaf ${k} has shape ${formatShape(seed.shape)}, output has ${formatShape(out.shape)}`);
      }
    });
    return pullback(recording, outputTree.leaves, seeds.map((s) => s.data));
  };
  return [output, back];
}
