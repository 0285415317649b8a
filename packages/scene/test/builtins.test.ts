import { key, split, uniform } from '@differt2d/autodiff';
import { Wall, type Interactable } from '@differt2d/geometry';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  basicScene,
  BUILTIN_SCENE_NAMES,
  builtinScene,
  isBuiltinSceneName,
  randomScene,
  squareScene,
  squareSceneWithObstacle,
  squareSceneWithWall,
  type Scene,
} from '../src/index.js';
import { BASIC_RX, BASIC_TX, BASIC_WALLS } from '../../../test-support/basicScene.js';

/** A scene as plain numbers: names and coordinates of TX and RX, each wall's xys. */
function plain(scene: Scene) {
  const points = (map: Scene['transmitters']) => Object.fromEntries([...map].map(([name, p]) => [name, p.xy.toArray()]));
  return {
    transmitters: points(scene.transmitters),
    receivers: points(scene.receivers),
    walls: scene.objects.map((o: Interactable) => {
      expect(o).toBeInstanceOf(Wall);
      expect(o.kind).toBe('wall');
      return (o as Wall).xys.toArray();
    }),
  };
}

// REFERENCE.md, "Scenes": coordinates and wall order of DiffeRT2d's built-ins.
const SQUARE_WALLS = [
  [[0, 0], [1, 0]],
  [[1, 0], [1, 1]],
  [[1, 1], [0, 1]],
  [[0, 1], [0, 0]],
];

describe('built-in scenes: the reference coordinates, exactly', () => {
  it('basic', () => {
    expect(plain(basicScene())).toEqual({
      transmitters: { tx: BASIC_TX },
      receivers: { rx: BASIC_RX },
      walls: BASIC_WALLS,
    });
  });

  it('square', () => {
    expect(plain(squareScene())).toEqual({ transmitters: { tx: [0.2, 0.2] }, receivers: { rx: [0.5, 0.6] }, walls: SQUARE_WALLS });
  });

  it('square-with-wall, ratio 0.6 by default and any ratio in (0, 1]', () => {
    expect(plain(squareSceneWithWall())).toEqual({
      transmitters: { tx: [0.2, 0.5] },
      receivers: { rx: [0.8, 0.5] },
      walls: [...SQUARE_WALLS, [[0.5, 0.2], [0.5, 0.8]]],
    });
    fc.assert(
      fc.property(fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true }), (ratio) => {
        const [y0, y1] = [0.5 * (1 - ratio), 0.5 * (1 + ratio)];
        if (y0 === y1) expect(() => squareSceneWithWall({ ratio })).toThrow(`squareSceneWithWall: ratio ${ratio} is too small: the wall would have zero length`);
        else expect(plain(squareSceneWithWall({ ratio })).walls[4]).toEqual([[0.5, y0], [0.5, y1]]);
      }),
    );
  });

  it('square-with-obstacle, ratio 0.1 by default and any ratio in (0, 1)', () => {
    const obstacle = (x0: number, x1: number) => [
      [[x0, x0], [x1, x0]],
      [[x1, x0], [x1, x1]],
      [[x1, x1], [x0, x1]],
      [[x0, x1], [x0, x0]],
    ];
    expect(plain(squareSceneWithObstacle())).toEqual({
      transmitters: { tx: [0.2, 0.2] },
      receivers: { rx: [0.5, 0.6] },
      walls: [...SQUARE_WALLS, ...obstacle(0.45, 0.55)],
    });
    fc.assert(
      fc.property(fc.double({ min: Number.MIN_VALUE, max: 1, maxExcluded: true, noNaN: true }), (ratio) => {
        const [x0, x1] = [0.5 - 0.5 * ratio, 0.5 + 0.5 * ratio];
        if (x0 === x1) expect(() => squareSceneWithObstacle({ ratio })).toThrow(`ratio ${ratio} is too small`);
        else expect(plain(squareSceneWithObstacle({ ratio })).walls.slice(4)).toEqual(obstacle(x0, x1));
      }),
    );
  });

  it('rejects a ratio out of range, naming it', () => {
    for (const ratio of [0, -0.5, 1.5, NaN, Infinity]) {
      expect(() => squareSceneWithWall({ ratio })).toThrow(`squareSceneWithWall: ratio must be a number in (0, 1], got ${ratio}`);
    }
    for (const ratio of [0, 1, 2, NaN]) {
      expect(() => squareSceneWithObstacle({ ratio })).toThrow(`squareSceneWithObstacle: ratio must be a number in (0, 1), got ${ratio}`);
    }
    expect(() => squareSceneWithWall({ ratio: '0.5' as never })).toThrow('got "0.5"');
  });

  it('gives new scenes each time (nothing shared to mutate)', () => {
    expect(basicScene()).not.toBe(basicScene());
    expect(basicScene().objects[0]).not.toBe(basicScene().objects[0]);
  });
});

describe('randomScene', () => {
  const options = fc.record({
    seed: fc.integer({ min: -1e9, max: 1e9 }),
    transmitters: fc.integer({ min: 0, max: 3 }),
    walls: fc.integer({ min: 0, max: 20 }),
    receivers: fc.integer({ min: 0, max: 3 }),
  });

  it('draws TX, walls and RX uniformly in the unit square, in the documented order', () => {
    fc.assert(
      fc.property(options, (o) => {
        const scene = randomScene(o);
        const [txKey, wallKey, rxKey] = split(key(o.seed), 3);
        const expected = {
          transmitters: Object.fromEntries((uniform(txKey!, [o.transmitters, 2]).toArray() as number[][]).map((xy, i) => [`tx_${i}`, xy])),
          receivers: Object.fromEntries((uniform(rxKey!, [o.receivers, 2]).toArray() as number[][]).map((xy, i) => [`rx_${i}`, xy])),
          walls: uniform(wallKey!, [o.walls, 2, 2]).toArray(),
        };
        expect(plain(scene)).toEqual(expected);
        for (const p of [...scene.transmitters.values(), ...scene.receivers.values()]) {
          for (const v of p.xy.data) expect(v >= 0 && v < 1).toBe(true);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('is reproducible with a seed, different across seeds, and a longer draw extends a shorter one', () => {
    fc.assert(
      fc.property(options, fc.integer({ min: 1, max: 10 }), (o, more) => {
        expect(plain(randomScene(o))).toEqual(plain(randomScene(o)));
        const other = plain(randomScene({ ...o, seed: o.seed + 1 }));
        if (o.walls > 0) expect(other.walls).not.toEqual(plain(randomScene(o)).walls);
        const bigger = plain(randomScene({ ...o, walls: o.walls + more, transmitters: o.transmitters + 1 }));
        const smaller = plain(randomScene(o));
        expect(bigger.walls.slice(0, o.walls)).toEqual(smaller.walls);
        expect(bigger.receivers).toEqual(smaller.receivers);
        for (const [name, xy] of Object.entries(smaller.transmitters)) expect(bigger.transmitters[name]).toEqual(xy);
      }),
      { numRuns: 30 },
    );
  });

  it('has one TX, one wall (as DiffeRT2d) and one RX by default, and accepts a PRNG key as seed', () => {
    const scene = randomScene({ seed: 0 });
    expect([...scene.transmitters.keys()]).toEqual(['tx_0']);
    expect([...scene.receivers.keys()]).toEqual(['rx_0']);
    expect(scene.objects.length).toBe(1);
    expect(plain(randomScene({ seed: key(0) }))).toEqual(plain(scene));
    expect(scene.pairs().map(({ tx, rx }) => `${tx}->${rx}`)).toEqual(['tx_0->rx_0']);
  });

  it('rejects a bad seed or count, naming it', () => {
    expect(() => randomScene({} as never)).toThrow('randomScene: seed must be an integer or a PRNGKey, got nothing');
    expect(() => randomScene({ seed: 1.5 })).toThrow('randomScene: seed must be an integer or a PRNGKey, got 1.5');
    expect(() => randomScene({ seed: 0, walls: -1 })).toThrow('randomScene: walls must be a non-negative integer, got -1');
    expect(() => randomScene({ seed: 0, receivers: 0.5 })).toThrow('randomScene: receivers must be a non-negative integer, got 0.5');
    expect(() => randomScene({ seed: 0, transmitters: NaN })).toThrow('randomScene: transmitters must be a non-negative integer, got NaN');
  });
});

describe('builtinScene', () => {
  it('knows the six names, and makes the same scenes as the functions', () => {
    expect(BUILTIN_SCENE_NAMES).toEqual(['basic', 'square', 'square-with-wall', 'square-with-obstacle', 'random', 'city']);
    expect(plain(builtinScene('basic'))).toEqual(plain(basicScene()));
    expect(plain(builtinScene('square', {}))).toEqual(plain(squareScene()));
    expect(plain(builtinScene('square-with-wall', { ratio: 0.3 }))).toEqual(plain(squareSceneWithWall({ ratio: 0.3 })));
    expect(plain(builtinScene('square-with-obstacle'))).toEqual(plain(squareSceneWithObstacle()));
    expect(plain(builtinScene('random', { seed: 5, walls: 3 }))).toEqual(plain(randomScene({ seed: 5, walls: 3 })));
    expect(isBuiltinSceneName('random')).toBe(true);
    expect(isBuiltinSceneName('toString')).toBe(false);
    expect(isBuiltinSceneName(3)).toBe(false);
  });

  it('rejects an unknown name listing the valid ones, and an option the scene does not have', () => {
    expect(() => builtinScene('office')).toThrow(
      'builtinScene: unknown built-in scene "office" (expected one of "basic", "square", "square-with-wall", "square-with-obstacle", "random", "city")',
    );
    expect(() => builtinScene('constructor')).toThrow('unknown built-in scene "constructor"');
    expect(() => builtinScene('square', { ratio: 0.5 } as never)).toThrow('builtinScene: "square" has no option "ratio" (its options: none)');
    expect(() => builtinScene('random', { seed: 1, wall: 3 } as never)).toThrow(
      'builtinScene: "random" has no option "wall" (its options: "seed", "transmitters", "walls", "receivers")',
    );
    expect(() => builtinScene('basic', 3 as never)).toThrow('builtinScene: options of "basic" must be an object, got 3');
  });

  it('types the options of each name (checked by tsc)', () => {
    // @ts-expect-error the random scene needs a seed
    expect(() => builtinScene('random')).toThrow('seed must be an integer');
    // @ts-expect-error misspelt option
    expect(() => builtinScene('square-with-wall', { ratoi: 0.5 })).toThrow('has no option "ratoi"');
    const name: string = 'square';
    expect(builtinScene(name, {}).objects.length).toBe(4);
  });
});
