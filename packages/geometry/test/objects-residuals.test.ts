/**
 * The optional methods tracers use: `interactionResiduals` (the loss is the
 * sum of their squares) and `parametricJacobian` (the derivative of
 * `parametricToCartesian`), for walls, RIS and vertices.
 */
import { add, mul, square, stack, sum, Tensor, tensor, zeros, type TensorLike } from '@differt2d/autodiff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RIS, Vertex, Wall } from '../src/objects/index.js';
import { checkGradients } from '../../../test-support/finiteDifferences.js';
import { distance, pointArb, wallEndsArb } from '../../../test-support/generators.js';

type Xy = [number, number];
/** A path a -> b -> c with b on the wall (at s) and both segments of length > 0.05. */
const pathOnWall = fc
  .record({ xys: wallEndsArb, s: fc.double({ min: -0.5, max: 1.5, noNaN: true }), a: pointArb, c: pointArb })
  .map(({ xys, s, a, c }) => {
    const b: Xy = [xys[0][0] + s * (xys[1][0] - xys[0][0]), xys[0][1] + s * (xys[1][1] - xys[0][1])];
    return { xys, a, b, c };
  })
  .filter(({ a, b, c }) => distance(a, b) > 0.05 && distance(b, c) > 0.05);
const RUNS = { numRuns: 50 };


describe('interactionResiduals', () => {
  it('wall: the loss is the sum of their squares, both 0 for a mirror reflection (property)', () => {
    fc.assert(
      fc.property(pathOnWall, ({ xys, a, b, c }) => {
        const wall = new Wall(xys);
        const residuals = wall.interactionResiduals(a, b, c);
        expect(residuals.shape).toEqual([2]);
        expect(wall.interactionLoss(a, b, c).item()).toBeCloseTo(sum(square(residuals)).item(), 14);
        // the mirror image of a through the wall's line, seen from b, gives a perfect reflection
        const image = wall.image(a).data;
        const mirrored: Xy = [2 * b[0] - image[0]!, 2 * b[1] - image[1]!];
        for (const value of wall.interactionResiduals(a, b, mirrored).data) expect(Math.abs(value)).toBeLessThan(1e-12);
      }),
      RUNS,
    );
  });

  it('RIS: [cross(-r, n) - sin phi, dot(-r, n) - cos phi], the loss their squares (property)', () => {
    fc.assert(
      fc.property(pathOnWall, fc.double({ min: -1.5, max: 1.5, noNaN: true }), ({ xys, a, b, c }, phi) => {
        const ris = new RIS(xys, { phi });
        const residuals = ris.interactionResiduals(a, b, c).data;
        const n = ris.normal().data;
        const r = [c[0] - b[0], c[1] - b[1]];
        const length = Math.hypot(r[0]!, r[1]!);
        const back = [-r[0]! / length, -r[1]! / length];
        expect(residuals[0]).toBeCloseTo(back[0]! * n[1]! - back[1]! * n[0]! - Math.sin(phi), 14);
        expect(residuals[1]).toBeCloseTo(back[0]! * n[0]! + back[1]! * n[1]! - Math.cos(phi), 14);
        expect(ris.interactionLoss(a, b, c).item()).toBeCloseTo(residuals[0]! ** 2 + residuals[1]! ** 2, 14);
      }),
      RUNS,
    );
  });

  it('broadcast over batch axes like the loss (RIS: a counts by its shape only)', () => {
    const wall = new Wall([[0, 0], [1, 0]]);
    expect(wall.interactionResiduals([[0, 1], [0, 2]], [0.5, 0], [1, 1]).shape).toEqual([2, 2]);
    const ris = new RIS([[0, 0], [1, 0]]);
    expect(ris.interactionResiduals([[[0, 1]], [[0, 2]]], [0.5, 0], [[1, 1], [2, 1]]).shape).toEqual([2, 2, 2]);
    expect(ris.interactionLoss([[[0, 1]], [[0, 2]]], [0.5, 0], [[1, 1], [2, 1]]).shape).toEqual([2, 2]);
    expect(() => wall.interactionResiduals([0, 1, 2], [0.5, 0], [1, 1])).toThrow('Wall.interactionResiduals: a must have shape [..., 2], got [3]');
    expect(() => wall.interactionLoss([[0, 1], [0, 2]], [[0.5, 0], [0.5, 0], [0.5, 0]], [1, 1])).toThrow('Wall.interactionLoss');
  });

  it('vertex: none, with the batch shape', () => {
    const vertex = new Vertex([0.3, 0.4]);
    expect(vertex.interactionResiduals([[0, 0], [1, 1]], [0.3, 0.4], [1, 0]).shape).toEqual([2, 0]);
  });

  it('are differentiable w.r.t. the points, the object and phi (finite differences)', () => {
    fc.assert(
      fc.property(pathOnWall, fc.double({ min: -1.5, max: 1.5, noNaN: true }), ({ xys, a, b, c }, phi) => {
        checkGradients((w, p, q, r) => new Wall(w!).interactionResiduals(p!, q!, r!), [xys, a, b, c]);
        checkGradients((w, angle, q, r) => new RIS(w!, { phi: angle! }).interactionResiduals(a, q!, r!), [xys, phi, b, c]);
      }),
      { numRuns: 25 },
    );
  });

  it('a subclass overriding only the residuals gets a loss that follows them', () => {
    class Halved extends Wall {
      override interactionResiduals(a: TensorLike, b: TensorLike, c: TensorLike): Tensor {
        return mul(super.interactionResiduals(a, b, c), 0.5);
      }
    }
    const [a, b, c]: Xy[] = [[0, 1], [0.5, 0], [0.5, 1]];
    const full = new Wall([[0, 0], [1, 0]]).interactionLoss(a, b, c).item();
    expect(new Halved([[0, 0], [1, 0]]).interactionLoss(a, b, c).item()).toBeCloseTo(full / 4, 15);
  });
});

describe('parametricJacobian', () => {
  it('wall (and RIS): the direction t at every s, equal to central differences of parametricToCartesian', () => {
    fc.assert(
      fc.property(wallEndsArb, fc.array(fc.double({ min: -2, max: 3, noNaN: true }), { minLength: 1, maxLength: 4 }), (xys, values) => {
        for (const object of [new Wall(xys), new RIS(xys)]) {
          const s = tensor(values.map((v) => [v]));
          const jacobian = object.parametricJacobian(s);
          expect(jacobian.shape).toEqual([values.length, 2, 1]);
          const h = 1e-6;
          const numeric = mul(add(object.parametricToCartesian(add(s, h)), mul(object.parametricToCartesian(add(s, -h)), -1)), 1 / (2 * h));
          const data = jacobian.data;
          for (let k = 0; k < values.length; k++) {
            expect(data[2 * k]).toBeCloseTo(numeric.data[2 * k]!, 8);
            expect(data[2 * k + 1]).toBeCloseTo(numeric.data[2 * k + 1]!, 8);
          }
        }
      }),
      RUNS,
    );
  });

  it('is differentiable w.r.t. the wall', () => {
    checkGradients((w) => new Wall(w!).parametricJacobian([[0.2], [0.7]]), [[[0.1, 0.2], [0.9, -0.4]]]);
  });

  it('vertex: empty, with the batch shape', () => {
    expect(new Vertex([1, 2]).parametricJacobian(zeros([3, 0])).shape).toEqual([3, 2, 0]);
    expect(new Vertex([1, 2]).parametricJacobian(stack([zeros([0])])).shape).toEqual([1, 2, 0]);
  });
});
