/**
 * DiffeRT2d's built-in scenes (coordinates in the unit square), one file
 * each, this project's synthetic `city` (metres), and a registry by name.
 *
 * @example
 * ```ts
 * import { basicScene, builtinScene } from '@differt2d/scene';
 * basicScene().objects.length; // 7
 * builtinScene('random', { seed: 0 }).objects.length; // 10
 * ```
 *
 * @module
 */
export { basicScene } from './basic.js';
export { squareScene } from './square.js';
export { squareSceneWithWall, type SquareSceneWithWallOptions } from './squareWithWall.js';
export { squareSceneWithObstacle, type SquareSceneWithObstacleOptions } from './squareWithObstacle.js';
export { randomScene, type RandomSceneOptions } from './random.js';
export { cityScene, type CitySceneOptions } from './city.js';
export { builtinScene, isBuiltinSceneName, BUILTIN_SCENE_NAMES, type BuiltinSceneName, type BuiltinSceneOptions } from './registry.js';
