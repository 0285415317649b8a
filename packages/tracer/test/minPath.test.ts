/**
 * Min-path tracing: the RIS of the paper's figure 1, user-defined object
 * types, DiffeRT2d's Adam solver, bad input.
 */
import { grad, sum, Tensor, tensor } from '@differt2d/autodiff';
import { RIS, Vertex, Wall, type Interactable } from '@differt2d/geometry';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minPaths } from '../src/tracers/minPaths.js';
import { PhaseGradientMetasurface, ResidualMetasurface } from '../../../test-support/metasurface.js';

type Xy = [number, number];

describe('minPaths with the RIS of the paper\'s figure 1', () => {
  const ris = new RIS([[0.5, 0.3], [0.5, 0.7]], { phi: Math.PI / 4 });
  const TX: Xy = [0.2, 0.2];
  /** Receivers left of the RIS whose 45-degree point (0.5, y - (0.5 - x)) is on it. */
  const receiver = fc
    .tuple(fc.double({ min: 0.01, max: 0.49, noNaN: true }), fc.double({ min: 0.01, max: 0.99, noNaN: true }))
    .filter(([x, y]) => {
      const on = y - (0.5 - x);
      return on >= 0.3 && on <= 0.7;
    });

  it('finds the analytic point (0.5, y - (0.5 - x)) to 1e-9 (property)', () => {
    fc.assert(
      fc.property(receiver, ([x, y]) => {
        const { points, loss } = minPaths(TX, [ris], [x, y]);
        expect(Math.abs(points.data[2]! - 0.5)).toBeLessThanOrEqual(1e-9);
        expect(Math.abs(points.data[3]! - (y - (0.5 - x)))).toBeLessThanOrEqual(1e-9);
        expect(loss.item()).toBeLessThanOrEqual(1e-12);
      }),
    );
  });

  it('finds it for many receivers in one call', () => {
    const receivers = fc.sample(receiver, { numRuns: 200, seed: 42 });
    const { points, loss } = minPaths(TX, [ris], receivers);
    expect(points.shape).toEqual([200, 3, 2]);
    receivers.forEach(([x, y], r) => {
      expect(Math.abs(points.data[6 * r + 3]! - (y - (0.5 - x)))).toBeLessThanOrEqual(1e-9);
      expect(loss.data[r]).toBeLessThanOrEqual(1e-12);
    });
  });

  it('is traced with a wall before the RIS (the square scene\'s floor), loss ~0', () => {
    const floor = new Wall([[0, 0], [1, 0]]);
    const { points, loss } = minPaths(TX, [floor, ris], [0.3, 0.6]);
    expect(loss.item()).toBeLessThanOrEqual(1e-12);
    expect(points.data[3]).toBeCloseTo(0, 12); // on the floor
    expect(points.data[5]).toBeCloseTo(0.4, 9); // the RIS point depends on RX only
  });
});

/** A plain object (no class) implementing `Interactable`: a mirror on the line y = height, x in [0, 1]. */
function plainMirror(height: number): Interactable {
  const floor = new Wall([[0, height], [1, height]]);
  return {
    kind: 'plain-mirror',
    parameterCount: 1,
    blocksRays: true,
    parametricToCartesian: (s) => floor.parametricToCartesian(s),
    cartesianToParametric: (xy) => floor.cartesianToParametric(xy),
    contains: (s, options) => floor.contains(s, options),
    intersects: (p, q, options) => floor.intersects(p, q, options),
    interactionLoss: (a, b, c) => floor.interactionLoss(a, b, c),
    boundingBox: () => floor.boundingBox(),
  };
}

describe('minPaths with user-defined object types', () => {
  /** From a (above the floor) through (s, 0), out along the direction the law gives. */
  const lawful = fc
    .record({
      a: fc.tuple(fc.double({ min: -0.5, max: 1.5, noNaN: true }), fc.double({ min: 0.2, max: 1.5, noNaN: true })),
      s: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
      g: fc.double({ min: -0.6, max: 0.6, noNaN: true }),
    })
    .map(({ a, s, g }) => {
      const sinIncidence = (s - a[0]) / Math.hypot(s - a[0], a[1]);
      const sinReflection = sinIncidence + g;
      const c: Xy = [s + 0.7 * sinReflection, 0.7 * Math.sqrt(Math.max(0, 1 - sinReflection ** 2))];
      return { a, s, g, c, sinReflection };
    })
    .filter(({ sinReflection }) => Math.abs(sinReflection) < 0.85);

  it.each([
    ['with a loss only (damped Newton on the loss)', PhaseGradientMetasurface],
    ['with residuals (Levenberg-Marquardt)', ResidualMetasurface],
  ] as const)('a phase-gradient metasurface %s: the point obeying sin(r) = sin(i) + g (property)', (_name, Surface) => {
    fc.assert(
      fc.property(lawful, ({ a, s, g, c }) => {
        const { points, loss } = minPaths(a, [new Surface([[0, 0], [1, 0]], g)], c);
        expect(Math.abs(points.data[2]! - s)).toBeLessThanOrEqual(1e-9);
        expect(Math.abs(points.data[3]!)).toBeLessThanOrEqual(1e-12);
        expect(loss.item()).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 40 },
    );
  });

  it('a metasurface differs from a wall: with g = 0 it is the specular point, else not', () => {
    const a: Xy = [0.1, 0.6];
    const c: Xy = [0.9, 0.4];
    const specular = minPaths(a, [new Wall([[0, 0], [1, 0]])], c).points.data[2]!;
    expect(minPaths(a, [new PhaseGradientMetasurface([[0, 0], [1, 0]], 0)], c).points.data[2]).toBeCloseTo(specular, 9);
    expect(Math.abs(minPaths(a, [new PhaseGradientMetasurface([[0, 0], [1, 0]], 0.3)], c).points.data[2]! - specular)).toBeGreaterThan(0.05);
  });

  it('a plain object implementing Interactable (no class, no optional methods), mixed with walls and a vertex', () => {
    const tx: Xy = [0.1, 0.1];
    const rx: Xy = [0.302, 0.2147];
    const reference = minPaths(tx, [new Wall([[1, 1], [0, 1]]), new Vertex([0.6, 0.5]), new Wall([[0, 0], [1, 0]])], rx);
    const { points, loss } = minPaths(tx, [new Wall([[1, 1], [0, 1]]), new Vertex([0.6, 0.5]), plainMirror(0)], rx);
    expect(loss.item()).toBeLessThanOrEqual(1e-12);
    for (let k = 0; k < points.size; k++) expect(Math.abs(points.data[k]! - reference.points.data[k]!)).toBeLessThanOrEqual(1e-9);
  });
});

describe('minPaths with DiffeRT2d\'s Adam solver', () => {
  const walls = [new Wall([[0, 0], [1, 0]]), new Wall([[1, 1], [0, 1]]), new Wall([[0, 0], [1, 0]])];
  const tx: Xy = [0.1, 0.1];
  const rx: Xy = [0.302, 0.2147];

  it('runs with the reference defaults and is roughly right, but not exact (the reference\'s flaw)', () => {
    const exact = minPaths(tx, walls, rx);
    const adam = minPaths(tx, walls, rx, { solver: 'adam' });
    expect(adam.points.shape).toEqual([5, 2]);
    expect(adam.loss.item()).toBeLessThan(1e-2); // DiffeRT2d: 5e-3 for 3 reflections
    expect(adam.loss.item()).toBeGreaterThan(1e-10);
    for (let k = 0; k < adam.points.size; k++) expect(Math.abs(adam.points.data[k]! - exact.points.data[k]!)).toBeLessThan(2e-2);
    // the same seed gives the same path, another seed another one
    expect(Array.from(minPaths(tx, walls, rx, { solver: 'adam' }).points.data)).toEqual(Array.from(adam.points.data));
    expect(Array.from(minPaths(tx, walls, rx, { solver: 'adam', seed: 1234 }).points.data)).toEqual(Array.from(adam.points.data));
    expect(Array.from(minPaths(tx, walls, rx, { solver: 'adam', seed: 7 }).points.data)).not.toEqual(Array.from(adam.points.data));
  });

  it('more steps approach the RIS point (figure 1 uses 1000)', () => {
    const ris = new RIS([[0.5, 0.3], [0.5, 0.7]], { phi: Math.PI / 4 });
    const short = Math.abs(minPaths([0.2, 0.2], [ris], [0.3, 0.6], { solver: 'adam', steps: 100 }).points.data[3]! - 0.4);
    const long = Math.abs(minPaths([0.2, 0.2], [ris], [0.3, 0.6], { solver: 'adam', steps: 1000 }).points.data[3]! - 0.4);
    expect(long).toBeLessThan(short);
    expect(short).toBeLessThan(1e-2);
  });

  it('many restarts keep the best: never worse than the first start, better for some candidate', () => {
    const candidates = [[2, 0, 2], [0, 2, 0], [0, 3, 2], [1, 3, 1]];
    const scene = [new Wall([[0, 0], [1, 0]]), new Wall([[1, 0], [1, 1]]), new Wall([[1, 1], [0, 1]]), new Wall([[0, 1], [0, 0]])];
    let improved = 0;
    for (const candidate of candidates) {
      const objects = candidate.map((i) => scene[i]!);
      const one = minPaths(tx, objects, rx, { solver: 'adam', many: 1 }).loss.item();
      const four = minPaths(tx, objects, rx, { solver: 'adam', many: 4 }).loss.item();
      expect(four).toBeLessThanOrEqual(one); // the first of the 4 starts is the single start
      if (four < one) improved++;
    }
    expect(improved).toBeGreaterThan(0);
  });

  it('is differentiable inside grad (implicit derivative at its solution), batched over receivers', () => {
    const g = grad((r: Tensor) => sum(minPaths(tx, walls, r, { solver: 'adam' }).points))(tensor([rx, [0.5, 0.5]]));
    expect(g.shape).toEqual([2, 2]);
    for (const value of g.data) expect(Number.isFinite(value)).toBe(true);
  });
});

describe('minPaths input checks', () => {
  const wall = new Wall([[0, 0], [1, 0]]);

  it('an empty candidate is the line of sight', () => {
    const { points, loss } = minPaths([[0, 0], [1, 1]], [], [0.5, 0.5]);
    expect(points.toArray()).toEqual([
      [[0, 0], [0.5, 0.5]],
      [[1, 1], [0.5, 0.5]],
    ]);
    expect(loss.toArray()).toEqual([0, 0]);
  });

  it('rejects bad positions, objects and options with a clear message', () => {
    expect(() => minPaths([0, NaN], [wall], [1, 1])).toThrow('minPaths: tx has a NaN y coordinate');
    expect(() => minPaths([0, 1], [wall], [[1, 1], [Infinity, 0]])).toThrow('minPaths: rx[1] has an infinite (Infinity) x coordinate');
    expect(() => minPaths([0, 1, 2], [wall], [1, 1])).toThrow('minPaths: tx must have shape [..., 2]');
    expect(() => minPaths([[0, 1], [0, 2]], [wall], [[1, 1], [1, 2], [1, 3]])).toThrow('minPaths: the batch axes of tx [2, 2] and rx [3, 2] do not broadcast');
    expect(() => minPaths([0, 1], [wall, 3 as never], [1, 1])).toThrow('minPaths: objects[1] is a number, not an interacting object');
    expect(() => minPaths([0, 1], null as never, [1, 1])).toThrow('minPaths: objects must be an array');
    expect(() => minPaths([0, 1], [wall], [1, 1], { solver: 'newton' as never })).toThrow("minPaths: option solver must be 'lm' or 'adam', got newton");
    expect(() => minPaths([0, 1], [wall], [1, 1], { many: 0 })).toThrow('minPaths: option many must be an integer >= 1, got 0');
    expect(() => minPaths([0, 1], [wall], [1, 1], { learningRate: NaN })).toThrow('minPaths: option learningRate');
    const broken = { ...plainMirror(0), boundingBox: () => tensor([[0, NaN], [1, 0]]) };
    expect(() => minPaths([0, 1], [broken], [1, 1])).toThrow('minPaths: objects[0]: its coordinates are not finite');
    const flat = { ...plainMirror(0), parametricToCartesian: (s: Tensor) => sum(s, -1) };
    expect(() => minPaths([0, 1], [flat], [1, 1])).toThrow('minPaths: objects[0].parametricToCartesian returned shape');
  });
});
