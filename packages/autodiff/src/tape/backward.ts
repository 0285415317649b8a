/**
 * The reverse sweep: walk a tape backwards, turning output cotangents into
 * input cotangents record by record.
 *
 * @module
 */
import type { Tensor } from '../tensor/tensor.js';
import { runBackward } from './primitive.js';
import type { Tape } from './tape.js';

/**
 * Propagate cotangents from some tracked outputs back to every tracked tensor
 * of the tape.
 *
 * Cotangents are stored in a flat array indexed by tensor id. A cotangent
 * received once is kept as is (it may be shared with the producing rule);
 * it is copied only when a second contribution has to be added to it.
 * Cotangents of a record's outputs are released as soon as the record is
 * processed, so memory peaks at about one layer of cotangents.
 *
 * @param seeds - one cotangent per output (same size as the output).
 * @param keep - ids whose cotangents must survive the sweep (the inputs).
 * @returns the cotangent of each kept id (undefined when it got none).
 * @internal
 * @example
 * ```ts
 * const { tape, result } = record((x: Tensor) => sum(mul(x, x)), [tensor([1, 2])], [0], 'grad');
 * backpropagate(tape, [result as Tensor], [Float64Array.of(1)], [0]); // [Float64Array [2, 4]]
 * ```
 */
export function backpropagate(
  tape: Tape,
  outputs: readonly Tensor[],
  seeds: readonly Float64Array[],
  keep: readonly number[],
): (Float64Array | undefined)[] {
  const table = new CotangentTable(tape.nextId, keep);
  for (let k = 0; k < outputs.length; k++) {
    const output = outputs[k]!;
    if (output._tape === tape) table.add(output._id, seeds[k]!);
  }
  const records = tape.records;
  for (let r = records.length - 1; r >= 0; r--) {
    const record = records[r]!;
    const outputCotangents = table.takeOutputs(record.outputs);
    if (outputCotangents === null) continue;
    const inputs = record.inputs;
    const needed = new Array<boolean>(inputs.length);
    for (let i = 0; i < inputs.length; i++) needed[i] = inputs[i]!._tape === tape;
    const inputCotangents = runBackward(record.primitive, outputCotangents, inputs, record.outputs, record.params, needed);
    for (let i = 0; i < inputs.length; i++) {
      const cotangent = inputCotangents[i];
      if (needed[i] && cotangent) table.add(inputs[i]!._id, cotangent);
    }
  }
  return keep.map((id) => table.values[id]);
}

/** The cotangents of a sweep, indexed by tensor id. */
class CotangentTable {
  /** The cotangent of each id, undefined while it has none (or once released). */
  readonly values: (Float64Array | undefined)[];
  /** 1 where `values[id]` is a copy this sweep made, so may be added into. */
  private readonly owned: Uint8Array;
  /** 1 where the cotangent must survive the sweep. */
  private readonly kept: Uint8Array;

  constructor(size: number, keep: readonly number[]) {
    this.values = new Array<Float64Array | undefined>(size);
    this.owned = new Uint8Array(size);
    this.kept = new Uint8Array(size);
    for (const id of keep) this.kept[id] = 1;
  }

  /** Add a contribution to the cotangent of `id` (kept as is when it is the first). */
  add(id: number, value: Float64Array): void {
    const existing = this.values[id];
    if (existing === undefined) {
      this.values[id] = value;
      return;
    }
    let target = existing;
    if (this.owned[id] === 0) {
      target = existing.slice();
      this.values[id] = target;
      this.owned[id] = 1;
    }
    for (let i = 0; i < target.length; i++) target[i] = target[i]! + value[i]!;
  }

  /**
   * The cotangents of a record's outputs (null for an output that got none),
   * released unless kept; null when no output got any (the record does not
   * reach the result).
   */
  takeOutputs(outputs: readonly Tensor[]): (Float64Array | null)[] | null {
    if (outputs.length === 1) {
      const cotangent = this.take(outputs[0]!._id);
      return cotangent === undefined ? null : [cotangent];
    }
    let taken: (Float64Array | null)[] | null = null;
    for (let k = 0; k < outputs.length; k++) {
      const cotangent = this.take(outputs[k]!._id);
      if (cotangent === undefined) continue;
      taken ??= new Array<Float64Array | null>(outputs.length).fill(null);
      taken[k] = cotangent;
    }
    return taken;
  }

  /** The cotangent of `id`, released unless kept. */
  private take(id: number): Float64Array | undefined {
    const cotangent = this.values[id];
    if (cotangent !== undefined && this.kept[id] === 0) this.values[id] = undefined;
    return cotangent;
  }
}
