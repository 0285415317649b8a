/**
 * Every differentiable method of the objects against central finite
 * differences, with respect to its inputs and to the object's own
 * coordinates, on random inputs away from kinks.
 */
import type { Tensor } from '@differt2d/autodiff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ApproxOptions } from '../src/logic/index.js';
import { RIS, Wall } from '../src/objects/index.js';
import { checkGradients } from '../../../test-support/finiteDifferences.js';
import { distance, pointArb, wallEndsArb } from '../../../test-support/generators.js';


type Xy = [number, number];
const RUNS = { numRuns: 40 };

describe('gradients of wall geometry', () => {
  it('normal, w.r.t. the wall', () => {
    fc.assert(
      fc.property(wallEndsArb, (xys) => checkGradients((w) => new Wall(w!).normal(), [xys])),
      RUNS,
    );
  });
  it('image, w.r.t. the points (batched) and the wall', () => {
    fc.assert(
      fc.property(wallEndsArb, pointArb, pointArb, (xys, p, q) => checkGradients((w, points) => new Wall(w!).image(points!), [xys, [p, q]])),
      RUNS,
    );
  });
  it('parametricToCartesian and cartesianToParametric, w.r.t. their inputs and the wall', () => {
    fc.assert(
      fc.property(wallEndsArb, fc.double({ min: -1, max: 2, noNaN: true }), pointArb, (xys, s, p) => {
        checkGradients((w, parameters) => new Wall(w!).parametricToCartesian(parameters!), [xys, [[s], [1 - s]]]);
        checkGradients((w, points) => new Wall(w!).cartesianToParametric(points!), [xys, [p]]);
      }),
      RUNS,
    );
  });
  it('rotate and translate, w.r.t. the wall, the angle, the centre and the offset', () => {
    fc.assert(
      fc.property(wallEndsArb, fc.double({ min: -4, max: 4, noNaN: true }), pointArb, (xys, angle, center) => {
        checkGradients((w, theta, c) => new Wall(w!).rotate(theta!, c!).xys, [xys, angle, center]);
        checkGradients((w, theta) => new Wall(w!).rotate(theta!).xys, [xys, angle]);
        checkGradients((w, offset) => new Wall(w!).translate(offset!).normal(), [xys, center]);
      }),
      RUNS,
    );
  });
  it('centre, named locations and grid, w.r.t. the wall (distinct coordinates: no min / max tie)', () => {
    fc.assert(
      fc.property(wallEndsArb, (xys) => {
        fc.pre(Math.abs(xys[0][0] - xys[1][0]) > 1e-3 && Math.abs(xys[0][1] - xys[1][1]) > 1e-3);
        checkGradients((w) => new Wall(w!).center(), [xys]);
        checkGradients((w) => new Wall(w!).location('NW'), [xys]);
        checkGradients((w) => new Wall(w!).grid(3, 2), [xys]);
      }),
      RUNS,
    );
  });
});

describe('gradients of interaction losses', () => {
  /** Path points no closer than 0.1 (the loss is not differentiable where a segment has zero length). */
  const path = fc.tuple(pointArb, pointArb, pointArb).filter(([a, b, c]) => distance(a, b) > 0.1 && distance(b, c) > 0.1);

  it('wall: w.r.t. a, b, c and the wall', () => {
    fc.assert(
      fc.property(wallEndsArb, path, (xys, [a, b, c]) => {
        checkGradients((w, p, q, r) => new Wall(w!).interactionLoss(p!, q!, r!), [xys, a, b, c]);
      }),
      RUNS,
    );
  });
  it('wall: batched, with b on the wall', () => {
    fc.assert(
      fc.property(wallEndsArb, pointArb, pointArb, fc.double({ min: 0, max: 1, noNaN: true }), (xys, a, c, s) => {
        const b = new Wall(xys).parametricToCartesian([s]).toArray() as Xy;
        fc.pre(distance(a, b) > 0.1 && distance(b, c) > 0.1);
        checkGradients((w, p, r, parameters) => {
          const wall = new Wall(w!);
          return wall.interactionLoss(p!, wall.parametricToCartesian(parameters!), r!);
        }, [xys, [a, c], [c, a], [[s], [s]]]);
      }),
      RUNS,
    );
  });
  it('RIS: w.r.t. a, b, c, the surface and phi', () => {
    fc.assert(
      fc.property(wallEndsArb, path, fc.double({ min: -3, max: 3, noNaN: true }), (xys, [a, b, c], phi) => {
        checkGradients((w, p, q, r, angle) => new RIS(w!, { phi: angle! }).interactionLoss(p!, q!, r!), [xys, a, b, c, phi]);
      }),
      RUNS,
    );
  });
});

describe('gradients of smoothed tests', () => {
  const hardSigmoidKinkFree = (args: number[]): boolean => args.every((x) => Math.abs(Math.abs(x) - 3) > 0.05);
  /** The two smallest values differ: `min` has no kink between them. */
  const noTie = (values: number[]): boolean => {
    const sorted = [...values].sort((p, q) => p - q);
    return sorted[1]! - sorted[0]! > 1e-2;
  };
  const hardSigmoid = (x: number): number => Math.min(Math.max(x + 3, 0), 6) / 6;
  const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

  it('contains, w.r.t. s', () => {
    fc.assert(
      fc.property(wallEndsArb, fc.double({ min: -0.5, max: 1.5, noNaN: true }), fc.double({ min: 1, max: 20, noNaN: true }), (xys, s, alpha) => {
        const args = [alpha * s, alpha * (1 - s)];
        const sigmoidOptions: ApproxOptions = { approx: true, alpha, activation: 'sigmoid' };
        if (noTie(args.map(sigmoid))) checkGradients((parameters) => new Wall(xys).contains(parameters!, sigmoidOptions), [[s]]);
        if (hardSigmoidKinkFree(args) && noTie(args.map(hardSigmoid))) {
          checkGradients((parameters) => new Wall(xys).contains(parameters!, { approx: true, alpha }), [[s]]);
        }
      }),
      RUNS,
    );
  });

  it('intersects, w.r.t. both ends of the segment and the wall (with and without patch)', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        wallEndsArb,
        pointArb,
        pointArb,
        fc.double({ min: 1, max: 6, noNaN: true }),
        fc.constantFrom(0, 0.1, -0.1),
        (xys, p, q, alpha, patch) => {
          const [[ax, ay], [bx, by]] = xys;
          const [tx, ty] = [(bx - ax) * (1 + 2 * patch), (by - ay) * (1 + 2 * patch)];
          const [sx, sy] = [ax - (bx - ax) * patch, ay - (by - ay) * patch];
          const [dx, dy, wx, wy] = [q[0] - p[0], q[1] - p[1], sx - p[0], sy - p[1]];
          const denominator = dx * ty - dy * tx;
          // well away from parallel, where the crossing moves fast
          fc.pre(Math.abs(denominator) > 0.2 * Math.hypot(dx, dy) * Math.hypot(tx, ty) && Math.hypot(dx, dy) > 0.1);
          const u = (wx * ty - wy * tx) / denominator;
          const v = (wx * dy - wy * dx) / denominator;
          const tolerance = 0.005;
          const args = [u + tolerance, 1 + tolerance - u, v + tolerance, 1 + tolerance - v].map((x) => alpha * x);
          const fn = (options: ApproxOptions) => (w: Tensor | undefined, start: Tensor | undefined, end: Tensor | undefined) =>
            new Wall(w!).intersects(start!, end!, { ...options, patch });
          if (noTie(args.map(sigmoid))) {
            checkGradients(fn({ approx: true, alpha, activation: 'sigmoid' }), [xys, p, q]);
            checked++;
          }
          if (hardSigmoidKinkFree(args) && noTie(args.map(hardSigmoid))) checkGradients(fn({ approx: true, alpha }), [xys, p, q]);
        },
      ),
      RUNS,
    );
    expect(checked).toBeGreaterThan(10);
  });
});
