/**
 * The `city` built-in scene: 4 walls per building, closed axis-aligned
 * rectangles inside their blocks, never overlapping or touching; TX and RX
 * in the streets; deterministic per seed; bad options rejected by name; and
 * the command line's `--scene city`.
 */
import fc from 'fast-check';
import { Wall } from '@differt2d/geometry';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENE_NAMES, builtinScene, cityScene, type CitySceneOptions, type Scene } from '../src/index.js';
import { main, type CliIo } from '../src/cli/cli.js';
import type { PathsJson } from '../src/cli/pathsCommand.js';

/** A building: its rectangle `[x0, y0, x1, y1]` (metres). */
type Rectangle = [number, number, number, number];

/** The buildings of a city, checking that each group of 4 walls closes an axis-aligned rectangle in the documented order. */
function buildingsOf(scene: Scene): Rectangle[] {
  expect(scene.objects.length % 4).toBe(0);
  const rectangles: Rectangle[] = [];
  for (let b = 0; b < scene.objects.length; b += 4) {
    const ends = scene.objects.slice(b, b + 4).map((object) => {
      expect(object).toBeInstanceOf(Wall);
      return Array.from((object as Wall).xys.data);
    });
    const [x0, y0, x1] = ends[0]!;
    const y1 = ends[1]![3]!;
    expect(ends).toEqual([
      [x0, y0, x1, y0],
      [x1, y0, x1, y1],
      [x1, y1, x0, y1],
      [x0, y1, x0, y0],
    ]);
    expect(x1).toBeGreaterThan(x0!);
    expect(y1).toBeGreaterThan(y0!);
    rectangles.push([x0!, y0!, x1!, y1]);
  }
  return rectangles;
}

/** The gap between two rectangles (0 when they touch or overlap): the larger of the x and y gaps. */
function gap(a: Rectangle, b: Rectangle): number {
  return Math.max(b[0] - a[2], a[0] - b[2], b[1] - a[3], a[1] - b[3], 0);
}

/** The distance from a point to a rectangle (0 inside or on it). */
function distanceToRectangle(x: number, y: number, r: Rectangle): number {
  const dx = Math.max(r[0] - x, 0, x - r[2]);
  const dy = Math.max(r[1] - y, 0, y - r[3]);
  return Math.hypot(dx, dy);
}

/** A scene's numbers, for equality. */
function plain(scene: Scene) {
  return {
    tx: [...scene.transmitters].map(([name, point]) => [name, point.xy.toArray()]),
    rx: [...scene.receivers].map(([name, point]) => [name, point.xy.toArray()]),
    walls: scene.objects.map((object) => Array.from((object as Wall).xys.data)),
  };
}

const cityOptions = fc.record({
  buildings: fc.integer({ min: 1, max: 150 }),
  seed: fc.integer({ min: -1e9, max: 1e9 }),
  blockSize: fc.double({ min: 1, max: 200, noNaN: true }),
  streetWidth: fc.double({ min: 0.5, max: 60, noNaN: true }),
});

describe('cityScene: layout', () => {
  it('has 4 walls per building, each building a rectangle inside its block (between 0.4 and 1 block side)', () => {
    fc.assert(
      fc.property(cityOptions, (options) => {
        const scene = cityScene(options);
        expect(scene.objects.length).toBe(4 * options.buildings);
        const columns = Math.ceil(Math.sqrt(options.buildings));
        const pitch = options.blockSize + options.streetWidth;
        buildingsOf(scene).forEach(([x0, y0, x1, y1], b) => {
          const blockX = (b % columns) * pitch + options.streetWidth;
          const blockY = Math.floor(b / columns) * pitch + options.streetWidth;
          const slack = 1e-9 * pitch * (columns + 1);
          expect(x0).toBeGreaterThanOrEqual(blockX - slack);
          expect(y0).toBeGreaterThanOrEqual(blockY - slack);
          expect(x1).toBeLessThanOrEqual(blockX + options.blockSize + slack);
          expect(y1).toBeLessThanOrEqual(blockY + options.blockSize + slack);
          expect(x1 - x0).toBeGreaterThanOrEqual(0.4 * options.blockSize - slack);
          expect(y1 - y0).toBeGreaterThanOrEqual(0.4 * options.blockSize - slack);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('never lets two buildings overlap or touch: they are at least a street width apart', () => {
    fc.assert(
      fc.property(cityOptions, (options) => {
        const rectangles = buildingsOf(cityScene(options));
        for (let a = 0; a < rectangles.length; a++) {
          for (let b = a + 1; b < rectangles.length; b++) {
            expect(gap(rectangles[a]!, rectangles[b]!)).toBeGreaterThanOrEqual(options.streetWidth * (1 - 1e-9));
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it('puts TX and RX in the streets: at distinct crossings, at least half a street width from every building', () => {
    fc.assert(
      fc.property(cityOptions, (options) => {
        const scene = cityScene(options);
        const rectangles = buildingsOf(scene);
        const tx = scene.transmitter('tx').xy.toArray() as [number, number];
        const rx = scene.receiver('rx').xy.toArray() as [number, number];
        expect([...scene.transmitters.keys()]).toEqual(['tx']);
        expect([...scene.receivers.keys()]).toEqual(['rx']);
        expect(tx).not.toEqual(rx);
        for (const [x, y] of [tx, rx]) {
          for (const rectangle of rectangles) {
            expect(distanceToRectangle(x, y, rectangle)).toBeGreaterThanOrEqual(0.5 * options.streetWidth * (1 - 1e-9));
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('stands TX at the crossing nearest the centre, in metres (500 buildings: a 23 x 22 grid, blocks 70 m apart)', () => {
    const scene = cityScene({ buildings: 500 });
    expect(scene.objects.length).toBe(2000);
    expect(scene.transmitter('tx').xy.toArray()).toEqual([11 * 70 + 10, 11 * 70 + 10]);
    const box = scene.boundingBox().toArray() as number[][];
    // Buildings span blocks 0..22 along x and 0..21 along y, inside [20, 1630] x [20, 1560].
    expect(box[0]![0]).toBeGreaterThanOrEqual(10);
    expect(box[1]![0]).toBeLessThanOrEqual(23 * 70 + 20);
    expect(box[1]![1]).toBeLessThanOrEqual(22 * 70 + 20);
    expect(box[1]![1]).toBeGreaterThan(21 * 70 + 20);
  });

  it('has a receiver even with one building (two crossings at least)', () => {
    const scene = cityScene({ buildings: 1, seed: 3 });
    expect(scene.objects.length).toBe(4);
    expect(scene.transmitter('tx').xy.toArray()).toEqual([10, 10]);
    expect([[80, 10], [10, 80], [80, 80]]).toContainEqual(scene.receiver('rx').xy.toArray());
  });
});

describe('cityScene: seeds', () => {
  it('is the same city for the same seed (and defaults: 100 buildings, seed 0)', () => {
    fc.assert(
      fc.property(cityOptions, (options) => {
        expect(plain(cityScene(options))).toEqual(plain(cityScene({ ...options })));
      }),
      { numRuns: 15 },
    );
    expect(plain(cityScene())).toEqual(plain(cityScene({ buildings: 100, seed: 0, blockSize: 50, streetWidth: 20 })));
    expect(cityScene().objects.length).toBe(400);
  });

  it('is another city for another seed: every wall set differs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 2, max: 60 }), (seed, offset, buildings) => {
        const a = plain(cityScene({ buildings, seed }));
        const b = plain(cityScene({ buildings, seed: seed + offset }));
        expect(a.walls).not.toEqual(b.walls);
      }),
      { numRuns: 30 },
    );
  });
});

describe('cityScene: bad options', () => {
  const cases: [string, CitySceneOptions, RegExp][] = [
    ['zero buildings', { buildings: 0 }, /^cityScene: buildings must be an integer from 1 to 100000, got 0$/],
    ['too many buildings', { buildings: 100_001 }, /^cityScene: buildings must be an integer from 1 to 100000, got 100001$/],
    ['fractional buildings', { buildings: 1.5 }, /^cityScene: buildings must be a non-negative integer, got 1.5$/],
    ['negative buildings', { buildings: -3 }, /^cityScene: buildings must be a non-negative integer, got -3$/],
    ['text buildings', { buildings: 'ten' as never }, /^cityScene: buildings must be a non-negative integer, got "ten"$/],
    ['fractional seed', { seed: 0.5 }, /^cityScene: seed must be an integer or a PRNGKey, got 0.5$/],
    ['zero block', { blockSize: 0 }, /^cityScene: blockSize must be a finite number > 0 \(metres\), got 0$/],
    ['NaN block', { blockSize: Number.NaN }, /^cityScene: blockSize must be a finite number > 0 \(metres\), got NaN$/],
    ['negative street', { streetWidth: -5 }, /^cityScene: streetWidth must be a finite number > 0 \(metres\), got -5$/],
    ['infinite street', { streetWidth: Number.POSITIVE_INFINITY }, /^cityScene: streetWidth must be a finite number > 0 \(metres\), got Infinity$/],
    ['overflowing city', { blockSize: 1e308, streetWidth: 1e308 }, /^cityScene: blockSize 1e\+308 and streetWidth 1e\+308 make the city too large/],
    ['block too small to draw', { blockSize: 1e-300, streetWidth: 1 }, /^cityScene: blockSize 1e-300 is too small .*zero length$/],
  ];
  for (const [what, options, message] of cases) {
    it(`${what}: a clear error`, () => {
      expect(() => cityScene(options)).toThrow(message);
    });
  }

  it('rejects options that are not an object', () => {
    expect(() => cityScene(null as never)).toThrow(/^cityScene: options must be an object, got null$/);
  });
});

describe('city in the registry and on the command line', () => {
  it('is the built-in scene "city", with its options, and rejects a misspelt one', () => {
    expect(BUILTIN_SCENE_NAMES).toContain('city');
    expect(plain(builtinScene('city', { buildings: 7, seed: 2 }))).toEqual(plain(cityScene({ buildings: 7, seed: 2 })));
    expect(plain(builtinScene('city'))).toEqual(plain(cityScene()));
    expect(() => builtinScene('city', { building: 3 } as never)).toThrow(
      'builtinScene: "city" has no option "building" (its options: "buildings", "seed", "blockSize", "streetWidth")',
    );
  });

  /** Runs the command line in-process, capturing its output. */
  async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const io: CliIo = { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), isTTY: false };
    const code = await main(args, io);
    return { code, stdout, stderr };
  }

  it('differt2d paths --scene city traces the default city (400 walls): the line of sight along the street of TX', async () => {
    // TX stands at crossing (5, 5), (360, 360); (360, 640) is crossing (5, 9), up the same street.
    const { code, stdout, stderr } = await run(['paths', '--scene', 'city', '--rx', '360,640', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as PathsJson;
    expect(output.paths.map((path) => path.candidate)).toContainEqual([]);
    for (const path of output.paths) {
      expect([path.tx, path.rx]).toEqual(['tx', 'rx']);
      expect(path.candidate.every((index) => index >= 0 && index < 400)).toBe(true);
      expect(path.points[0]).toEqual([360, 360]);
      expect(path.points.at(-1)).toEqual([360, 640]);
      expect(path.power).toBeGreaterThan(0);
    }
  });

  it('differt2d paths --scene city:buildings=9,... takes the options; a bad one is exit code 2 with one line', async () => {
    const spec = 'city:buildings=9,seed=4,blockSize=30,streetWidth=10';
    const scene = cityScene({ buildings: 9, seed: 4, blockSize: 30, streetWidth: 10 });
    const tx = scene.transmitter('tx').xy.toArray() as [number, number];
    expect(tx).toEqual([45, 45]);
    // (45, 125): crossing (1, 3), up the street of TX.
    const small = await run(['paths', '--scene', spec, '--rx', '45,125', '--max-order', '2', '--json']);
    expect(small.stderr).toBe('');
    expect(small.code).toBe(0);
    const output = JSON.parse(small.stdout) as PathsJson;
    expect(output.paths.map((path) => path.candidate)).toContainEqual([]);
    for (const path of output.paths) {
      expect(path.candidate.every((index) => index >= 0 && index < 36)).toBe(true);
      expect(path.points[0]).toEqual(tx);
      expect(path.points.at(-1)).toEqual([45, 125]);
    }
    const bad = await run(['paths', '--scene', 'city:buildings=0', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^differt2d: error: --scene city:buildings=0: buildings must be an integer from 1 to 100000, got 0\n$/);
  });
});
