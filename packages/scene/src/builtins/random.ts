/**
 * The `random` built-in scene.
 *
 * @module
 */
import { key, PRNGKey, split, Tensor, uniform } from '@differt2d/autodiff';
import { Wall } from '@differt2d/geometry';
import { describeValue } from '../scene/describe.js';
import { Scene } from '../scene/scene.js';
import { countOption } from './options.js';

/**
 * Options of `randomScene`.
 *
 * @example
 * ```ts
 * const options: RandomSceneOptions = { seed: 1234, transmitters: 2, walls: 50, receivers: 3 };
 * randomScene(options).objects.length; // 50
 * ```
 */
export interface RandomSceneOptions {
  /** The seed: an integer (for `key(seed)`) or a PRNG key. Required, so that every random scene can be made again. */
  seed: number | PRNGKey;
  /** Number of transmitters, named `tx_0`, `tx_1`...; default 1. */
  transmitters?: number | undefined;
  /** Number of walls; default 1 (as DiffeRT2d). */
  walls?: number | undefined;
  /** Number of receivers, named `rx_0`, `rx_1`...; default 1. */
  receivers?: number | undefined;
}

/**
 * A random scene in the unit square (as DiffeRT2d's `random_uniform_scene`):
 * transmitters, walls and receivers with coordinates drawn uniformly in
 * [0, 1).
 *
 * Draw order (so that a scene can be made again from its seed): the key
 * (`key(seed)`, or the key given) is split into three, `[txKey, wallKey,
 * rxKey] = split(k, 3)`; then `uniform(txKey, [transmitters, 2])` gives the
 * transmitters `tx_0, tx_1...` (x, y each), `uniform(wallKey, [walls, 2, 2])`
 * the walls (`[[x0, y0], [x1, y1]]` each) and `uniform(rxKey, [receivers, 2])`
 * the receivers `rx_0, rx_1...`. Each group has its own key, and a longer draw
 * extends a shorter one: with the same seed, asking for more walls keeps the
 * transmitters, the receivers and the first walls as they were.
 *
 * @throws Error naming the option for a bad seed or count.
 * @example
 * ```ts
 * const a = randomScene({ seed: 7, walls: 3 });
 * const b = randomScene({ seed: 7, walls: 5 });
 * a.transmitter('tx_0').xy.toArray(); // the same as b's
 * b.objects.slice(0, 3); // the same walls as a.objects
 * ```
 */
export function randomScene(options: RandomSceneOptions): Scene {
  const op = 'randomScene';
  const seed = options?.seed;
  if (!(seed instanceof PRNGKey) && !(typeof seed === 'number' && Number.isSafeInteger(seed))) {
    throw new Error(`${op}: seed must be an integer or a PRNGKey, got ${describeValue(seed)}`);
  }
  const transmitterCount = countOption(op, 'transmitters', options.transmitters ?? 1);
  const wallCount = countOption(op, 'walls', options.walls ?? 1);
  const receiverCount = countOption(op, 'receivers', options.receivers ?? 1);

  const [txKey, wallKey, rxKey] = split(seed instanceof PRNGKey ? seed : key(seed), 3) as [PRNGKey, PRNGKey, PRNGKey];
  const txs = uniform(txKey, [transmitterCount, 2]).data;
  const walls = uniform(wallKey, [wallCount, 2, 2]).data;
  const rxs = uniform(rxKey, [receiverCount, 2]).data;
  const pointsOf = (data: Float64Array, prefix: string, count: number): [string, Tensor][] =>
    Array.from({ length: count }, (_, i) => [`${prefix}_${i}`, new Tensor(data.slice(2 * i, 2 * i + 2), [2])]);
  return new Scene({
    transmitters: pointsOf(txs, 'tx', transmitterCount),
    receivers: pointsOf(rxs, 'rx', receiverCount),
    objects: Array.from({ length: wallCount }, (_, i) => new Wall(new Tensor(walls.slice(4 * i, 4 * i + 4), [2, 2]))),
  });
}
