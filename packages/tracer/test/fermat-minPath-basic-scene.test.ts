/**
 * Fermat and min-path tracing (Levenberg-Marquardt) against the image method
 * on DiffeRT2d's basic scene, orders 1 to 3: every candidate whose
 * image-method path lies on its walls with a zero loss must be found to
 * 1e-9, with an interaction loss <= 1e-12.
 */
import { tensor, Tensor } from '@differt2d/autodiff';
import { Wall } from '@differt2d/geometry';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fermatPaths } from '../src/tracers/fermatPaths.js';
import { minPaths } from '../src/tracers/minPaths.js';
import { BASIC_RX, BASIC_TX, basicWalls, type Xy } from '../../../test-support/basicScene.js';
import { maxDifference } from '../../../test-support/closeness.js';
import { positionArb } from '../../../test-support/generators.js';

const TX = BASIC_TX;
const RX = BASIC_RX;
const WALLS = basicWalls();

/**
 * The image-method path, computed here from `Wall.image`: images of TX
 * through the walls in order, then back from RX (`point += (v . n) / (u . n) u`).
 */
function imagePathPoints(tx: Xy, walls: readonly Wall[], rx: Xy): Xy[] {
  const images: Xy[] = [tx];
  for (const wall of walls) images.push(wall.image(images[images.length - 1]!).toArray() as Xy);
  const points: Xy[] = [rx];
  let point = rx;
  for (let k = walls.length - 1; k >= 0; k--) {
    const n = walls[k]!.normal().data;
    const origin = walls[k]!.origin.data;
    const image = images[k + 1]!;
    const u = [point[0] - image[0], point[1] - image[1]];
    const un = u[0]! * n[0]! + u[1]! * n[1]!;
    const vn = (origin[0]! - point[0]) * n[0]! + (origin[1]! - point[1]) * n[1]!;
    if (un !== 0) point = [point[0] + (vn / un) * u[0]!, point[1] + (vn / un) * u[1]!];
    points.unshift(point);
  }
  return [tx, ...points];
}

/** Whether a path is valid for the accuracy test: every point on its wall, zero loss (blocking ignored). */
function onWallsWithZeroLoss(points: readonly Xy[], walls: readonly Wall[]): boolean {
  let loss = 0;
  for (let k = 0; k < walls.length; k++) {
    const s = walls[k]!.cartesianToParametric([points[k + 1]!]).item();
    if (!(s >= 0 && s <= 1)) return false;
    loss += walls[k]!.interactionLoss(points[k]!, points[k + 1]!, points[k + 2]!).item();
  }
  return loss < 1e-10;
}

/** The same walls as a user-defined subclass: traced through their methods, from a start that is not the answer. */
class PlainWall extends Wall {}
const PLAIN_WALLS = WALLS.map((wall, i) => new PlainWall(wall.xys, { name: `plain[${i}]` }));

function candidates(order: number, objectCount: number): number[][] {
  let sequences: number[][] = [[]];
  for (let k = 0; k < order; k++) {
    sequences = sequences.flatMap((s) => Array.from({ length: objectCount }, (_, i) => i).filter((i) => s[s.length - 1] !== i).map((i) => [...s, i]));
  }
  return sequences;
}

describe.each([
  ['fermatPaths', fermatPaths],
  ['minPaths', minPaths],
] as const)('%s on the basic scene (Levenberg-Marquardt)', (_name, trace) => {
  it('finds every valid image-method path of orders 1 to 3 to 1e-9, with loss <= 1e-12', () => {
    const checked: number[] = [0, 0, 0];
    for (let order = 1; order <= 3; order++) {
      for (const candidate of candidates(order, WALLS.length)) {
        const walls = candidate.map((i) => WALLS[i]!);
        const expected = imagePathPoints(TX, walls, RX);
        if (!onWallsWithZeroLoss(expected, walls)) continue;
        const { points, loss } = trace(TX, walls, RX);
        expect(points.shape).toEqual([order + 2, 2]);
        expect(maxDifference(points.data, expected.flat()), `candidate [${candidate}]`).toBeLessThanOrEqual(1e-9);
        expect(loss.item(), `candidate [${candidate}]`).toBeLessThanOrEqual(1e-12);
        checked[order - 1]!++;
      }
    }
    // the basic scene has valid paths of every order (DiffeRT2d: 4 of order 1, 11 of order 2 with blocking)
    expect(checked[0]).toBeGreaterThanOrEqual(4);
    expect(checked[1]).toBeGreaterThanOrEqual(11);
    expect(checked[2]).toBeGreaterThan(10);
  });

  it('does the same through the objects\' methods (a Wall subclass), started from the straight TX-RX line', () => {
    for (let order = 1; order <= 3; order++) {
      for (const candidate of candidates(order, WALLS.length)) {
        const expected = imagePathPoints(TX, candidate.map((i) => WALLS[i]!), RX);
        if (!onWallsWithZeroLoss(expected, candidate.map((i) => WALLS[i]!))) continue;
        const { points, loss } = trace(TX, candidate.map((i) => PLAIN_WALLS[i]!), RX);
        expect(maxDifference(points.data, expected.flat()), `candidate [${candidate}]`).toBeLessThanOrEqual(1e-9);
        expect(loss.item(), `candidate [${candidate}]`).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  it('solves many receivers in one call, each as if alone (property)', () => {
    const walls = [WALLS[0]!, WALLS[2]!];
    const receiver = positionArb(0.05, 0.95);
    fc.assert(
      fc.property(fc.array(receiver, { minLength: 1, maxLength: 6 }), (receivers) => {
        const batch = trace(TX, walls, receivers);
        expect(batch.points.shape).toEqual([receivers.length, 4, 2]);
        receivers.forEach((rx, r) => {
          const expected = imagePathPoints(TX, walls, rx);
          const row = new Tensor(batch.points.data.slice(8 * r, 8 * r + 8), [4, 2]);
          expect(maxDifference(row.data, expected.flat())).toBeLessThanOrEqual(1e-9);
          expect(batch.loss.data[r]).toBeLessThanOrEqual(1e-12);
          const alone = trace(TX, walls, rx);
          expect(maxDifference(row.data, alone.points.data)).toBeLessThanOrEqual(1e-12);
        });
      }),
      { numRuns: 30 },
    );
  });

  it('broadcasts the batch axes of TX and RX', () => {
    const result = trace(tensor([[[0.1, 0.1]], [[0.2, 0.1]]]), [WALLS[0]!], tensor([[0.3, 0.2], [0.5, 0.3], [0.6, 0.1]]));
    expect(result.points.shape).toEqual([2, 3, 3, 2]);
    expect(result.loss.shape).toEqual([2, 3]);
    const second = trace([0.2, 0.1], [WALLS[0]!], [0.5, 0.3]);
    const row = new Tensor(result.points.data.slice((3 + 1) * 6, (3 + 1) * 6 + 6), [3, 2]);
    expect(maxDifference(row.data, second.points.data)).toBeLessThanOrEqual(1e-12);
  });
});
