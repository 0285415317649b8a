import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { choice, foldIn, key, normal, permutation, PRNGKey, randint, split, threefry2x32, uniform } from '../src/random/index.js';
import { tensor } from '../src/tensor/create.js';

const mean = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: Float64Array) => {
  const m = mean(xs);
  return xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length;
};

describe('threefry2x32', () => {
  // Known-answer tests of threefry2x32_20 from Random123 (kat_vectors).
  it.each([
    [[0, 0], [0, 0], [0x6b200159, 0x99ba4efe]],
    [[0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], [0x1cb996fc, 0xbb002be7]],
    [[0x13198a2e, 0x03707344], [0x243f6a88, 0x85a308d3], [0xc4923a9c, 0x483df7a0]],
  ] as const)('key %j counter %j', (k, counter, expected) => {
    expect(threefry2x32(k, counter)).toEqual(expected);
  });
  it('rejects words that are not unsigned 32-bit integers', () => {
    expect(() => threefry2x32([-1, 0], [0, 0])).toThrow(/threefry2x32: key\[0\].*-1/);
    expect(() => threefry2x32([0, 0], [0, 2 ** 32])).toThrow(/counter\[1\]/);
  });
});

describe('keys', () => {
  it('reads the seed as a 64-bit integer', () => {
    expect(key(0).words).toEqual([0, 0]);
    expect(key(42).words).toEqual([0, 42]);
    expect(key(-1).words).toEqual([0xffffffff, 0xffffffff]);
    expect(key(2 ** 32 + 5).words).toEqual([1, 5]);
    expect(key(0).toString()).toBe('PRNGKey(0x00000000, 0x00000000)');
  });
  it('rejects bad seeds, naming the function and the value', () => {
    expect(() => key(1.5)).toThrow('key: seed must be an integer between -(2^53 - 1) and 2^53 - 1, got 1.5');
    expect(() => key(Number.NaN)).toThrow(/key: .*NaN/);
    expect(() => key(2 ** 53)).toThrow(/key: .*9007199254740992/);
  });
  it('rejects key words that are not unsigned 32-bit integers', () => {
    expect(new PRNGKey(0, 0xffffffff).words).toEqual([0, 0xffffffff]);
    expect(() => new PRNGKey(-1, 0)).toThrow('PRNGKey: key words must be unsigned 32-bit integers, got (-1, 0)');
    expect(() => new PRNGKey(0, 2 ** 32)).toThrow('PRNGKey: key words must be unsigned 32-bit integers, got (0, 4294967296)');
    expect(() => new PRNGKey(0.5, 0)).toThrow(/PRNGKey: .*\(0\.5, 0\)/);
  });
  it('is immutable', () => {
    const k = key(3);
    expect(Object.isFrozen(k)).toBe(true);
    expect(() => {
      (k.words as unknown as number[])[0] = 1;
    }).toThrow();
  });
  it('splits into the encryptions of the counters (j, 1)', () => {
    // Values from an independent (Python) implementation of threefry2x32_20.
    const [a, b] = split(key(0));
    expect(a.words).toEqual([0x375f238f, 0xcddb151d]);
    expect(b.words).toEqual([0x9375d35f, 0x37c5fa2c]);
    expect(a.words).toEqual(threefry2x32([0, 0], [0, 1]));
    const five = split(key(0), 5).map((k) => k.toString());
    expect(new Set(five).size).toBe(5);
    expect(five.slice(0, 2)).toEqual([a.toString(), b.toString()]);
    expect(split(key(0), 0)).toEqual([]);
  });
  it('gives independent streams to different sub-keys', () => {
    const keys = split(key(7), 4);
    const streams = keys.map((k) => Array.from(uniform(k, [8]).data));
    for (let i = 0; i < streams.length; i++) {
      for (let j = i + 1; j < streams.length; j++) {
        // No shared values at all (a repeat of a 53-bit value is a ~2^-47 event).
        expect(streams[i]!.filter((v) => streams[j]!.includes(v))).toEqual([]);
      }
    }
    // Sub-keys differ from the parent stream as well.
    const parent = Array.from(uniform(key(7), [8]).data);
    for (const s of streams) expect(s.filter((v) => parent.includes(v))).toEqual([]);
    // Successive sub-keys are not correlated (loose bound over 2e4 pairs).
    const [k1, k2] = split(key(11));
    const x = uniform(k1, [20000]).data;
    const y = uniform(k2, [20000]).data;
    let cov = 0;
    for (let i = 0; i < x.length; i++) cov += (x[i]! - 0.5) * (y[i]! - 0.5);
    expect(Math.abs(cov / x.length / (1 / 12))).toBeLessThan(0.05);
  });
  it('foldIn is deterministic and data-dependent', () => {
    expect(foldIn(key(1), 3).words).toEqual(foldIn(key(1), 3).words);
    expect(foldIn(key(1), 3).words).not.toEqual(foldIn(key(1), 4).words);
    expect(foldIn(key(0), 0).words).toEqual(threefry2x32([0, 0], [0, 2]));
    expect(() => foldIn(key(0), -1)).toThrow(/foldIn: .*-1/);
  });
  it('samplers reject something that is not a key', () => {
    expect(() => uniform([0, 0] as unknown as PRNGKey, [2])).toThrow('uniform: expected a PRNGKey (from key(), split() or foldIn()), got an array');
    expect(() => split(0 as unknown as PRNGKey)).toThrow(/split: expected a PRNGKey/);
    expect(() => split(key(0), 1.5)).toThrow(/split: n must be .* got 1.5/);
  });
});

describe('uniform', () => {
  it('reproduces fixed values for a fixed seed', () => {
    // The first block of key (0, 0) is the first Random123 known answer,
    // (0x6b200159, 0x99ba4efe): 27 high bits of one word, 26 of the other.
    const first = ((0x6b200159 >>> 5) * 2 ** 26 + (0x99ba4efe >>> 6)) / 2 ** 53;
    const u = uniform(key(0), [3]);
    expect(u.shape).toEqual([3]);
    expect(u.data[0]).toBe(first);
    // Recorded after checking against an independent Python threefry2x32_20.
    expect(Array.from(u.data)).toEqual([0.41845711022987275, 0.3146817218764961, 0.39316028345159515]);
    expect(Array.from(uniform(key(42), [3]).data)).toEqual([0.42672756361231334, 0.10015824296670306, 0.19643803754070277]);
  });
  it('extends a smaller draw when the shape grows, and ignores the shape layout', () => {
    const small = uniform(key(5), [4]).data;
    const large = uniform(key(5), [2, 5]);
    expect(large.shape).toEqual([2, 5]);
    expect(Array.from(large.data.subarray(0, 4))).toEqual(Array.from(small));
    expect(uniform(key(5), []).shape).toEqual([]);
    expect(uniform(key(5), [0, 3]).size).toBe(0);
  });
  it('stays in range with mean ~ 1/2 and variance ~ 1/12 over 1e5 samples', () => {
    const xs = uniform(key(123), [100000]).data;
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(Math.abs(mean(xs) - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(variance(xs) - 1 / 12)).toBeLessThan(0.002);
    // Each tenth of the interval gets about a tenth of the samples.
    const bins = new Array<number>(10).fill(0);
    for (const x of xs) bins[Math.floor(x * 10)]!++;
    for (const b of bins) expect(Math.abs(b - 10000)).toBeLessThan(500);
  });
  it('stays in [minval, maxval) for any bounds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-12, max: 1e6, noNaN: true }),
        (seed, minval, width) => {
          const maxval = minval + width;
          fc.pre(minval < maxval);
          const xs = uniform(key(seed), [50], { minval, maxval }).data;
          return xs.every((x) => x >= minval && x < maxval);
        },
      ),
      { numRuns: 200 },
    );
  });
  it('validates its arguments', () => {
    expect(() => uniform(key(0), [2], { minval: 1, maxval: 1 })).toThrow('uniform: need finite minval < maxval with a finite difference, got minval = 1, maxval = 1');
    expect(() => uniform(key(0), [2], { minval: 0, maxval: Infinity })).toThrow(/uniform: .*maxval = Infinity/);
    expect(() => uniform(key(0), [2.5])).toThrow('uniform: invalid shape [2.5]: axis 0 has length 2.5');
    expect(() => uniform(key(0), [-1])).toThrow(/uniform: invalid shape \[-1\]/);
    expect(() => uniform(key(0), 3 as unknown as number[])).toThrow(/uniform: shape must be an array .* the number 3/);
  });
});

describe('normal', () => {
  it('has mean ~ mean and std ~ std', () => {
    const xs = normal(key(1), [100000], { mean: 3, std: 2 }).data;
    expect(Math.abs(mean(xs) - 3)).toBeLessThan(0.03);
    expect(Math.abs(Math.sqrt(variance(xs)) - 2)).toBeLessThan(0.03);
    // About 68.3% within one standard deviation.
    const within = xs.filter((x) => Math.abs(x - 3) < 2).length / xs.length;
    expect(Math.abs(within - 0.6827)).toBeLessThan(0.01);
  });
  it('is reproducible and handles odd sizes', () => {
    const a = normal(key(9), [5]);
    expect(Array.from(a.data)).toEqual(Array.from(normal(key(9), [2, 3]).data.subarray(0, 5)));
    expect(a.data.every(Number.isFinite)).toBe(true);
    expect(Array.from(normal(key(9), [3], { mean: 1, std: 0 }).data)).toEqual([1, 1, 1]);
  });
  it('validates its arguments', () => {
    expect(() => normal(key(0), [2], { std: -1 })).toThrow('normal: std must be finite and non-negative, got -1');
    expect(() => normal(key(0), [2], { mean: Number.NaN })).toThrow('normal: mean must be finite, got NaN');
  });
});

describe('randint', () => {
  it('draws every integer of [minval, maxval) and nothing else', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 20 }), (seed, minval, width) => {
        const xs = randint(key(seed), [400], minval, minval + width).data;
        const seen = new Set(xs);
        for (const x of xs) if (!Number.isInteger(x) || x < minval || x >= minval + width) return false;
        return seen.size === width; // 400 draws hit all of <= 20 values but with ~1e-9 chance
      }),
      { numRuns: 100 },
    );
  });
  it('is unbiased enough on a range that does not divide 2^32', () => {
    const xs = randint(key(2), [60000], 0, 3).data;
    const counts = [0, 0, 0];
    for (const x of xs) counts[x]!++;
    for (const c of counts) expect(Math.abs(c - 20000)).toBeLessThan(600);
  });
  it('rejects the draws that would bias a range close to 2^32', () => {
    // range = 3 * 2^30: reducing every 32-bit word modulo the range would put
    // half of the values below 2^30 instead of a third.
    const xs = randint(key(12), [6000], 0, 3 * 2 ** 30).data;
    const low = xs.filter((x) => x < 2 ** 30).length / xs.length;
    expect(Math.abs(low - 1 / 3)).toBeLessThan(0.03);
  });
  it('handles ranges wider than 2^32', () => {
    const xs = randint(key(3), [1000], 0, 2 ** 40).data;
    expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 40)).toBe(true);
    expect(Math.max(...xs)).toBeGreaterThan(2 ** 39);
  });
  it('validates its arguments', () => {
    expect(() => randint(key(0), [2], 5, 5)).toThrow('randint: need minval < maxval, got minval = 5, maxval = 5');
    expect(() => randint(key(0), [2], 0, 1.5)).toThrow('randint: minval and maxval must be safe integers, got minval = 0, maxval = 1.5');
  });
});

describe('permutation', () => {
  it('is a permutation of 0..n-1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: 200 }), (seed, n) => {
        const p = Array.from(permutation(key(seed), n).data);
        return p.length === n && [...p].sort((a, b) => a - b).every((v, i) => v === i);
      }),
      { numRuns: 200 },
    );
  });
  it('shuffles the rows of a tensor', () => {
    const rows = [[1, 2], [3, 4], [5, 6], [7, 8]];
    const shuffled = permutation(key(4), tensor(rows));
    expect(shuffled.shape).toEqual([4, 2]);
    const got = shuffled.toArray() as number[][];
    expect([...got].sort((a, b) => a[0]! - b[0]!)).toEqual(rows);
  });
  it('puts each item in each place about equally often', () => {
    const counts = Array.from({ length: 4 }, () => new Array<number>(4).fill(0));
    const keys = split(key(8), 8000);
    for (const k of keys) {
      const p = permutation(k, 4).data;
      for (let place = 0; place < 4; place++) counts[p[place]!]![place]!++;
    }
    for (const row of counts) for (const c of row) expect(Math.abs(c - 2000)).toBeLessThan(200);
  });
  it('validates its arguments', () => {
    expect(() => permutation(key(0), -2)).toThrow('permutation: a count must be a non-negative integer below 2^32, got -2');
    expect(() => permutation(key(0), tensor(3))).toThrow(/permutation: .*0-d tensor/);
  });
});

describe('choice', () => {
  it('draws distinct values without replacement', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 1, max: 60 }), fc.nat(60), (seed, n, k) => {
        fc.pre(k <= n);
        const xs = Array.from(choice(key(seed), n, [k], { replace: false }).data);
        return xs.length === k && new Set(xs).size === k && xs.every((x) => Number.isInteger(x) && x >= 0 && x < n);
      }),
      { numRuns: 200 },
    );
  });
  it('draws distinct rows without replacement with weights, never a zero-weight one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const p = [0.1, 0, 0.2, 0.3, 0, 0.4];
        const xs = Array.from(choice(key(seed), tensor([10, 11, 12, 13, 14, 15]), [4], { replace: false, p }).data);
        return new Set(xs).size === 4 && !xs.includes(11) && !xs.includes(14);
      }),
      { numRuns: 100 },
    );
  });
  it('follows the weights with replacement', () => {
    const xs = choice(key(5), 3, [30000], { p: [0.2, 0, 0.8] }).data;
    const counts = [0, 0, 0];
    for (const x of xs) counts[x]!++;
    expect(counts[1]).toBe(0);
    expect(Math.abs(counts[0]! / 30000 - 0.2)).toBeLessThan(0.01);
  });
  it('draws the heaviest item first more often without replacement', () => {
    let heavyFirst = 0;
    for (const k of split(key(6), 4000)) if (choice(k, 2, [2], { replace: false, p: [0.25, 0.75] }).data[0] === 1) heavyFirst++;
    expect(Math.abs(heavyFirst / 4000 - 0.75)).toBeLessThan(0.03);
  });
  it('gives the shape [...shape, ...itemShape]', () => {
    expect(choice(key(0), 5).shape).toEqual([]);
    expect(choice(key(0), [[1, 2], [3, 4], [5, 6]], [2, 2]).shape).toEqual([2, 2, 2]);
    expect(choice(key(0), 4, [3]).data.every((x) => x >= 0 && x < 4)).toBe(true);
  });
  it('validates its arguments', () => {
    expect(() => choice(key(0), 3, [4], { replace: false })).toThrow('choice: cannot draw 4 values without replacement from 3 item(s)');
    expect(() => choice(key(0), 3, [2], { p: [0.5, 0.25, 0.125] })).toThrow('choice: p must sum to 1, got a sum of 0.875');
    expect(() => choice(key(0), 3, [2], { p: [0.5, 0.5] })).toThrow('choice: p must have shape [3] (one probability per item), got [2]');
    expect(() => choice(key(0), 2, [2], { p: [1.5, -0.5] })).toThrow('choice: p must be finite and non-negative, got p[1] = -0.5');
    expect(() => choice(key(0), 3, [3], { replace: false, p: [0.5, 0.5, 0] })).toThrow(
      'choice: cannot draw 3 values without replacement from 2 item(s) with non-zero probability',
    );
    expect(() => choice(key(0), 0, [1])).toThrow('choice: cannot draw 1 value(s) from an empty population');
  });
});
