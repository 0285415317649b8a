/**
 * Power maps as PNG pictures: the map (nearest cell per pixel, the highest
 * y on top), the scene drawn over it, a colour bar with ticks and a label,
 * axes with ticks, all in pixels with the built-in bitmap font.
 *
 * @module
 */
import { SCENE_COLORS, type Rgb } from './colors.js';
import type { Colormap } from './colormaps.js';
import type { ColorScale } from './colorScale.js';
import { axisTicks } from './sceneSvg.js';
import { drawBitmapText, measureBitmapText } from './bitmapFont.js';
import { figureLayout, type FigureLayout } from './figureLayout.js';
import type { PixelRect, PlotFrame } from './frame.js';
import { mapFigure, type MapFigure, type MapRenderOptions } from './mapFigure.js';
import { cellColorIndices, colorbarEntry, nearestCellIndices, type DrawableMap } from './mapData.js';
import { encodePng, encodePngAsync, type DeflateFunction } from './png.js';
import { drawThickLine } from './rasterLines.js';
import { drawReceiverMarker, drawTransmitterMarker, fillPolygon } from './rasterShapes.js';
import { createImage, fillRect, setPixel, type RgbaImage } from './rgbaImage.js';
import type { SceneDrawing } from './sceneGeometry.js';

/**
 * Options of `renderMapImage` and `renderMapPng`: the map options, the
 * bitmap font's scale, and the PNG compressor.
 *
 * @example
 * ```ts
 * const options: MapPngOptions = { scale: 'dB', vmin: -50, vmax: 5, fontScale: 2 };
 * ```
 */
export interface MapPngOptions extends MapRenderOptions {
  /** Pixels per font pixel of the labels (default 2: digits 14 pixels high). */
  fontScale?: number | undefined;
  /** The PNG compressor (default: stored, uncompressed; `zlibDeflate` from `render/node.ts` in node). */
  deflate?: DeflateFunction | undefined;
}

/**
 * A map rendered to pixels, with where its parts are.
 *
 * @example
 * ```ts
 * const { image, layout, colorbar } = renderMapImage(map, { scale: 'dB' });
 * image.width === layout.width; // true
 * ```
 */
export interface RenderedMapImage {
  /** The picture. */
  readonly image: RgbaImage;
  /** Its layout: `layout.plot` is the map's frame, `layout.frame` maps data to pixels. */
  readonly layout: FigureLayout;
  /** The colour bar's pixels (high end on top), when drawn: row `r` holds `colorbarEntry(size, r, height)`. */
  readonly colorbar: PixelRect | undefined;
  /** The colour scale used. */
  readonly scale: ColorScale;
  /** The colour map used. */
  readonly colormap: Colormap;
}

const COLORBAR_WIDTH = 20;

/**
 * Render a map to an RGBA image: the map fills the plot area (the cell
 * nearest to each pixel; row 0 of the data, the lowest y, at the bottom),
 * NaN values in the NaN colour (light grey by default), the scene drawn
 * over it (walls as dark lines with a light halo, RIS in purple, vertices,
 * transmitters as red triangles), a colour bar with ticks and a label, axes
 * with nice ticks. Equal aspect ratio.
 *
 * @throws Error naming the field or option that is wrong (see `checkDrawableMap`, `colorScale`).
 * @example
 * ```ts
 * const { image } = renderMapImage(map, { scene: basicScene(), scale: 'dB', vmin: -50, vmax: 5 });
 * ```
 */
export function renderMapImage(map: DrawableMap, options: MapPngOptions = {}): RenderedMapImage {
  const figure = mapFigure('renderMapPng', map, options);
  const fontScale = Math.max(1, Math.round(options.fontScale ?? 2));
  const measure = (text: string) => measureBitmapText(text, fontScale);
  const textHeight = measure('0').height;
  const [xTicks, yTicks] = axisTicks(figure.extent);
  const showColorbar = options.colorbar !== false;
  const barTicks = figure.scale.ticks();
  const barLabelWidth = Math.max(0, ...barTicks.map((tick) => measure(tick.label).width));
  const tickLength = 5;
  const panelWidth = COLORBAR_WIDTH + tickLength + 4 + barLabelWidth + (figure.label ? 10 + textHeight : 0);
  const layout = figureLayout({
    extent: figure.extent,
    width: options.width ?? 720,
    height: options.height,
    xTicks,
    yTicks,
    xLabel: figure.xLabel,
    yLabel: figure.yLabel,
    title: options.title,
    text: { width: (text) => measure(text).width, height: textHeight },
    titleHeight: textHeight * 1.2,
    // The colour bar's rotated label must fit along the panel.
    panel: showColorbar ? { width: panelWidth, minHeight: figure.label ? measure(figure.label).width + 8 : 0 } : undefined,
    tickLength,
    margin: 10,
    wholePixels: true,
  });
  const image = createImage(layout.width, layout.height, SCENE_COLORS.background);
  paintMap(image, map, figure, layout.frame);
  if (figure.drawing !== undefined) paintScene(image, figure.drawing, layout.frame, options, fontScale);
  const text = (label: string, left: number, top: number, rotated = false) =>
    drawBitmapText(image, label, left, top, SCENE_COLORS.text, { scale: fontScale, rotated });

  // Axes: frame just outside the plot, outward ticks, labels.
  const { plot, frame } = layout;
  const axis = SCENE_COLORS.axis;
  const bottom = plot.top + plot.height;
  strokeRectOutside(image, plot, axis);
  for (const tick of xTicks) {
    const column = Math.floor(frame.pixelX(tick.value));
    fillRect(image, column, bottom + 1, 1, tickLength, axis);
    const width = measure(tick.label).width;
    text(tick.label, column + 0.5 - width / 2, bottom + 1 + tickLength + layout.tickLabelGap);
  }
  for (const tick of yTicks) {
    const row = Math.floor(frame.pixelY(tick.value));
    fillRect(image, plot.left - 1 - tickLength, row, tickLength, 1, axis);
    const width = measure(tick.label).width;
    text(tick.label, plot.left - 1 - tickLength - layout.tickLabelGap - width, row + 0.5 - measure(tick.label).capHeight / 2);
  }
  if (figure.xLabel) text(figure.xLabel, layout.xLabel.x - measure(figure.xLabel).width / 2, layout.xLabel.y - textHeight / 2);
  if (figure.yLabel) text(figure.yLabel, layout.yLabel.x - textHeight / 2, layout.yLabel.y - measure(figure.yLabel).width / 2, true);
  if (options.title && layout.title) text(options.title, layout.title.x - measure(options.title).width / 2, layout.title.y - textHeight / 2);

  // Colour bar.
  let colorbar: PixelRect | undefined;
  if (showColorbar && layout.panel !== undefined) {
    colorbar = { left: layout.panel.left, top: plot.top, width: COLORBAR_WIDTH, height: plot.height };
    const colors = figure.colors;
    for (let row = 0; row < colorbar.height; row++) {
      const entry = colorbarEntry(colors.size, row, colorbar.height);
      const color: Rgb = [colors.table[entry * 3]!, colors.table[entry * 3 + 1]!, colors.table[entry * 3 + 2]!];
      for (let column = 0; column < colorbar.width; column++) setPixel(image, colorbar.left + column, colorbar.top + row, color);
    }
    strokeRectOutside(image, colorbar, axis);
    const barRight = colorbar.left + colorbar.width + 1;
    for (const tick of barTicks) {
      const row = Math.min(colorbar.top + colorbar.height - 1, Math.floor(colorbar.top + (1 - figure.scale.tickPosition(tick.value)) * colorbar.height));
      fillRect(image, barRight, row, tickLength, 1, axis);
      text(tick.label, barRight + tickLength + 4, row + 0.5 - measure(tick.label).capHeight / 2);
    }
    if (figure.label) {
      const labelLeft = barRight + tickLength + 4 + barLabelWidth + 10;
      const panel = layout.panel;
      text(figure.label, labelLeft, panel.top + panel.height / 2 - measure(figure.label).width / 2, true);
    }
  }
  return { image, layout, colorbar, scale: figure.scale, colormap: figure.colors };
}

/** Fill the plot area with the map's cells (nearest cell per pixel centre). */
function paintMap(image: RgbaImage, map: DrawableMap, figure: MapFigure, frame: PlotFrame): void {
  const { rect } = frame;
  const columnX = new Float64Array(rect.width);
  for (let c = 0; c < rect.width; c++) columnX[c] = frame.dataX(rect.left + c + 0.5);
  const rowY = new Float64Array(rect.height);
  for (let r = 0; r < rect.height; r++) rowY[r] = frame.dataY(rect.top + r + 0.5);
  const columnCell = nearestCellIndices(map.x, columnX, 0.5 / frame.scaleX);
  const rowCell = nearestCellIndices(map.y, rowY, 0.5 / frame.scaleY);
  const entries = cellColorIndices(map.power, figure.scale, figure.colors);
  const table = figure.colors.table;
  const nan = figure.nanColor;
  const nx = map.x.length;
  const data = image.data;
  for (let r = 0; r < rect.height; r++) {
    const j = rowCell[r]!;
    if (j < 0) continue;
    let at = 4 * ((rect.top + r) * image.width + rect.left);
    for (let c = 0; c < rect.width; c++, at += 4) {
      const i = columnCell[c]!;
      if (i < 0) continue;
      const entry = entries[j * nx + i]!;
      if (entry < 0) {
        data[at] = nan[0];
        data[at + 1] = nan[1];
        data[at + 2] = nan[2];
      } else {
        data[at] = table[entry * 3]!;
        data[at + 1] = table[entry * 3 + 1]!;
        data[at + 2] = table[entry * 3 + 2]!;
      }
      data[at + 3] = 255;
    }
  }
}

/** Draw the scene over the map: objects, then receivers (if asked), then transmitters, then names. */
function paintScene(image: RgbaImage, drawing: SceneDrawing, frame: PlotFrame, options: MapPngOptions, fontScale: number): void {
  const X = (x: number) => frame.pixelX(x);
  const Y = (y: number) => frame.pixelY(y);
  const halo = SCENE_COLORS.halo;
  for (const box of drawing.boxes) {
    const { xmin, xmax, ymin, ymax } = box.extent;
    const corners: [number, number][] = [[X(xmin), Y(ymin)], [X(xmax), Y(ymin)], [X(xmax), Y(ymax)], [X(xmin), Y(ymax)]];
    for (let k = 0; k < 4; k++) {
      const [x0, y0] = corners[k]!;
      const [x1, y1] = corners[(k + 1) % 4]!;
      drawThickLine(image, x0, y0, x1, y1, 1.5, SCENE_COLORS.otherObject);
    }
  }
  // Halos first (all of them), so that a wall's halo never covers its neighbour.
  for (const s of drawing.segments) {
    const width = s.kind === 'ris' ? 5 : 2.5;
    drawThickLine(image, X(s.x0), Y(s.y0), X(s.x1), Y(s.y1), width + 2, halo, 0.6);
  }
  for (const s of drawing.segments) {
    const color = s.kind === 'wall' ? SCENE_COLORS.wall : s.kind === 'ris' ? SCENE_COLORS.ris : SCENE_COLORS.otherObject;
    drawThickLine(image, X(s.x0), Y(s.y0), X(s.x1), Y(s.y1), s.kind === 'ris' ? 5 : 2.5, color);
  }
  for (const p of drawing.pointObjects) {
    const cx = X(p.x);
    const cy = Y(p.y);
    fillPolygon(image, diamond(cx, cy, 6.5), halo);
    fillPolygon(image, diamond(cx, cy, 5), SCENE_COLORS.vertex);
  }
  const named: [string, number, number][] = [];
  if (options.showReceivers === true) {
    for (const rx of drawing.receivers) {
      drawReceiverMarker(image, X(rx.x), Y(rx.y), 5, SCENE_COLORS.receiver);
      named.push([rx.name, X(rx.x), Y(rx.y)]);
    }
  }
  if (options.showTransmitters !== false) {
    for (const tx of drawing.transmitters) {
      drawTransmitterMarker(image, X(tx.x), Y(tx.y), 9, SCENE_COLORS.transmitter);
      named.push([tx.name, X(tx.x), Y(tx.y)]);
    }
  }
  if (options.showNames !== false) {
    for (const [name, x, y] of named) {
      const { width, capHeight } = measureBitmapText(name, fontScale);
      const rect = frame.rect;
      const left = x + 10 + width > rect.left + rect.width ? x - 10 - width : x + 10;
      const top = y - 10 - capHeight < rect.top ? y + 10 : y - 8 - capHeight;
      haloText(image, name, left, top, fontScale);
    }
  }
}

/** Bitmap text in the text colour with a white outline, legible on any map colour. */
function haloText(image: RgbaImage, label: string, left: number, top: number, scale: number): void {
  for (const [dx, dy] of [[-1, -1], [0, -1], [1, -1], [-1, 0], [1, 0], [-1, 1], [0, 1], [1, 1]] as const) {
    drawBitmapText(image, label, left + dx * scale, top + dy * scale, SCENE_COLORS.halo, { scale });
  }
  drawBitmapText(image, label, left, top, SCENE_COLORS.text, { scale });
}

function diamond(cx: number, cy: number, size: number): [number, number][] {
  return [[cx, cy - size], [cx + size, cy], [cx, cy + size], [cx - size, cy]];
}

/** A one-pixel frame just outside a rectangle. */
function strokeRectOutside(image: RgbaImage, rect: PixelRect, color: Rgb): void {
  fillRect(image, rect.left - 1, rect.top - 1, rect.width + 2, 1, color);
  fillRect(image, rect.left - 1, rect.top + rect.height, rect.width + 2, 1, color);
  fillRect(image, rect.left - 1, rect.top - 1, 1, rect.height + 2, color);
  fillRect(image, rect.left + rect.width, rect.top - 1, 1, rect.height + 2, color);
}

/**
 * Render a map as a PNG file (see `renderMapImage` for what it shows).
 * Synchronous; uncompressed unless a `deflate` is given (`zlibDeflate` from
 * `render/node.ts` in node; `renderMapPngAsync` compresses anywhere).
 *
 * @example
 * ```ts
 * import { basicScene, renderMapPng } from '@differt2d/scene';
 * const png = renderMapPng(map, { scene: basicScene(), scale: 'dB', vmin: -50, vmax: 5, colormap: 'viridis' });
 * // node: writeFileSync('map.png', png)
 * ```
 */
export function renderMapPng(map: DrawableMap, options: MapPngOptions = {}): Uint8Array {
  return encodePng(renderMapImage(map, options).image, { deflate: options.deflate });
}

/**
 * Render a map as a compressed PNG file with `CompressionStream('deflate')`
 * (browsers, node >= 18; stored where the platform has none).
 *
 * @example
 * ```ts
 * const png = await renderMapPngAsync(map, { scale: 'log', vmin: 1e-4, vmax: 1 });
 * const url = URL.createObjectURL(new Blob([png], { type: 'image/png' })); // in a page
 * ```
 */
export async function renderMapPngAsync(map: DrawableMap, options: MapPngOptions = {}): Promise<Uint8Array> {
  return encodePngAsync(renderMapImage(map, options).image);
}
