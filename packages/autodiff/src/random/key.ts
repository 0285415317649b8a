/**
 * PRNG keys: immutable 64-bit Threefry keys, made from a seed and split into
 * independent keys, in the style of JAX's `jax.random`.
 *
 * Every random value is a pure function of a key (no hidden global state):
 * the same key always gives the same numbers, and the way to get new numbers
 * is to `split` a key and use each sub-key once.
 *
 * Counter layout (the second counter word separates the uses of a key, so
 * that they never encrypt the same block):
 * - `(i, 0)`: block `i` of the key's sample stream (what the samplers read);
 * - `(j, 1)`: sub-key `j` of `split`;
 * - `(data, 2)`: the key of `foldIn(key, data)`.
 *
 * @module
 */
import { threefry2x32Into } from './threefry.js';

/**
 * A PRNG key: the two 32-bit words of a Threefry-2x32 key. Immutable; make one
 * with `key(seed)` and derive others with `split` or `foldIn`.
 *
 * @example
 * ```ts
 * const k = key(42);
 * k.words; // [0, 42]
 * ```
 */
export class PRNGKey {
  /** The key words `[k0, k1]`, unsigned 32-bit integers. */
  readonly words: readonly [number, number];

  /**
   * @param k0 - first key word (unsigned 32-bit integer).
   * @param k1 - second key word (unsigned 32-bit integer).
   * @throws Error when a word is not an unsigned 32-bit integer.
   */
  constructor(k0: number, k1: number) {
    for (const word of [k0, k1]) {
      if (!Number.isInteger(word) || word < 0 || word > 0xffffffff) {
        throw new Error(`PRNGKey: key words must be unsigned 32-bit integers, got (${k0}, ${k1})`);
      }
    }
    this.words = Object.freeze([k0, k1] as [number, number]);
    Object.freeze(this);
  }

  /** Text form, e.g. `PRNGKey(0x00000000, 0x0000002a)`. */
  toString(): string {
    const hex = (w: number) => `0x${w.toString(16).padStart(8, '0')}`;
    return `PRNGKey(${hex(this.words[0])}, ${hex(this.words[1])})`;
  }
}

/** The largest seed magnitude: seeds are exact integers. */
const MAX_SEED = Number.MAX_SAFE_INTEGER;

/**
 * A PRNG key from an integer seed. The seed is read as a 64-bit two's
 * complement integer split into its high and low words (as `jax.random.key`
 * does), so `key(0)` is `(0, 0)` and `key(-1)` is `(0xffffffff, 0xffffffff)`.
 *
 * @param seed - a safe integer (|seed| <= 2^53 - 1).
 * @throws Error naming the seed when it is not a safe integer.
 * @example
 * ```ts
 * const k = key(0);
 * uniform(k, [2]); // two numbers in [0, 1), the same on every run
 * ```
 */
export function key(seed: number): PRNGKey {
  if (typeof seed !== 'number' || !Number.isInteger(seed) || Math.abs(seed) > MAX_SEED) {
    throw new Error(`key: seed must be an integer between -(2^53 - 1) and 2^53 - 1, got ${String(seed)}`);
  }
  // `>>> 0` reduces modulo 2^32, which for a negative high word gives the
  // two's complement word, exactly what a 64-bit seed would hold.
  return new PRNGKey(Math.floor(seed / 0x100000000) >>> 0, seed >>> 0);
}

/**
 * Check that a value is a PRNG key.
 *
 * @internal
 * @throws Error naming the function and what was given instead.
 * @example
 * ```ts
 * checkKey('uniform', key(0)); // ok
 * ```
 */
export function checkKey(op: string, k: unknown): asserts k is PRNGKey {
  if (!(k instanceof PRNGKey)) {
    const got = k === null ? 'null' : Array.isArray(k) ? 'an array' : typeof k;
    throw new Error(`${op}: expected a PRNGKey (from key(), split() or foldIn()), got ${got}`);
  }
}

/**
 * Split a key into `n` new, independent keys. Use each resulting key once,
 * and not the key that was split.
 *
 * @param n - how many keys (a non-negative integer below 2^32); default 2.
 * @throws Error naming the function and the value of a bad key or count.
 * @example
 * ```ts
 * const [k1, k2] = split(key(0));
 * const keys = split(key(0), 10); // 10 keys
 * ```
 */
export function split(k: PRNGKey, n?: 2): [PRNGKey, PRNGKey];
export function split(k: PRNGKey, n: number): PRNGKey[];
export function split(k: PRNGKey, n = 2): PRNGKey[] {
  checkKey('split', k);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new Error(`split: n must be a non-negative integer below 2^32, got ${n}`);
  }
  const [k0, k1] = k.words;
  const out = new Uint32Array(2);
  const keys = new Array<PRNGKey>(n);
  for (let j = 0; j < n; j++) {
    threefry2x32Into(k0, k1, j, 1, out, 0);
    keys[j] = new PRNGKey(out[0]!, out[1]!);
  }
  return keys;
}

/**
 * A new key from a key and an integer, e.g. a step or particle index: the
 * same key and data always give the same key, different data independent
 * keys.
 *
 * @param data - an unsigned 32-bit integer.
 * @throws Error naming the function and the value of bad data.
 * @example
 * ```ts
 * const stepKey = foldIn(key(0), 17);
 * ```
 */
export function foldIn(k: PRNGKey, data: number): PRNGKey {
  checkKey('foldIn', k);
  if (!Number.isInteger(data) || data < 0 || data > 0xffffffff) {
    throw new Error(`foldIn: data must be an unsigned 32-bit integer, got ${data}`);
  }
  const out = new Uint32Array(2);
  threefry2x32Into(k.words[0], k.words[1], data, 2, out, 0);
  return new PRNGKey(out[0]!, out[1]!);
}
