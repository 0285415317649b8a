/**
 * Rendering: scenes and paths as SVG, power maps as PNG (an encoder of our
 * own) or SVG, with colour maps, colour bars and axes. Works in node and in
 * a browser (node-only helpers are in `render/node.ts`).
 *
 * @example
 * ```ts
 * import { basicScene, renderSceneSvg } from '@differt2d/scene';
 * const svg = renderSceneSvg(basicScene(), { title: 'Basic scene' });
 * ```
 *
 * @module
 */
export * from './colors.js';
export * from './colormaps.js';
export * from './colorScale.js';
export * from './ticks.js';
export * from './frame.js';
export * from './figureLayout.js';
export * from './sceneGeometry.js';
export * from './svgMarkup.js';
export { renderSceneSvg, type SceneSvgOptions } from './sceneSvg.js';
export * from './rgbaImage.js';
export * from './rasterLines.js';
export * from './rasterShapes.js';
export * from './bitmapFont.js';
export * from './png.js';
export * from './base64.js';
export * from './mapData.js';
export { type MapRenderOptions } from './mapFigure.js';
export * from './mapPng.js';
export * from './mapSvg.js';
