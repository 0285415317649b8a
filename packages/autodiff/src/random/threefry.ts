/**
 * The Threefry-2x32 block cipher with 20 rounds (Salmon et al., "Parallel
 * random numbers: as easy as 1, 2, 3", SC 2011; the `threefry2x32_20` of
 * Random123), the core of the counter-based generator of this module.
 *
 * Only 32-bit additions, rotations and xors are involved, each brought back
 * to an unsigned 32-bit word with `>>> 0`, so every JavaScript engine gives
 * the same words bit for bit.
 *
 * @module
 */

/** Rotation amounts of Threefry-2x32, cycled through every 8 rounds. */
const ROTATIONS = [13, 15, 26, 6, 17, 29, 16, 24] as const;

/** Skein key-schedule parity constant: the third key word is `k0 ^ k1 ^ parity`. */
const KEY_SCHEDULE_PARITY = 0x1bd11bda;

/**
 * Encrypt one counter block: the two output words for key `(k0, k1)` and
 * counter `(c0, c1)`, written at `out[offset]` and `out[offset + 1]`.
 *
 * Every argument is an unsigned 32-bit word (the caller's responsibility: the
 * hot loops of the samplers call this directly, so nothing is checked).
 *
 * @internal
 * @example
 * ```ts
 * const out = new Uint32Array(2);
 * threefry2x32Into(0, 0, 0, 0, out, 0); // out = [0x6b200159, 0x99ba4efe]
 * ```
 */
export function threefry2x32Into(k0: number, k1: number, c0: number, c1: number, out: Uint32Array, offset: number): void {
  const k2 = (k0 ^ k1 ^ KEY_SCHEDULE_PARITY) >>> 0;
  let x0 = (c0 + k0) >>> 0;
  let x1 = (c1 + k1) >>> 0;
  // 20 rounds = 5 groups of 4, with a key injection after each group.
  for (let group = 0; group < 5; group++) {
    const base = (group & 1) * 4;
    for (let r = 0; r < 4; r++) {
      const rotation = ROTATIONS[base + r]!;
      x0 = (x0 + x1) >>> 0;
      x1 = ((x1 << rotation) | (x1 >>> (32 - rotation))) >>> 0;
      x1 = (x1 ^ x0) >>> 0;
    }
    const injection = group + 1;
    const s = injection % 3;
    x0 = (x0 + (s === 0 ? k0 : s === 1 ? k1 : k2)) >>> 0;
    const t = (injection + 1) % 3;
    x1 = (x1 + (t === 0 ? k0 : t === 1 ? k1 : k2) + injection) >>> 0;
  }
  out[offset] = x0;
  out[offset + 1] = x1;
}

function checkWord(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new Error(`threefry2x32: ${name} must be an unsigned 32-bit integer, got ${value}`);
  }
}

/**
 * Threefry-2x32 (20 rounds) of one block: the two 32-bit output words for a
 * two-word key and a two-word counter.
 *
 * @param key - the key words `[k0, k1]`, unsigned 32-bit integers.
 * @param counter - the counter words `[c0, c1]`, unsigned 32-bit integers.
 * @throws Error naming the word that is not an unsigned 32-bit integer.
 * @example
 * ```ts
 * threefry2x32([0, 0], [0, 0]); // [0x6b200159, 0x99ba4efe]
 * ```
 */
export function threefry2x32(key: readonly [number, number], counter: readonly [number, number]): [number, number] {
  checkWord('key[0]', key[0]);
  checkWord('key[1]', key[1]);
  checkWord('counter[0]', counter[0]);
  checkWord('counter[1]', counter[1]);
  const out = new Uint32Array(2);
  threefry2x32Into(key[0], key[1], counter[0], counter[1], out, 0);
  return [out[0]!, out[1]!];
}
