import { asTensor, type TensorLike } from '../../tensor/create.js';
import { stridedIndex } from '../../tensor/indexMap.js';
import { formatShape, stridesOf } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { definePrimitive } from '../../tape/primitive.js';

/**
 * The slice of one axis, as Python's `start:stop:step`: `[start]`,
 * `[start, stop]` or `[start, stop, step]`. Omitted, `null` or `undefined`
 * parts take their defaults (the whole axis, step 1); negative `start` /
 * `stop` count from the end, out-of-range ones are clamped, and a negative
 * `step` walks backwards.
 */
export type AxisSlice = readonly [start?: number | null, stop?: number | null, step?: number | null];

/** Per-axis slices, outermost axis first; `null`/`undefined` or a missing entry keeps the whole axis. */
export type SliceSpec = readonly (AxisSlice | null | undefined)[];

/** For each output element, the row-major index of the input element it copies. */
interface Gather {
  readonly source: Int32Array;
  readonly outShape: number[];
}

const slicePrimitive = definePrimitive<Gather>({
  name: 'slice',
  forward([x], { source, outShape }) {
    const data = x!.data;
    const out = new Float64Array(source.length);
    for (let i = 0; i < out.length; i++) out[i] = data[source[i]!]!;
    return new Tensor(out, outShape);
  },
  // A slice never reads an element twice, so the scatter is a plain store.
  backward([g], [x], _outputs, { source }) {
    const gx = new Float64Array(x!.size);
    for (let i = 0; i < source.length; i++) gx[source[i]!] = g![i]!;
    return [gx];
  },
});

/** Python's `slice.indices`: first index, step and number of elements taken. */
function resolveAxisSlice(axis: number, length: number, spec: AxisSlice | null | undefined): [number, number, number] {
  const step = spec?.[2] ?? 1;
  if (!Number.isInteger(step) || step === 0) throw new Error(`slice: step must be a non-zero integer, got ${step} for axis ${axis}`);
  const startGiven = spec?.[0] ?? null;
  const stopGiven = spec?.[1] ?? null;
  for (const bound of [startGiven, stopGiven]) {
    if (bound !== null && !Number.isInteger(bound)) throw new Error(`slice: bounds must be integers, got ${bound} for axis ${axis}`);
  }
  const clamp = (bound: number, low: number, high: number): number => {
    const b = bound < 0 ? bound + length : bound;
    return b < low ? low : b > high ? high : b;
  };
  let start: number;
  let stop: number;
  if (step > 0) {
    start = startGiven === null ? 0 : clamp(startGiven, 0, length);
    stop = stopGiven === null ? length : clamp(stopGiven, 0, length);
  } else {
    start = startGiven === null ? length - 1 : clamp(startGiven, -1, length - 1);
    stop = stopGiven === null ? -1 : clamp(stopGiven, -1, length - 1);
  }
  const count = step > 0 ? Math.max(0, Math.ceil((stop - start) / step)) : Math.max(0, Math.ceil((start - stop) / -step));
  return [start, step, count];
}

/**
 * A strided window of `x`, one Python-style `start:stop:step` per axis
 * (axes not listed are kept whole). The axes are kept, even of length 1 or
 * 0; use `take` with a number to drop one.
 *
 * @param spec - per-axis `[start, stop?, step?]`, or `null` for the whole axis.
 * @throws Error naming the shape when more slices than axes are given, or a
 *   step is zero or a bound not an integer.
 * @example
 * ```ts
 * const x = [[1, 2, 3], [4, 5, 6]];
 * slice(x, [[0, 1], [1]]).toArray(); // [[2, 3]]        (x[0:1, 1:])
 * slice(x, [null, [null, null, -1]]).toArray(); // [[3, 2, 1], [6, 5, 4]]  (x[:, ::-1])
 * slice(x, [[-1]]).toArray(); // [[4, 5, 6]]            (x[-1:])
 * ```
 */
export function slice(x: TensorLike, spec: SliceSpec): Tensor {
  const t = asTensor(x, 'slice');
  if (spec.length > t.ndim) {
    throw new Error(`slice: ${spec.length} axis slices given for a tensor of shape ${formatShape(t.shape)}`);
  }
  const ndim = t.ndim;
  const strides = stridesOf(t.shape);
  const steps = new Array<number>(ndim);
  const outShape = new Array<number>(ndim);
  let offset = 0;
  for (let axis = 0; axis < ndim; axis++) {
    const [start, step, count] = resolveAxisSlice(axis, t.shape[axis]!, spec[axis]);
    steps[axis] = step * strides[axis]!;
    outShape[axis] = count;
    offset += start * strides[axis]!;
  }
  const source = stridedIndex(outShape, steps, offset);
  return slicePrimitive.apply([t], { source, outShape }) as Tensor;
}
