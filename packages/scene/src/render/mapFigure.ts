/**
 * What the PNG and SVG map renderers share: their options, and the colour
 * scale, colour map, scene drawing and extent resolved from them.
 *
 * @module
 */
import { SCENE_COLORS, type Rgb } from './colors.js';
import { resolveColormap, type Colormap, type ColormapName } from './colormaps.js';
import { colorScale, type ColorScale, type ColorScaleOptions } from './colorScale.js';
import { paddedExtent, unionExtent, type DataExtent } from './frame.js';
import { checkDrawableMap, mapCellExtent, type DrawableMap } from './mapData.js';
import { drawingExtent, sceneDrawing, type DrawableScene, type SceneDrawing } from './sceneGeometry.js';

/**
 * Options of the map renderers (`renderMapPng`, `renderMapSvg`...).
 *
 * @example
 * ```ts
 * const options: MapRenderOptions = { colormap: 'viridis', scale: 'dB', vmin: -50, vmax: 5, scene, label: 'Power (dB)' };
 * ```
 */
export interface MapRenderOptions extends ColorScaleOptions {
  /** The colour map (default `viridis`). */
  colormap?: ColormapName | Colormap | undefined;
  /** A scene drawn over the map: walls, RIS, vertices, transmitters (receivers if asked). */
  scene?: DrawableScene | undefined;
  /** Draw the scene's transmitters (default true). */
  showTransmitters?: boolean | undefined;
  /** Draw the scene's receivers (default false: a map is usually a grid of receivers). */
  showReceivers?: boolean | undefined;
  /** Write the names of the transmitters and receivers drawn (default true). */
  showNames?: boolean | undefined;
  /** Draw a colour bar right of the map (default true). */
  colorbar?: boolean | undefined;
  /** The colour bar's label (default `Power (dB)` for the dB scale, `Power` otherwise). */
  label?: string | undefined;
  /** A title above the map. */
  title?: string | undefined;
  /** The x axis label (default `x (m)`; empty for none). */
  xLabel?: string | undefined;
  /** The y axis label (default `y (m)`; empty for none). */
  yLabel?: string | undefined;
  /** The whole picture's width (default 720). */
  width?: number | undefined;
  /** The whole picture's height (default: what the map's aspect ratio asks for). */
  height?: number | undefined;
  /** The colour of NaN values (default light grey `#c8c8c8`, see `SCENE_COLORS.nan`). */
  nanColor?: Rgb | undefined;
  /** The data extent shown (default: the map's cells and the scene). */
  extent?: DataExtent | undefined;
}

/**
 * The options of a map figure, resolved.
 *
 * @internal
 * @example
 * ```ts
 * const figure: MapFigure = mapFigure('renderMapPng', map, { scale: 'dB' });
 * ```
 */
export interface MapFigure {
  readonly scale: ColorScale;
  readonly colors: Colormap;
  readonly drawing: SceneDrawing | undefined;
  readonly mapExtent: DataExtent;
  readonly extent: DataExtent;
  readonly label: string;
  readonly nanColor: Rgb;
  readonly xLabel: string;
  readonly yLabel: string;
}

/**
 * Check a map and resolve the options of its figure.
 *
 * @internal
 * @throws Error naming the field or option that is wrong.
 * @example
 * ```ts
 * mapFigure('renderMapPng', { x: [0, 1], y: [0, 1], power: [1, 2, 3, 4] }, {}).scale.vmax; // 4
 * ```
 */
export function mapFigure(op: string, map: DrawableMap, options: MapRenderOptions): MapFigure {
  checkDrawableMap(op, map);
  let scale: ColorScale;
  try {
    scale = colorScale(options, map.power);
  } catch (error) {
    throw new Error(`${op}: ${(error as Error).message}`, { cause: error });
  }
  const colors = resolveColormap(options.colormap ?? 'viridis');
  const drawing = options.scene === undefined ? undefined : sceneDrawing(options.scene);
  const cells = mapCellExtent(map);
  let extent = options.extent;
  if (extent === undefined) {
    const sceneExtent = drawing === undefined ? undefined : drawingExtent(drawing);
    extent = unionExtent(cells, sceneExtent);
    // A scene larger than the map keeps a small margin around it.
    if (sceneExtent !== undefined && (sceneExtent.xmin < cells.xmin || sceneExtent.xmax > cells.xmax || sceneExtent.ymin < cells.ymin || sceneExtent.ymax > cells.ymax)) {
      extent = unionExtent(cells, paddedExtent(sceneExtent, 0.02));
    }
  }
  const { xmin, xmax, ymin, ymax } = extent;
  if (![xmin, xmax, ymin, ymax].every(Number.isFinite) || !(xmax > xmin && ymax > ymin)) {
    throw new Error(`${op}: extent must be finite with xmin < xmax and ymin < ymax, got ${JSON.stringify(extent)}`);
  }
  return {
    scale,
    colors,
    drawing,
    mapExtent: cells,
    extent,
    label: options.label ?? (scale.kind === 'dB' ? 'Power (dB)' : 'Power'),
    nanColor: options.nanColor ?? SCENE_COLORS.nan,
    xLabel: options.xLabel ?? 'x (m)',
    yLabel: options.yLabel ?? 'y (m)',
  };
}
