/**
 * The tape: the list of primitive applications recorded while a gradient is
 * being taken. Each record is plain data (primitive, inputs, outputs,
 * parameters), so a tape can be inspected, pruned or replayed.
 *
 * @module
 */
import type { Tensor } from '../tensor/tensor.js';
import type { Primitive } from './primitive.js';

/** One application of a primitive, as recorded on a tape. */
export interface TapeRecord {
  /** The primitive applied. */
  readonly primitive: Primitive<unknown>;
  /** Its inputs, in order. */
  readonly inputs: readonly Tensor[];
  /** Its outputs, in order. */
  readonly outputs: readonly Tensor[];
  /** The non-tensor parameters it was called with. */
  readonly params: unknown;
}

/**
 * A recording of primitive applications. Tensors recorded on it carry the
 * tape and their position (`_id`), so the backward pass can index cotangents
 * in a flat array.
 *
 * @example
 * ```ts
 * const tape = new Tape();
 * tape.records.length; // 0
 * ```
 */
export class Tape {
  /** The records, in the order they were applied. */
  readonly records: TapeRecord[] = [];
  /** Number of tensors tracked so far (the next id). */
  nextId = 0;
  /** Whether the tape is currently recording (false once its function returned). */
  live = true;

  /**
   * Mark a tensor as tracked by this tape (an input to differentiate, or a
   * recorded output) and give it an id.
   */
  track(t: Tensor): void {
    t._tape = this;
    t._id = this.nextId++;
  }
}

let activeTape: Tape | null = null;

/**
 * The tape currently recording, or null when no gradient is being taken.
 *
 * @example
 * ```ts
 * activeTapeOrNull(); // null outside grad()
 * ```
 */
export function activeTapeOrNull(): Tape | null {
  return activeTape;
}

/**
 * Run `fn` with `tape` recording, then restore the previous state.
 *
 * @example
 * ```ts
 * const tape = new Tape();
 * withTape(tape, () => 1); // 1
 * ```
 */
export function withTape<T>(tape: Tape | null, fn: () => T): T {
  const previous = activeTape;
  activeTape = tape;
  try {
    return fn();
  } finally {
    activeTape = previous;
  }
}

/**
 * Run `fn` without recording anything, even inside `grad`: what it returns
 * is a constant for the enclosing gradient.
 *
 * @example
 * ```ts
 * noGrad(() => mul(x, 2)); // not differentiated
 * ```
 */
export function noGrad<T>(fn: () => T): T {
  return withTape(null, fn);
}
