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
 */
export function backpropagate(
  tape: Tape,
  outputs: readonly Tensor[],
  seeds: readonly Float64Array[],
  keep: readonly number[],
): (Float64Array | undefined)[] {
  const cotangents = new Array<Float64Array | undefined>(tape.nextId);
  const owned = new Uint8Array(tape.nextId);
  const kept = new Uint8Array(tape.nextId);
  for (const id of keep) kept[id] = 1;
  const accumulate = (id: number, value: Float64Array): void => {
    const existing = cotangents[id];
    if (existing === undefined) {
      cotangents[id] = value;
      return;
    }
    let target = existing;
    if (owned[id] === 0) {
      target = existing.slice();
      cotangents[id] = target;
      owned[id] = 1;
    }
    for (let i = 0; i < target.length; i++) target[i] = target[i]! + value[i]!;
  };
  for (let k = 0; k < outputs.length; k++) {
    const output = outputs[k]!;
    if (output._tape === tape) accumulate(output._id, seeds[k]!);
  }
  const records = tape.records;
  for (let r = records.length - 1; r >= 0; r--) {
    const record = records[r]!;
    const recordOutputs = record.outputs;
    let any = false;
    const outputCotangents = new Array<Float64Array | null>(recordOutputs.length);
    for (let k = 0; k < recordOutputs.length; k++) {
      const id = recordOutputs[k]!._id;
      const cotangent = cotangents[id];
      outputCotangents[k] = cotangent ?? null;
      if (cotangent !== undefined) {
        any = true;
        if (kept[id] === 0) cotangents[id] = undefined;
      }
    }
    if (!any) continue;
    const inputs = record.inputs;
    const needed = new Array<boolean>(inputs.length);
    for (let i = 0; i < inputs.length; i++) needed[i] = inputs[i]!._tape === tape;
    const inputCotangents = runBackward(record.primitive, outputCotangents, inputs, recordOutputs, record.params, needed);
    for (let i = 0; i < inputs.length; i++) {
      const cotangent = inputCotangents[i];
      if (needed[i] && cotangent) accumulate(inputs[i]!._id, cotangent);
    }
  }
  return keep.map((id) => cotangents[id]);
}
