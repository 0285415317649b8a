/**
 * Debug mode for non-finite values: stop at the first primitive whose forward
 * output or backward cotangent holds a NaN or an infinity, and say which
 * primitive, with which shapes, fed by which ops.
 *
 * Turn it on with `setDebugNans(true)` or the environment variable
 * `DIFFERT2D_DEBUG_NANS=1`.
 *
 * @module
 */
import { formatShape } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';

interface ProcessLike {
  env?: Record<string, string | undefined>;
}

function readEnvironment(): boolean {
  const process = (globalThis as { process?: ProcessLike }).process;
  const value = process?.env?.['DIFFERT2D_DEBUG_NANS'];
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

let debugNans = readEnvironment();

/**
 * Turn the non-finite check on or off; returns the previous setting.
 *
 * @example
 * ```ts
 * const previous = setDebugNans(true);
 * // ... sqrt(-1) now throws, naming the primitive
 * setDebugNans(previous);
 * ```
 */
export function setDebugNans(enabled: boolean): boolean {
  const previous = debugNans;
  debugNans = enabled;
  return previous;
}

/**
 * Whether the non-finite check is on.
 *
 * @example
 * ```ts
 * isDebugNans(); // false unless DIFFERT2D_DEBUG_NANS=1
 * ```
 */
export function isDebugNans(): boolean {
  return debugNans;
}

/** Index of the first non-finite value, or -1. */
function firstNonFinite(values: Float64Array): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v - v !== 0) return i;
  }
  return -1;
}

function describeInputs(inputs: readonly Tensor[]): string {
  return inputs
    .map((t, i) => `#${i} ${formatShape(t.shape)} from ${t._producer === undefined ? 'an input or constant' : `"${t._producer}"`}`)
    .join(', ');
}

/**
 * Throw when a forward output holds a non-finite value.
 *
 * @internal
 * @example
 * ```ts
 * checkForward('sqrt', [x], [tensor([NaN])]); // throws, naming "sqrt" and the index
 * ```
 */
export function checkForward(name: string, inputs: readonly Tensor[], outputs: readonly Tensor[]): void {
  for (let k = 0; k < outputs.length; k++) {
    const index = firstNonFinite(outputs[k]!.data);
    if (index >= 0) {
      throw new Error(
        `debug: primitive "${name}" produced ${outputs[k]!.data[index]} at index ${index} of output ${k} ` +
          `(shape ${formatShape(outputs[k]!.shape)}) in its forward pass; inputs: ${describeInputs(inputs)}`,
      );
    }
  }
}

/**
 * Throw when a backward cotangent holds a non-finite value.
 *
 * @internal
 * @example
 * ```ts
 * checkBackward('log', [x], [Float64Array.of(Infinity)]); // throws, naming "log" and input 0
 * ```
 */
export function checkBackward(name: string, inputs: readonly Tensor[], cotangents: readonly (Float64Array | null)[]): void {
  for (let k = 0; k < cotangents.length; k++) {
    const cotangent = cotangents[k];
    if (!cotangent) continue;
    const index = firstNonFinite(cotangent);
    if (index >= 0) {
      throw new Error(
        `debug: backward rule of primitive "${name}" produced ${cotangent[index]} at index ${index} of the cotangent ` +
          `of input ${k}; inputs: ${describeInputs(inputs)}`,
      );
    }
  }
}
