import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grad, stack, tensor, type Tensor } from '@differt2d/autodiff';
import { countPathCandidates, pathCandidates, pathLength, powerToDb, receivedPower } from '../src/index.js';

/** Brute force: every sequence over the allowed objects, keeping those with no equal neighbours. */
function bruteForce(order: number, allowed: readonly number[]): number[][] {
  let sequences: number[][] = [[]];
  for (let k = 0; k < order; k++) sequences = sequences.flatMap((s) => allowed.map((i) => [...s, i]));
  return sequences.filter((s) => s.every((v, i) => i === 0 || v !== s[i - 1]));
}

describe('path candidates', () => {
  it('matches brute force, in lexicographic order, with its count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.integer(), (n, a, b, seed) => {
        const [minOrder, maxOrder] = a <= b ? [a, b] : [b, a];
        const allowed = Array.from({ length: n }, (_, i) => i).filter((i) => ((seed >> i) & 1) === 0);
        const expected: number[][] = [];
        for (let order = minOrder; order <= maxOrder; order++) expected.push(...bruteForce(order, allowed));
        const options = { minOrder, maxOrder, filter: allowed };
        expect([...pathCandidates(n, options)]).toEqual(expected);
        expect(countPathCandidates(n, options)).toBe(expected.length);
        expect([...pathCandidates(n, { minOrder, maxOrder, filter: (i) => allowed.includes(i) })]).toEqual(expected);
      }),
    );
  });
  it('defaults to orders 0 and 1; order sets both', () => {
    expect([...pathCandidates(2)]).toEqual([[], [0], [1]]);
    expect([...pathCandidates(3, { order: 2 })]).toEqual([[0, 1], [0, 2], [1, 0], [1, 2], [2, 0], [2, 1]]);
    expect(countPathCandidates(7, { maxOrder: 2 })).toBe(50);
  });
  it('counts huge sets without enumerating them', () => {
    expect(countPathCandidates(2000, { maxOrder: 3 })).toBe(1 + 2000 + 2000 * 1999 + 2000 * 1999 * 1999);
    const first = pathCandidates(2000, { order: 3 }).next().value;
    expect(first).toEqual([0, 1, 0]);
  });
  it('rejects bad options clearly', () => {
    expect(() => [...pathCandidates(3, { minOrder: 2, maxOrder: 1 })]).toThrow('minOrder (2) is greater than maxOrder (1)');
    expect(() => [...pathCandidates(3, { filter: [5] })]).toThrow('filter index 5 is out of range for 3 objects');
    expect(() => countPathCandidates(3, { order: -1 })).toThrow('order must be a non-negative integer, got -1');
  });
});

describe('path length and received power', () => {
  it('matches DiffeRT2d on the basic scene line of sight', () => {
    const points = [[0.1, 0.1], [0.302, 0.2147]];
    expect(receivedPower(points).item()).toBeCloseTo(15.634749732215791, 12);
    const g = grad((tx: Tensor) => receivedPower(stack([tx, tensor([0.302, 0.2147])])))(tensor([0.1, 0.1]));
    // DiffeRT2d, basic-scene.json: basic_tx_gradient_examples[0]
    expect(g.data[0]).toBeCloseTo(98.75594127236488, 9);
    expect(g.data[1]).toBeCloseTo(56.075774573961695, 9);
  });
  it('sums segment lengths over batched paths', () => {
    expect(pathLength([[[0, 0], [3, 4], [3, 0]], [[0, 0], [0, 0], [1, 0]]]).toArray()).toEqual([9, 1]);
    expect(() => pathLength([1, 2])).toThrow('pathLength: points must have shape [..., n >= 2, 2], got [2]');
    expect(powerToDb(1).item()).toBeCloseTo(-20, 12);
  });
  it('applies rCoef once per interaction', () => {
    const direct = receivedPower([[0, 0], [1, 0]]).item();
    const reflected = receivedPower([[0, 0], [0.5, 0], [1, 0]]).item();
    expect(reflected).toBeCloseTo(direct * 0.5, 14);
  });
});
