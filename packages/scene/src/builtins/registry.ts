/**
 * The built-in scenes by name, for command lines and configuration files.
 *
 * @module
 */
import { describeValue, quotedList } from '../scene/describe.js';
import type { Scene } from '../scene/scene.js';
import { basicScene } from './basic.js';
import { cityScene, type CitySceneOptions } from './city.js';
import { randomScene, type RandomSceneOptions } from './random.js';
import { squareScene } from './square.js';
import { squareSceneWithObstacle, type SquareSceneWithObstacleOptions } from './squareWithObstacle.js';
import { squareSceneWithWall, type SquareSceneWithWallOptions } from './squareWithWall.js';

/**
 * The options of each built-in scene, by name (`Record<string, never>`: none).
 *
 * @example
 * ```ts
 * const options: BuiltinSceneOptions['random'] = { seed: 0 };
 * ```
 */
export interface BuiltinSceneOptions {
  /** `basicScene`: no option. */
  basic: Record<string, never>;
  /** `squareScene`: no option. */
  square: Record<string, never>;
  /** `squareSceneWithWall`: `ratio`. */
  'square-with-wall': SquareSceneWithWallOptions;
  /** `squareSceneWithObstacle`: `ratio`. */
  'square-with-obstacle': SquareSceneWithObstacleOptions;
  /** `randomScene`: `seed` (required), `transmitters`, `walls`, `receivers`. */
  random: RandomSceneOptions;
  /** `cityScene`: `buildings`, `seed`, `blockSize`, `streetWidth` (all optional). */
  city: CitySceneOptions;
}

/**
 * The name of a built-in scene.
 *
 * @example
 * ```ts
 * const name: BuiltinSceneName = 'square-with-obstacle';
 * ```
 */
export type BuiltinSceneName = keyof BuiltinSceneOptions;

interface Entry {
  readonly make: (options: never) => Scene;
  readonly options: readonly string[];
}

const REGISTRY: Readonly<Record<BuiltinSceneName, Entry>> = {
  basic: { make: basicScene, options: [] },
  square: { make: squareScene, options: [] },
  'square-with-wall': { make: squareSceneWithWall, options: ['ratio'] },
  'square-with-obstacle': { make: squareSceneWithObstacle, options: ['ratio'] },
  random: { make: randomScene, options: ['seed', 'transmitters', 'walls', 'receivers'] },
  city: { make: cityScene, options: ['buildings', 'seed', 'blockSize', 'streetWidth'] },
};

/**
 * The names of the built-in scenes: the reference's, in its order, then
 * this project's `city`.
 *
 * @example
 * ```ts
 * BUILTIN_SCENE_NAMES; // ['basic', 'square', 'square-with-wall', 'square-with-obstacle', 'random', 'city']
 * ```
 */
export const BUILTIN_SCENE_NAMES: readonly BuiltinSceneName[] = Object.freeze(Object.keys(REGISTRY) as BuiltinSceneName[]);

/**
 * Whether a string names a built-in scene.
 *
 * @example
 * ```ts
 * isBuiltinSceneName('basic'); // true
 * isBuiltinSceneName('office'); // false
 * ```
 */
export function isBuiltinSceneName(name: unknown): name is BuiltinSceneName {
  return typeof name === 'string' && Object.hasOwn(REGISTRY, name);
}

/**
 * A built-in scene by name: `basic` (`basicScene`), `square`
 * (`squareScene`), `square-with-wall` (`squareSceneWithWall`, option
 * `ratio`), `square-with-obstacle` (`squareSceneWithObstacle`, option
 * `ratio`), `random` (`randomScene`, options `seed` (required),
 * `transmitters`, `walls`, `receivers`), `city` (`cityScene`, options
 * `buildings`, `seed`, `blockSize`, `streetWidth`, in metres).
 *
 * @throws Error listing the valid names for an unknown name, and listing
 *   the scene's options for an option it does not have (a misspelt option
 *   is not silently ignored).
 * @example
 * ```ts
 * builtinScene('basic').objects.length; // 7
 * builtinScene('square-with-wall', { ratio: 0.5 });
 * builtinScene('random', { seed: 3, walls: 20 });
 * builtinScene('city', { buildings: 500, seed: 1 }).objects.length; // 2000
 * builtinScene('office'); // throws: unknown built-in scene "office" (expected one of "basic", "square", ...)
 * ```
 */
export function builtinScene<N extends string>(
  name: N,
  ...options: N extends BuiltinSceneName
    ? Record<string, never> extends BuiltinSceneOptions[N]
      ? [options?: BuiltinSceneOptions[N]]
      : [options: BuiltinSceneOptions[N]]
    : [options?: object]
): Scene;
export function builtinScene(name: string, options: object = {}): Scene {
  if (!isBuiltinSceneName(name)) {
    throw new Error(`builtinScene: unknown built-in scene ${describeValue(name)} (expected one of ${quotedList(BUILTIN_SCENE_NAMES)})`);
  }
  const entry = REGISTRY[name];
  if (options === null || typeof options !== 'object') {
    throw new Error(`builtinScene: options of "${name}" must be an object, got ${describeValue(options)}`);
  }
  for (const option of Object.keys(options)) {
    if (!entry.options.includes(option)) {
      throw new Error(
        `builtinScene: "${name}" has no option ${JSON.stringify(option)} (its options: ${entry.options.length === 0 ? 'none' : quotedList(entry.options)})`,
      );
    }
  }
  return entry.make(options as never);
}
