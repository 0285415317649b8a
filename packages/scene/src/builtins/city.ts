/**
 * The `city` built-in scene: a seeded synthetic city for scaling studies.
 *
 * @module
 */
import { key, PRNGKey, split, uniform } from '@differt2d/autodiff';
import { Wall } from '@differt2d/geometry';
import { describeValue } from '../scene/describe.js';
import { Scene } from '../scene/scene.js';
import { countOption, lengthOption } from './options.js';

/**
 * Options of `cityScene`.
 *
 * @example
 * ```ts
 * const options: CitySceneOptions = { buildings: 500, seed: 1, blockSize: 40, streetWidth: 15 };
 * cityScene(options).objects.length; // 2000
 * ```
 */
export interface CitySceneOptions {
  /** Number of buildings, 1 to 100,000 (4 walls each); default 100. */
  buildings?: number | undefined;
  /** The seed: an integer (for `key(seed)`) or a PRNG key; default 0. */
  seed?: number | PRNGKey | undefined;
  /** The side of a square block (metres); each building is a rectangle inside its block. Default 50. */
  blockSize?: number | undefined;
  /** The width of the streets between blocks and around the city (metres). Default 20. */
  streetWidth?: number | undefined;
}

/** The most buildings a city may have: 400,000 walls, a few hundred MB. */
const MAX_BUILDINGS = 100_000;

/** A building's side is at least this fraction of its block's side. */
const MIN_FILL = 0.4;

/**
 * A synthetic city (metres): `buildings` rectangular buildings on a
 * near-square grid of square blocks (`columns = ceil(sqrt(buildings))`,
 * `rows = ceil(buildings / columns)`, filled row by row from the south-west;
 * the last row may be part-filled), with streets of `streetWidth` between
 * the blocks and around the city. Street `k` (vertical) spans
 * `x in [k p, k p + streetWidth]`, `p = blockSize + streetWidth`; block
 * `(i, j)` spans `[i p + streetWidth, i p + streetWidth + blockSize]` in x
 * (and likewise in y).
 *
 * Each building is a rectangle of random width and depth (each between 0.4
 * and 1 times `blockSize`) at a random place inside its block, so two
 * buildings are always at least `streetWidth` apart. It has 4 walls, in the
 * order (x0,y0)-(x1,y0), (x1,y0)-(x1,y1), (x1,y1)-(x0,y1), (x0,y1)-(x0,y0):
 * `4 * buildings` walls, building `b`'s at indices `4b` to `4b + 3`.
 *
 * The transmitter `tx` stands at the centre of the street crossing nearest
 * the city's centre (crossing `(floor(columns / 2), floor(rows / 2))`); the
 * receiver `rx` at the centre of another crossing drawn from the seed. Both
 * are in streets, never inside a building.
 *
 * Draw order (so that a city can be made again from its seed):
 * `[sizeKey, placeKey, rxKey] = split(key(seed), 3)`; `uniform(sizeKey,
 * [buildings, 2])` gives each building's width and depth fractions,
 * `uniform(placeKey, [buildings, 2])` its place in the leftover of its block
 * along x and y, `uniform(rxKey, [1])` the receiver's crossing.
 *
 * @throws Error naming the option for a bad `buildings` (not an integer in
 *   [1, 100000]), `seed`, `blockSize` or `streetWidth` (not a finite number
 *   > 0), or a `blockSize` so small against the city's extent that a wall
 *   would have zero length.
 * @example
 * ```ts
 * const city = cityScene({ buildings: 500, seed: 7 });
 * city.objects.length; // 2000
 * city.transmitter('tx').xy.toArray(); // [780, 780]: crossing (11, 11) of a 23 x 22 grid, 70 m apart
 * builtinScene('city', { buildings: 10 }); // the same through the registry
 * ```
 */
export function cityScene(options: CitySceneOptions = {}): Scene {
  const op = 'cityScene';
  if (options === null || typeof options !== 'object') throw new Error(`${op}: options must be an object, got ${describeValue(options)}`);
  const seed = options.seed ?? 0;
  if (!(seed instanceof PRNGKey) && !(typeof seed === 'number' && Number.isSafeInteger(seed))) {
    throw new Error(`${op}: seed must be an integer or a PRNGKey, got ${describeValue(seed)}`);
  }
  const buildings = countOption(op, 'buildings', options.buildings ?? 100);
  if (buildings < 1 || buildings > MAX_BUILDINGS) {
    throw new Error(`${op}: buildings must be an integer from 1 to ${MAX_BUILDINGS}, got ${buildings}`);
  }
  const blockSize = lengthOption(op, 'blockSize', options.blockSize ?? 50);
  const streetWidth = lengthOption(op, 'streetWidth', options.streetWidth ?? 20);
  const pitch = blockSize + streetWidth;
  if (!Number.isFinite(pitch * (Math.ceil(Math.sqrt(buildings)) + 1))) {
    throw new Error(`${op}: blockSize ${blockSize} and streetWidth ${streetWidth} make the city too large for finite coordinates`);
  }

  const columns = Math.ceil(Math.sqrt(buildings));
  const rows = Math.ceil(buildings / columns);
  const [sizeKey, placeKey, rxKey] = split(seed instanceof PRNGKey ? seed : key(seed), 3) as [PRNGKey, PRNGKey, PRNGKey];
  const sizes = uniform(sizeKey, [buildings, 2]).data;
  const places = uniform(placeKey, [buildings, 2]).data;
  const rxDraw = uniform(rxKey, [1]).data[0]!;

  const walls: Wall[] = new Array<Wall>(4 * buildings);
  for (let b = 0; b < buildings; b++) {
    const blockX = (b % columns) * pitch + streetWidth;
    const blockY = Math.floor(b / columns) * pitch + streetWidth;
    const width = blockSize * (MIN_FILL + (1 - MIN_FILL) * sizes[2 * b]!);
    const depth = blockSize * (MIN_FILL + (1 - MIN_FILL) * sizes[2 * b + 1]!);
    const x0 = blockX + (blockSize - width) * places[2 * b]!;
    const y0 = blockY + (blockSize - depth) * places[2 * b + 1]!;
    // Rounding may push the far side an ulp past the block: clamp it back, so
    // that a building never leaves its block.
    const x1 = Math.min(x0 + width, blockX + blockSize);
    const y1 = Math.min(y0 + depth, blockY + blockSize);
    if (!(x1 > x0 && y1 > y0)) {
      throw new Error(`${op}: blockSize ${blockSize} is too small for a city ${columns * pitch + streetWidth} m across: building ${b}'s walls would have zero length`);
    }
    walls[4 * b] = new Wall([[x0, y0], [x1, y0]]);
    walls[4 * b + 1] = new Wall([[x1, y0], [x1, y1]]);
    walls[4 * b + 2] = new Wall([[x1, y1], [x0, y1]]);
    walls[4 * b + 3] = new Wall([[x0, y1], [x0, y0]]);
  }

  const crossingsX = columns + 1;
  const crossingCount = crossingsX * (rows + 1);
  const txCrossing = Math.floor(rows / 2) * crossingsX + Math.floor(columns / 2);
  // Any other crossing, uniformly: draw among crossingCount - 1 and skip the transmitter's.
  let rxCrossing = Math.min(crossingCount - 2, Math.floor(rxDraw * (crossingCount - 1)));
  if (rxCrossing >= txCrossing) rxCrossing++;
  const crossing = (index: number): [number, number] => [
    (index % crossingsX) * pitch + 0.5 * streetWidth,
    Math.floor(index / crossingsX) * pitch + 0.5 * streetWidth,
  ];
  return new Scene({ transmitters: { tx: crossing(txCrossing) }, receivers: { rx: crossing(rxCrossing) }, objects: walls });
}
