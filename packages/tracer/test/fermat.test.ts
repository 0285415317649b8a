/**
 * Fermat tracing: vertices, RIS geometry, curved user-defined objects,
 * DiffeRT2d's Adam solver, bad input.
 */
import { add, cos, grad, mul, sin, stack, sum, take, Tensor, tensor } from '@differt2d/autodiff';
import { RIS, Vertex, Wall, type Interactable } from '@differt2d/geometry';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fermatPaths } from '../src/tracers/fermatPaths.js';
import { minPaths } from '../src/tracers/minPaths.js';
import { BASIC_RX, BASIC_TX, type Xy } from '../../../test-support/basicScene.js';

const TX = BASIC_TX;
const RX = BASIC_RX;
const unit = (p: readonly number[], q: readonly number[]): Xy => {
  const d = Math.hypot(q[0]! - p[0]!, q[1]! - p[1]!);
  return [(q[0]! - p[0]!) / d, (q[1]! - p[1]!) / d];
};
const at = (points: Tensor, k: number): Xy => [points.data[2 * k]!, points.data[2 * k + 1]!];

describe('fermatPaths', () => {
  it('goes straight through a vertex (its point is fixed), with loss 0', () => {
    const { points, loss } = fermatPaths(TX, [new Vertex([0.3, 0.4])], RX);
    expect(points.toArray()).toEqual([TX, [0.3, 0.4], RX]);
    expect(loss.item()).toBe(0);
  });

  it('reflects specularly on each side of a vertex (vertex diffraction after a wall)', () => {
    const floor = new Wall([[0, 0], [1, 0]]);
    const { points, loss } = fermatPaths(TX, [floor, new Vertex([0.3, 0.4])], RX);
    // the floor point is the image-method point towards the vertex
    const image: Xy = [0.1, -0.1];
    const s = image[0] + ((0.3 - image[0]) * (0 - image[1])) / (0.4 - image[1]);
    expect(at(points, 1)[0]).toBeCloseTo(s, 12);
    expect(at(points, 1)[1]).toBe(0);
    expect(loss.item()).toBeLessThan(1e-24);
  });

  it('finds the specular point of a RIS\'s geometry, whose loss is then that of the wrong angle', () => {
    const ris = new RIS([[0.5, 0.3], [0.5, 0.7]], { phi: Math.PI / 4 });
    const wall = new Wall([[0.5, 0.3], [0.5, 0.7]]);
    const onRis = fermatPaths([0.2, 0.2], [ris], [0.3, 0.6]);
    const onWall = fermatPaths([0.2, 0.2], [wall], [0.3, 0.6]);
    for (let k = 0; k < 6; k++) expect(onRis.points.data[k]).toBeCloseTo(onWall.points.data[k]!, 14);
    expect(onWall.loss.item()).toBeLessThan(1e-24);
    expect(onRis.loss.item()).toBeGreaterThan(1e-3);
  });

  it('on a curved user-defined mirror (no parametricJacobian), meets the law of reflection about its normal (property)', () => {
    /** A circular mirror: centre (0.5, -1), radius 1.2, angle pi/2 + (s - 0.5) (radians). */
    const arc: Interactable = {
      kind: 'arc',
      parameterCount: 1,
      blocksRays: true,
      parametricToCartesian: (s: Tensor) => {
        const angle = add(mul(take(s, 0, -1), 1), Math.PI / 2 - 0.5);
        return add(stack([mul(cos(angle), 1.2), mul(sin(angle), 1.2)], -1), tensor([0.5, -1]));
      },
      cartesianToParametric: (xy: Tensor) => {
        const out = new Float64Array(xy.size / 2);
        for (let i = 0; i < out.length; i++) out[i] = Math.atan2(xy.data[2 * i + 1]! + 1, xy.data[2 * i]! - 0.5) - (Math.PI / 2 - 0.5);
        return new Tensor(out, [...xy.shape.slice(0, -1), 1]);
      },
      contains: (s: Tensor) => new Tensor(new Float64Array(s.size).fill(1), s.shape.slice(0, -1)),
      intersects: (p: Tensor) => new Tensor(new Float64Array(p.size / 2), p.shape.slice(0, -1)),
      interactionLoss: (a: Tensor) => new Tensor(new Float64Array(a.size / 2), a.shape.slice(0, -1)),
      boundingBox: () => tensor([[-0.7, -1], [1.7, 0.2]]),
    };
    const point = fc.tuple(fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.double({ min: 0.4, max: 0.9, noNaN: true }));
    fc.assert(
      fc.property(point, point, (tx: Xy, rx: Xy) => {
        const { points } = fermatPaths(tx, [arc], rx);
        const b = at(points, 1);
        const normal = unit([0.5, -1], b);
        const incoming = unit(tx, b);
        const outgoing = unit(b, rx);
        // mirror law: outgoing = incoming - 2 (incoming . n) n
        const dot = incoming[0] * normal[0] + incoming[1] * normal[1];
        expect(Math.abs(outgoing[0] - (incoming[0] - 2 * dot * normal[0]))).toBeLessThan(1e-8);
        expect(Math.abs(outgoing[1] - (incoming[1] - 2 * dot * normal[1]))).toBeLessThan(1e-8);
        expect(Math.abs(Math.hypot(b[0] - 0.5, b[1] + 1) - 1.2)).toBeLessThan(1e-12);
      }),
      { numRuns: 25 },
    );
  });

  it('with DiffeRT2d\'s Adam: roughly the specular path, imprecise; more starts never worse', () => {
    const walls = [new Wall([[0, 0], [1, 0]]), new Wall([[1, 1], [0, 1]])];
    const exact = fermatPaths(TX, walls, RX);
    const adam = fermatPaths(TX, walls, RX, { solver: 'adam' });
    let error = 0;
    for (let k = 0; k < exact.points.size; k++) error = Math.max(error, Math.abs(adam.points.data[k]! - exact.points.data[k]!));
    expect(error).toBeLessThan(1e-2);
    expect(error).toBeGreaterThan(1e-8);
    expect(exact.loss.item()).toBeLessThan(1e-24);
    const length = (p: Tensor): number => {
      let total = 0;
      for (let k = 0; k + 1 < p.size / 2; k++) total += Math.hypot(p.data[2 * k + 2]! - p.data[2 * k]!, p.data[2 * k + 3]! - p.data[2 * k + 1]!);
      return total;
    };
    expect(length(fermatPaths(TX, walls, RX, { solver: 'adam', many: 5 }).points)).toBeLessThanOrEqual(length(adam.points));
    expect(length(exact.points)).toBeLessThanOrEqual(length(adam.points));
  });

  it('keeps gradients finite for a degenerate path (TX and RX on the wall\'s line: a singular Hessian)', () => {
    for (const trace of [fermatPaths, minPaths]) {
      const gradients = grad(
        (tx: Tensor, xys: Tensor) => {
          const { points, loss } = trace(tx, [new Wall(xys)], [0.8, 0]);
          return add(sum(points), sum(loss));
        },
        { argnums: [0, 1] },
      )(tensor([0.2, 0]), tensor([[0, 0], [1, 0]]));
      for (const gradient of gradients) for (const value of gradient.data) expect(Number.isFinite(value)).toBe(true);
    }
  });

  it('names itself in errors', () => {
    const wall = new Wall([[0, 0], [1, 0]]);
    expect(() => fermatPaths([NaN, 0], [wall], RX)).toThrow('fermatPaths: tx has a NaN x coordinate');
    expect(() => fermatPaths(TX, [wall, { kind: 'wall' } as never], RX)).toThrow('fermatPaths: objects[1] is an object of class Object, not an interacting object');
    expect(() => fermatPaths(TX, [wall], RX, { steps: -1 })).toThrow('fermatPaths: option steps must be an integer >= 0, got -1');
    expect(() => fermatPaths(TX, [wall], RX, { seed: 0.5 })).toThrow('fermatPaths: option seed must be a safe integer, got 0.5');
  });

  it('returns empty batches as such', () => {
    const { points, loss } = fermatPaths(TX, [new Wall([[0, 0], [1, 0]])], new Tensor(new Float64Array(0), [0, 2]));
    expect(points.shape).toEqual([0, 3, 2]);
    expect(loss.shape).toEqual([0]);
  });
});
