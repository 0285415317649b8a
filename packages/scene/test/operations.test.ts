/**
 * Scene operations: candidates, paths, valid paths, accumulation, power per
 * pair; parity with DiffeRT2d on its basic scene (fixtures/reference-basic-scene.json,
 * a copy of the tracer's reference values).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { grad, sum, Tensor, tensor } from '@differt2d/autodiff';
import { RIS, Vertex } from '@differt2d/geometry';
import { countPathCandidates, totalReceivedPower } from '@differt2d/tracer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accumulateOverPaths,
  basicScene,
  receivedPowerPerPair,
  sceneCandidates,
  scenePaths,
  squareScene,
  validScenePaths,
  type Scene,
} from '../src/index.js';
import { relativeTo } from '../../../test-support/closeness.js';

interface Reference {
  readonly basic_valid_paths_max_order_2: readonly { candidate: number[]; points: number[][] }[];
  readonly basic_power_sum_over_valid_paths: readonly { rx: [number, number]; max_order: number; power: number }[];
  readonly basic_tx_gradient_examples: readonly { tx: [number, number]; approx: boolean; max_order: number; power: number; grad: [number, number] }[];
}

const reference = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'reference-basic-scene.json'), 'utf8'),
) as Reference;

/** The basic scene with the reference's six receivers, rx_0 .. rx_5. */
function sixReceivers(): Scene {
  const receivers: [string, [number, number]][] = [];
  for (const { rx } of reference.basic_power_sum_over_valid_paths) {
    if (!receivers.some(([, xy]) => xy[0] === rx[0] && xy[1] === rx[1])) receivers.push([`rx_${receivers.length}`, rx]);
  }
  return basicScene().withReceivers(receivers);
}

describe('parity with DiffeRT2d: basic scene', () => {
  it('finds the 12 valid paths up to order 2 through validScenePaths, points within 1e-9', () => {
    const valid = validScenePaths(basicScene(), { maxOrder: 2 });
    const expected = reference.basic_valid_paths_max_order_2;
    expect(valid.length).toBe(12);
    expect(valid.map((p) => p.candidate)).toEqual(expected.map((p) => p.candidate));
    valid.forEach((path, k) => {
      expect(path.tx).toBe('tx');
      expect(path.rx).toBe('rx');
      expect(path.validity).toBe(1);
      const points = expected[k]!.points;
      expect(path.points.length).toBe(points.length);
      path.points.forEach((point, j) => {
        expect(Math.abs(point[0]! - points[j]![0]!)).toBeLessThan(1e-9);
        expect(Math.abs(point[1]! - points[j]![1]!)).toBeLessThan(1e-9);
      });
    });
  });

  it('sums the powers at the six receivers per max order within 1e-9 (0 exactly), per pair and accumulated', () => {
    const scene = sixReceivers();
    for (const maxOrder of [0, 1, 2]) {
      const rows = reference.basic_power_sum_over_valid_paths.filter((c) => c.max_order === maxOrder);
      const { pairs, total } = receivedPowerPerPair(scene, { maxOrder });
      const accumulated = accumulateOverPaths(scene, { maxOrder });
      expect(pairs.length).toBe(6);
      let expectedTotal = 0;
      rows.forEach((row, p) => {
        expect(pairs[p]!.rx).toBe(`rx_${p}`);
        expectedTotal += row.power;
        for (const value of [pairs[p]!.power, accumulated[p]!.value.item()]) {
          if (row.power === 0) expect(value).toBe(0);
          else expect(relativeTo(value, row.power)).toBeLessThan(1e-9);
        }
      });
      expect(relativeTo(total, expectedTotal)).toBeLessThan(1e-9);
      expect(relativeTo(accumulateOverPaths(scene, { maxOrder, reduce: 'sum' }).item(), expectedTotal)).toBeLessThan(1e-9);
    }
  });

  it('matches the power and its gradient w.r.t. TX (exact and approximated) through receivedPowerPerPair, within 1e-6', () => {
    expect(reference.basic_tx_gradient_examples.some((e) => e.approx)).toBe(true);
    for (const example of reference.basic_tx_gradient_examples) {
      const scene = basicScene().withTransmitter('tx', example.tx);
      const [pair] = receivedPowerPerPair(scene, { maxOrder: example.max_order, approx: example.approx, gradient: true }).pairs;
      expect(relativeTo(pair!.power, example.power)).toBeLessThan(1e-6);
      expect(relativeTo(pair!.gradTx![0], example.grad[0])).toBeLessThan(1e-6);
      expect(relativeTo(pair!.gradTx![1], example.grad[1])).toBeLessThan(1e-6);
      // Line of sight only: moving the RX is the mirror image of moving the TX.
      expect(pair!.gradRx![0]).toBeCloseTo(-example.grad[0], 6);
      expect(pair!.gradRx![1]).toBeCloseTo(-example.grad[1], 6);
    }
  });
});

describe('sceneCandidates and scenePaths', () => {
  it('lists every candidate, for every pair in pairs() order, with unweighted powers', () => {
    const scene = basicScene().withTransmitter('tx2', [0.8, 0.7]).withReceiver('rx2', [0.2, 0.9]);
    const candidates = [...sceneCandidates(scene, { maxOrder: 2 })];
    expect(candidates.length).toBe(countPathCandidates(7, { maxOrder: 2 }));
    const paths = [...scenePaths(scene, { maxOrder: 2, prune: false })];
    expect(paths.length).toBe(4 * candidates.length);
    const pairs = scene.pairs();
    paths.forEach((path, index) => {
      const pair = pairs[Math.floor(index / candidates.length)]!;
      expect([path.tx, path.rx]).toEqual([pair.tx, pair.rx]);
      expect(path.candidate).toEqual(candidates[index % candidates.length]);
      expect(path.points.length).toBe(path.candidate.length + 2);
      expect(path.points[0]).toEqual([...pair.txPoint.xy.data]);
      expect(path.validity === 0 || path.validity === 1).toBe(true);
      expect(path.power).toBeGreaterThan(0);
    });
    const valid = paths.filter((p) => p.validity === 1);
    expect(validScenePaths(scene, { maxOrder: 2 })).toEqual(valid);
  });

  it('keeps paths above 0.5 under approximation (is_true)', () => {
    const paths = [...scenePaths(basicScene(), { maxOrder: 1, approx: true })];
    const valid = validScenePaths(basicScene(), { maxOrder: 1, approx: true });
    expect(valid).toEqual(paths.filter((p) => p.validity > 0.5));
    expect(valid.map((p) => p.candidate)).toEqual(validScenePaths(basicScene(), { maxOrder: 1 }).map((p) => p.candidate));
  });

  it('traces with Fermat and min-path tracers: the same valid paths and powers as the image method on walls', () => {
    const image = validScenePaths(basicScene(), { maxOrder: 2 });
    for (const method of ['fermat', 'mpt'] as const) {
      const traced = validScenePaths(basicScene(), { maxOrder: 2, method });
      expect(traced.map((p) => p.candidate)).toEqual(image.map((p) => p.candidate));
      traced.forEach((path, k) => expect(relativeTo(path.power, image[k]!.power)).toBeLessThan(1e-9));
    }
  });

  it('traces a RIS with the min-path method (figure 1: the point (0.5, y - (0.5 - x)))', () => {
    const scene = squareScene()
      .addObjects(new RIS([[0.5, 0.3], [0.5, 0.7]], { phi: Math.PI / 4 }))
      .withReceiver('rx', [0.3, 0.6]);
    const [path] = validScenePaths(scene, { order: 1, filter: [4], method: 'mpt' });
    expect(path!.candidate).toEqual([4]);
    expect(path!.points[1]![0]).toBeCloseTo(0.5, 9);
    expect(path!.points[1]![1]).toBeCloseTo(0.6 - (0.5 - 0.3), 9);
  });

  it('rejects bad input at the call, naming the option or object', () => {
    const ris = squareScene().addObjects(new RIS([[0.5, 0.3], [0.5, 0.7]]));
    expect(() => scenePaths(ris, { order: 1 })).toThrow(/objects\[4\] is a ris.*image method/);
    expect(() => scenePaths(basicScene(), { method: 'magic' as never })).toThrow("scenePaths: method must be one of 'image', 'fermat', 'mpt', got \"magic\"");
    expect(() => scenePaths(basicScene(), { method: 'mpt', solver: 'newton' as never })).toThrow("scenePaths: solver must be 'lm' or 'adam'");
    expect(() => validScenePaths(basicScene(), { maxOrder: -1 })).toThrow('maxOrder must be a non-negative integer');
    expect(() => sceneCandidates(basicScene(), { filter: [9] })).toThrow('filter index 9 is out of range for 7 objects');
    expect(() => accumulateOverPaths(basicScene(), { reduce: 'max' as never })).toThrow("accumulateOverPaths: reduce must be 'pairs' or 'sum'");
    expect(() => receivedPowerPerPair(basicScene(), { gradient: 'yes' as never })).toThrow('receivedPowerPerPair: gradient must be a boolean');
    // a vertex may be traced with Fermat paths, and only filtered out with the image method
    const withVertex = basicScene().addObjects(new Vertex([0.3, 0.4]));
    expect(() => receivedPowerPerPair(withVertex, { order: 1 })).toThrow(/objects\[7\] is a vertex/);
    expect(receivedPowerPerPair(withVertex, { order: 1, filter: (i) => i < 7 }).total).toBeGreaterThan(0);
  });
});

describe('accumulateOverPaths and receivedPowerPerPair', () => {
  it('accumulates any function of the paths, per pair or summed', () => {
    const scene = basicScene().withReceiver('rx2', [0.8, 0.8]);
    const counts = accumulateOverPaths(scene, { maxOrder: 2, fn: ({ validity }) => validity });
    expect(counts.map(({ tx, rx, value }) => [tx, rx, value.item()])).toEqual([
      ['tx', 'rx', 12],
      ['tx', 'rx2', validScenePaths(scene.withoutReceiver('rx'), { maxOrder: 2 }).length],
    ]);
    const lengths = accumulateOverPaths(basicScene(), { order: 0, fn: ({ paths }) => sum(paths.points), reduce: 'sum' });
    expect(lengths.item()).toBeCloseTo(0.1 + 0.1 + 0.302 + 0.2147, 12);
    expect(accumulateOverPaths(basicScene().withReceivers({}), { reduce: 'sum' }).item()).toBe(0);
    expect(receivedPowerPerPair(basicScene().withReceivers({}))).toEqual({ pairs: [], total: 0 });
  });

  it('is differentiable: the gradient of the accumulated power equals receivedPowerPerPair gradTx', () => {
    const options = { maxOrder: 1, approx: true } as const;
    const g = grad((tx: Tensor) => accumulateOverPaths(basicScene().withTransmitter('tx', tx), { ...options, reduce: 'sum' }))(tensor([0.2, 0.15]));
    const [pair] = receivedPowerPerPair(basicScene().withTransmitter('tx', [0.2, 0.15]), { ...options, gradient: true }).pairs;
    expect(g.data[0]).toBeCloseTo(pair!.gradTx![0], 9);
    expect(g.data[1]).toBeCloseTo(pair!.gradTx![1], 9);
  });

  it('gives every pair the power of its own call (pairs batched), and gradients matching finite differences', () => {
    const unit = fc.double({ min: 0.01, max: 0.99, noNaN: true });
    const xy = fc.tuple(unit, unit);
    fc.assert(
      fc.property(fc.array(xy, { minLength: 1, maxLength: 3 }), fc.array(xy, { minLength: 1, maxLength: 3 }), (txs, rxs) => {
        const scene = basicScene()
          .withTransmitters(txs.map((p, i) => [`tx_${i}`, p] as const))
          .withReceivers(rxs.map((p, i) => [`rx_${i}`, p] as const));
        const { pairs, total } = receivedPowerPerPair(scene, { maxOrder: 2, gradient: true });
        let sumOfPairs = 0;
        scene.pairs().forEach((pair, p) => {
          const alone = totalReceivedPower(pair.txPoint.xy, pair.rxPoint.xy, scene.objects, { maxOrder: 2 }).item();
          expect(pairs[p]!.power).toBe(alone);
          sumOfPairs += alone;
          // d power / d rx.x by central differences (exact validity: away from validity changes)
          const h = 1e-7;
          const at = (dx: number) =>
            totalReceivedPower(pair.txPoint.xy, [pair.rxPoint.xy.data[0]! + dx, pair.rxPoint.xy.data[1]!], scene.objects, { maxOrder: 2 }).item();
          const plus = at(h);
          const minus = at(-h);
          const nearJump = Math.abs(plus - alone) > 1e-3 * Math.max(1, alone) || Math.abs(minus - alone) > 1e-3 * Math.max(1, alone);
          if (!nearJump) expect(pairs[p]!.gradRx![0]).toBeCloseTo((plus - minus) / (2 * h), 2);
        });
        expect(total).toBeCloseTo(sumOfPairs, 9);
      }),
      { numRuns: 25 },
    );
  });
});
