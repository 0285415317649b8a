/**
 * Parity with DiffeRT2d on its basic scene (fixtures/basic-scene.json, float64
 * values from the reference implementation): the valid paths up to order 2,
 * the summed received powers at six receivers, and an approximated gradient.
 */
import { describe, expect, it } from 'vitest';
import { grad, Tensor, tensor } from '@differt2d/autodiff';
import { Wall } from '@differt2d/geometry';
import { imagePaths, pathValidity, totalReceivedPower, tracePaths } from '../src/index.js';
import { loadBasicSceneFixture } from './fixtures/basicSceneFixture.js';
import { BASIC_RX, BASIC_TX, basicWalls } from '../../../test-support/basicScene.js';
import { relativeTo } from '../../../test-support/closeness.js';

const fixture = loadBasicSceneFixture();
const walls = basicWalls();

describe('parity with DiffeRT2d: basic scene', () => {
  it('finds the 12 valid paths up to order 2, in the same candidates, points within 1e-9', () => {
    const valid = [...tracePaths(BASIC_TX, BASIC_RX, walls, { maxOrder: 2 })].filter((t) => t.validity.item() === 1);
    const expected = fixture.basic_valid_paths_max_order_2;
    expect(expected.length).toBe(12);
    expect(valid.map((t) => t.candidate)).toEqual(expected.map((p) => p.candidate));
    valid.forEach((traced, k) => {
      const points = expected[k]!.points.flat();
      expect(traced.paths.points.size).toBe(points.length);
      for (let i = 0; i < points.length; i++) expect(Math.abs(traced.paths.points.data[i]! - points[i]!)).toBeLessThan(1e-9);
    });
  });

  it('sums the powers at the six receivers for max orders 0, 1, 2 within 1e-9 (zero exactly zero)', () => {
    for (const { rx, max_order: maxOrder, power } of fixture.basic_power_sum_over_valid_paths) {
      const total = totalReceivedPower(BASIC_TX, rx, walls, { maxOrder }).item();
      if (power === 0) expect(total).toBe(0);
      else expect(relativeTo(total, power)).toBeLessThan(1e-9);
    }
  });

  it('gives the same powers for all six receivers in one batched call', () => {
    const cases = fixture.basic_power_sum_over_valid_paths;
    for (const maxOrder of [0, 1, 2]) {
      const rows = cases.filter((c) => c.max_order === maxOrder);
      const batch = totalReceivedPower(BASIC_TX, rows.map((c) => c.rx), walls, { maxOrder });
      expect(batch.shape).toEqual([6]);
      rows.forEach((c, i) => {
        if (c.power === 0) expect(batch.data[i]).toBe(0);
        else expect(relativeTo(batch.data[i]!, c.power)).toBeLessThan(1e-9);
      });
    }
  });

  it('matches the power and its gradient w.r.t. TX, exact and approximated (max order 0), within 1e-6', () => {
    for (const example of fixture.basic_tx_gradient_examples) {
      const f = (tx: Tensor): Tensor => totalReceivedPower(tx, BASIC_RX, walls, { maxOrder: example.max_order, approx: example.approx });
      expect(relativeTo(f(tensor(example.tx)).item(), example.power)).toBeLessThan(1e-6);
      const g = grad(f)(tensor(example.tx));
      expect(relativeTo(g.data[0]!, example.grad[0])).toBeLessThan(1e-6);
      expect(relativeTo(g.data[1]!, example.grad[1])).toBeLessThan(1e-6);
    }
  });

  it('rejects bad input with a clear error', () => {
    // an empty object list where one is needed
    expect(() => tracePaths(BASIC_TX, BASIC_RX, [], { minOrder: 1, maxOrder: 2 })).toThrow(
      'tracePaths: paths of order >= 1 need at least one object to interact with, but objects is empty',
    );
    expect(() => totalReceivedPower(BASIC_TX, BASIC_RX, [], { order: 1 })).toThrow('totalReceivedPower: paths of order >= 1 need at least one object');
    // a candidate index out of range
    const paths = imagePaths(BASIC_TX, [walls[0]!, walls[2]!], BASIC_RX);
    expect(() => pathValidity(paths, walls, [0, 7])).toThrow('pathValidity: candidate[1] = 7 is out of range for 7 objects');
    expect(() => totalReceivedPower(BASIC_TX, BASIC_RX, walls, { filter: [0, 7] })).toThrow('pathCandidates: filter index 7 is out of range for 7 objects');
    // NaN coordinates
    expect(() => totalReceivedPower(BASIC_TX, [0.3, NaN], walls)).toThrow('totalReceivedPower: rx has a NaN y coordinate');
    expect(() => totalReceivedPower([[0.1, 0.1], [NaN, 0.2]], BASIC_RX, walls)).toThrow('totalReceivedPower: tx[1] has a NaN x coordinate');
    expect(() => imagePaths([NaN, 0], [walls[0]!], BASIC_RX)).toThrow('imagePaths: tx has a NaN x coordinate');
    expect(() => new Wall([[0, NaN], [1, 0]], { name: 'walls[0]' })).toThrow('walls[0]: coordinate origin.y is NaN');
  });
});
