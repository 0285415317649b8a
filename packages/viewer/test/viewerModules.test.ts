/**
 * The viewer's DOM-free modules in node: handles (moving TX, RX and wall
 * ends), order runs, scene files, map grids and colour scales, figure 2's
 * objective.
 */
import { RIS, Wall } from '@differt2d/geometry';
import { basicScene, receivedPowerPerPair, squareScene, validScenePaths } from '@differt2d/scene';
import { describe, expect, it } from 'vitest';
import { alphaAt, objectiveAndGradient, objectiveJobs } from '../src/animation.js';
import { autoDbScale, coverageJobs, gridShape } from '../src/coverage.js';
import { exportName } from '../src/exportView.js';
import { handleLabel, handlePosition, moveHandle, sameHandle, sceneHandles } from '../src/handles.js';
import { figure2Scene, looksLikeGeoJson, sceneFromFile } from '../src/scenes.js';
import { DEFAULT_TRACE_SETTINGS, orderRuns, traceOptions, traceView } from '../src/tracing.js';

describe('handles', () => {
  it('lists TX, RX and both ends of every wall, and says where each is', () => {
    const scene = basicScene();
    const handles = sceneHandles(scene);
    expect(handles).toHaveLength(2 + 7 * 2);
    expect(handlePosition(scene, { kind: 'rx', name: 'rx' })).toEqual([0.302, 0.2147]);
    expect(handlePosition(scene, { kind: 'end', index: 4, end: 1 })).toEqual([0.4, 0.4]);
    expect(handlePosition(scene, { kind: 'tx', name: 'nope' })).toBeNull();
    expect(handleLabel(scene, { kind: 'end', index: 4, end: 1 })).toBe('wall 4, end 2');
    expect(sameHandle({ kind: 'end', index: 4, end: 1 }, { kind: 'end', index: 4, end: 0 })).toBe(false);
  });

  it('moves a corner shared by two walls as one, and refuses a zero-length wall', () => {
    const moved = moveHandle(basicScene(), { kind: 'end', index: 4, end: 1 }, [0.45, 0.5]);
    expect((moved.objects[4] as Wall).xys.toArray()).toEqual([[0.4, 0], [0.45, 0.5]]);
    expect((moved.objects[5] as Wall).xys.toArray()).toEqual([[0.45, 0.5], [0.3, 0.4]]);
    expect((moved.objects[6] as Wall).xys.toArray()).toEqual([[0.1, 0.4], [0, 0.4]]);
    const scene = squareScene().withObjects([new Wall([[0, 0], [1, 0]])]);
    expect(moveHandle(scene, { kind: 'end', index: 0, end: 0 }, [1, 0])).toBe(scene);
    expect(() => moveHandle(scene, { kind: 'end', index: 3, end: 0 }, [1, 0])).toThrow(/object 3 has no movable end points/);
  });

  it('keeps a RIS a RIS with its angle when an end moves', () => {
    const scene = squareScene().withObjects([new RIS([[0.5, 0.3], [0.5, 0.7]], { phi: 0.3 })]);
    const moved = moveHandle(scene, { kind: 'end', index: 0, end: 0 }, [0.4, 0.2]).objects[0] as RIS;
    expect(moved).toBeInstanceOf(RIS);
    expect(moved.phi.item()).toBe(0.3);
    expect(moved.xys.toArray()).toEqual([[0.4, 0.2], [0.5, 0.7]]);
  });
});

describe('tracing', () => {
  it('splits the selected orders into runs, one library call each', () => {
    expect(orderRuns([true, true, true, false])).toEqual([[0, 2]]);
    expect(orderRuns([true, false, true, true])).toEqual([[0, 0], [2, 3]]);
    expect(orderRuns([false, false, false, false])).toEqual([]);
    expect(traceOptions({ ...DEFAULT_TRACE_SETTINGS, approx: true, alpha: 7 }, [1, 1])).toEqual({ minOrder: 1, maxOrder: 1, method: 'image', approx: true, alpha: 7 });
  });

  it('finds the library paths, power and TX gradient of the basic scene', () => {
    const result = traceView(basicScene(), DEFAULT_TRACE_SETTINGS);
    expect(result.error).toBeNull();
    expect(result.paths).toEqual(validScenePaths(basicScene(), { maxOrder: 2 }));
    const { total, pairs } = receivedPowerPerPair(basicScene(), { maxOrder: 2, gradient: true });
    expect(result.total).toBeCloseTo(total, 12);
    expect(result.gradients.get('tx')).toEqual(pairs[0]!.gradTx);
  });

  it("reports the library's error (the image method on a RIS) instead of throwing", () => {
    const scene = squareScene().addObjects(new RIS([[0.5, 0.3], [0.5, 0.7]]));
    const result = traceView(scene, DEFAULT_TRACE_SETTINGS);
    expect(result.paths).toEqual([]);
    expect(result.error).toMatch(/image/i);
  });
});

describe('scene files', () => {
  it('tells GeoJSON from scene JSON and names the file in errors', () => {
    expect(looksLikeGeoJson('{"type": "FeatureCollection", "features": []}')).toBe(true);
    expect(looksLikeGeoJson('{"objects": []}')).toBe(false);
    expect(looksLikeGeoJson('not json')).toBe(false);
    expect(sceneFromFile('a.json', '{"transmitters": {"tx": [0, 0]}, "receivers": {"rx": [1, 1]}}').pairs()).toHaveLength(1);
    expect(() => sceneFromFile('b.json', '{"objects": [{"type": "door"}]}')).toThrow(/^b\.json: scene JSON: objects\[0\]: unknown type "door"/);
    expect(() => sceneFromFile('c.json', '{"transmitters": {"tx": [0, 0]}}')).toThrow(/c\.json: the scene needs at least one transmitter and one receiver \(it has 1 and 0\)/);
  });
});

describe('maps', () => {
  it('grids the scene box with equal cells, in about 20 chunks', () => {
    expect(gridShape(basicScene(), 150)).toEqual({ nx: 150, ny: 150, bbox: [[0, 0], [1, 1]], chunkRows: 8 });
    // TX (0.2, 0.2), RX (0.5, 0.6) and a wall from (0, 0) to (2, 0): a box 2 m by 0.6 m.
    const wide = squareScene().withObjects([new Wall([[0, 0], [2, 0]])]);
    expect(gridShape(wide, 100)).toEqual({ nx: 100, ny: 30, bbox: [[0, 0], [2, 0.6]], chunkRows: 2 });
    const jobs = coverageJobs(basicScene(), { ...DEFAULT_TRACE_SETTINGS, orders: [true, false, true, true] }, 60);
    expect(jobs.map((job) => [job.options.minOrder, job.options.maxOrder])).toEqual([[0, 0], [2, 3]]);
  });

  it('picks a dB range from the data: top rounded up to 5 dB, at most 60 dB deep', () => {
    expect(autoDbScale(new Float64Array([1, 10, 0]))).toEqual({ scale: 'dB', vmin: -20, vmax: -10 });
    expect(autoDbScale(new Float64Array([100, 1e-6]))).toEqual({ scale: 'dB', vmin: -60, vmax: 0 });
    expect(autoDbScale(new Float64Array([0, NaN]))).toEqual({ scale: 'dB', vmin: -60, vmax: 0 });
    expect(autoDbScale(new Float64Array([1]))).toEqual({ scale: 'dB', vmin: -25, vmax: -20 });
  });

  it('names exports after the scene', () => {
    expect(exportName('basic', 'svg')).toBe('differt2d-basic.svg');
    expect(exportName('my scene.geojson', 'png')).toBe('differt2d-my-scene.png');
  });
});

describe('figure 2', () => {
  it('objective: the worse receiver over P0, its gradient that of its power', () => {
    const scene = figure2Scene().withTransmitter('tx', [0.4, 0.1]);
    const { objective, gradient } = objectiveAndGradient(scene, 100);
    const { pairs } = receivedPowerPerPair(scene, { order: 0, approx: true, alpha: 100, gradient: true });
    const worst = pairs[0]!.power < pairs[1]!.power ? pairs[0]! : pairs[1]!;
    expect(objective).toBe(worst.power / 100);
    expect(gradient).toEqual([worst.gradTx![0] / 100, worst.gradTx![1] / 100]);
    expect(alphaAt(0)).toBe(1);
    expect(alphaAt(99)).toBeCloseTo(100, 10);
    expect(objectiveJobs(figure2Scene(), 1, 50).map((job) => [...job.scene.receivers.keys()])).toEqual([['rx_0'], ['rx_1']]);
  });
});
