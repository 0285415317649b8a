/**
 * Objects of the plane: points, rays, and the objects rays interact with
 * (walls, vertices, RIS, and user-defined types through `Interactable`).
 *
 * @example
 * ```ts
 * import { Point, Wall } from '@differt2d/geometry';
 * const wall = new Wall([[0, 0], [1, 0]]);
 * wall.image(new Point([0.2, 0.5]).xy).toArray(); // [0.2, -0.5]
 * ```
 *
 * @module
 */
export type { ObjectOptions } from './coordinates.js';
export * from './extent.js';
export * from './interactable.js';
export * from './point.js';
export * from './ray.js';
export * from './wall.js';
export * from './vertex.js';
export * from './ris.js';
