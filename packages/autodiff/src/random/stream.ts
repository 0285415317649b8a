/**
 * The sample stream of a key (the Threefry encryptions of the counters
 * `(0, 0), (1, 0), (2, 0)...`) read word by word, and the conversions every
 * sampler shares: 53-bit doubles in [0, 1) and unbiased integers below a
 * bound.
 *
 * @module
 */
import { checkShape, formatShape, shapeSize, type Shape } from '../tensor/shape.js';
import type { PRNGKey } from './key.js';
import { threefry2x32Into } from './threefry.js';

/** 2^-53: the spacing of 53-bit doubles in [0, 1). */
const TWO_POW_MINUS_53 = 1 / 9007199254740992;
const TWO_POW_26 = 67108864;
const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/**
 * The words of a key's sample stream, in order. Two words per block; the
 * block counter stays below 2^32, far beyond what any typed array can hold.
 *
 * @internal
 * @example
 * ```ts
 * const stream = new WordStream(key(0), 'uniform');
 * stream.nextDouble(); // in [0, 1)
 * ```
 */
export class WordStream {
  private readonly k0: number;
  private readonly k1: number;
  private readonly block = new Uint32Array(2);
  private nextBlock = 0;
  /** Index of the next unread word of `block` (2: the block is used up). */
  private position = 2;

  /**
   * @param k - the key whose stream to read.
   * @param op - the sampler reading it, quoted in errors.
   */
  constructor(
    k: PRNGKey,
    private readonly op: string,
  ) {
    this.k0 = k.words[0];
    this.k1 = k.words[1];
  }

  /** The next unsigned 32-bit word. */
  next(): number {
    if (this.position === 2) {
      if (this.nextBlock > 0xffffffff) throw new Error(`${this.op}: more than 2^33 random words asked of one key`);
      threefry2x32Into(this.k0, this.k1, this.nextBlock, 0, this.block, 0);
      this.nextBlock++;
      this.position = 0;
    }
    return this.block[this.position++]!;
  }

  /**
   * A double uniform in [0, 1) with 53 random bits: 27 high bits of one word
   * and 26 of the next (the `genrand_res53` construction), so every multiple
   * of 2^-53 in [0, 1) is equally likely.
   */
  nextDouble(): number {
    const high = this.next() >>> 5;
    const low = this.next() >>> 6;
    return (high * TWO_POW_26 + low) * TWO_POW_MINUS_53;
  }

  /**
   * An integer uniform in [0, range), for 1 <= range <= 2^53, without modulo
   * bias: draws above the largest multiple of `range` are rejected (less than
   * half of them in the worst case) and drawn again.
   */
  nextBelow(range: number): number {
    if (range <= TWO_POW_32) {
      const limit = TWO_POW_32 - (TWO_POW_32 % range);
      for (;;) {
        const word = this.next();
        if (word < limit) return word % range;
      }
    }
    // Wider ranges need 53 bits; `%` on doubles below 2^53 is exact.
    const limit = TWO_POW_53 - (TWO_POW_53 % range);
    for (;;) {
      const bits = (this.next() >>> 5) * TWO_POW_26 + (this.next() >>> 6);
      if (bits < limit) return bits % range;
    }
  }
}

/**
 * Check a sample shape: an array of non-negative integers.
 *
 * @internal
 * @throws Error naming the function and the shape.
 * @example
 * ```ts
 * sampleShape('uniform', [2, 3]); // [2, 3]
 * ```
 */
export function sampleShape(op: string, shape: unknown): number[] {
  if (!Array.isArray(shape)) {
    throw new Error(`${op}: shape must be an array of non-negative integers, got ${typeof shape === 'number' ? `the number ${shape} (write [${shape}])` : typeof shape}`);
  }
  checkShape(op, shape as Shape);
  const size = shapeSize(shape as Shape);
  if (size > 0xffffffff) throw new Error(`${op}: shape ${formatShape(shape as Shape)} has too many elements (${size})`);
  return [...(shape as number[])];
}
