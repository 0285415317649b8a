/**
 * Several maps side by side in one SVG figure, as in a paper: equal square
 * panels sharing their y axis and one colour bar, each with a title, the
 * scene's objects, and whatever the caller draws over it; a legend below.
 * Each map is embedded as a PNG of one pixel per cell.
 *
 * @module
 */
import {
  colorbarRaster,
  colorScale,
  dataUrl,
  escapeXml,
  estimateTextWidth,
  mapCellExtent,
  mapRaster,
  niceTicks,
  PlotFrame,
  resolveColormap,
  sceneDrawing,
  svgNumber,
  svgTickLabel,
  svgTickLabelWidth,
  type ColormapName,
  type ColorScaleOptions,
  type DataExtent,
  type DrawableMap,
  type DrawableScene,
} from '@differt2d/scene';
import { encodePngCompact } from '@differt2d/scene/node';

/**
 * One panel: its map, its title, and SVG drawn over it (given its frame).
 *
 * @example
 * ```ts
 * const panel: MapPanel = { map, title: 'Iterations: 20', overlay: (frame) => svgTrajectory(frame, points, '#fff') };
 * ```
 */
export interface MapPanel {
  /** The map (cells over `extent`). */
  readonly map: DrawableMap;
  /** The title above the panel. */
  readonly title: string;
  /** SVG elements over the map and the scene, clipped to the panel. */
  readonly overlay?: ((frame: PlotFrame) => string) | undefined;
}

/**
 * A legend entry: a swatch (SVG drawn centred on `(x, y)`) and its text.
 *
 * @example
 * ```ts
 * const entry: LegendEntry = { label: 'receivers', swatch: (x, y) => svgCross(x, y, 4, 'rx') };
 * ```
 */
export interface LegendEntry {
  readonly label: string;
  readonly swatch: (x: number, y: number) => string;
}

/**
 * Options of {@link renderMapPanelsSvg}.
 *
 * @example
 * ```ts
 * const options: MapPanelsOptions = { scene, extent: { xmin: 0, xmax: 1, ymin: 0, ymax: 1 }, scale: { scale: 'log', vmin: 1e-4, vmax: 1 }, colorbarLabel: 'objective' };
 * ```
 */
export interface MapPanelsOptions {
  /** The scene whose objects (walls, RIS...) every panel shows; its transmitters and receivers are not drawn. */
  readonly scene: DrawableScene;
  /** The square data extent of every panel. */
  readonly extent: DataExtent;
  /** The colour scale, shared by the panels. */
  readonly scale: ColorScaleOptions;
  /** The colour map (default viridis). */
  readonly colormap?: ColormapName | undefined;
  /** The colour bar's label, as SVG text content (may hold `<tspan>`s). */
  readonly colorbarLabel: string;
  /** Side of each panel, in pixels (default 200). */
  readonly panelSize?: number | undefined;
  /** Font size (default 11). */
  readonly fontSize?: number | undefined;
  /** Legend entries, in a row below the panels. */
  readonly legend?: readonly LegendEntry[] | undefined;
  /** The x axis label (default `x (m)`). */
  readonly xLabel?: string | undefined;
  /** The y axis label (default `y (m)`). */
  readonly yLabel?: string | undefined;
  /** Tick step on both axes (default 0.5). */
  readonly tickStep?: number | undefined;
  /** Prefix of the ids in the document (default `panels`). */
  readonly idPrefix?: string | undefined;
  /** The document's `<title>`. */
  readonly title?: string | undefined;
}

const GAP_BETWEEN_PANELS = 26;
const TICK = 4;
const TICK_GAP = 3;
const COLORBAR_WIDTH = 12;
const MARGIN = 8;

/**
 * Render maps side by side as one SVG figure.
 *
 * @throws Error for no panel, or a colour scale option that is wrong.
 * @example
 * ```ts
 * const svg = renderMapPanelsSvg([{ map: first, title: 'Iterations: 20' }, { map: second, title: 'Iterations: 40' }], options);
 * ```
 */
export function renderMapPanelsSvg(panels: readonly MapPanel[], options: MapPanelsOptions): string {
  if (panels.length === 0) throw new Error('renderMapPanelsSvg: no panel');
  const fontSize = options.fontSize ?? 11;
  const size = options.panelSize ?? 200;
  const id = escapeXml(options.idPrefix ?? 'panels');
  const { extent } = options;
  const scale = colorScale(options.scale, panels[0]!.map.power);
  const colors = resolveColormap(options.colormap ?? 'viridis');
  const step = options.tickStep ?? 0.5;
  const xTicks = niceTicks(extent.xmin, extent.xmax, Math.round((extent.xmax - extent.xmin) / step));
  const yTicks = niceTicks(extent.ymin, extent.ymax, Math.round((extent.ymax - extent.ymin) / step));
  const barTicks = scale.ticks();
  const xLabel = options.xLabel ?? 'x (m)';
  const yLabel = options.yLabel ?? 'y (m)';

  // Layout, left to right and top to bottom.
  const yTickWidth = Math.max(...yTicks.map((tick) => estimateTextWidth(tick.label, fontSize)));
  const plotLeft = MARGIN + fontSize + 6 + yTickWidth + TICK_GAP + TICK;
  const plotTop = MARGIN + fontSize * 1.4 + 6;
  const panelLeft = (k: number): number => plotLeft + k * (size + GAP_BETWEEN_PANELS);
  const barLeft = panelLeft(panels.length - 1) + size + 16;
  const barLabelWidth = Math.max(...barTicks.map((tick) => svgTickLabelWidth(tick, fontSize)));
  const width = barLeft + COLORBAR_WIDTH + TICK + TICK_GAP + barLabelWidth + 8 + fontSize + MARGIN;
  const xTickBaseline = plotTop + size + TICK + TICK_GAP + fontSize * 0.8;
  const xLabelBaseline = xTickBaseline + 6 + fontSize;
  const legend = options.legend ?? [];
  const legendRow = xLabelBaseline + 10 + fontSize;
  const height = (legend.length > 0 ? legendRow + fontSize * 0.6 : xLabelBaseline + fontSize * 0.4) + MARGIN;

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${svgNumber(width)}" height="${svgNumber(height)}" viewBox="0 0 ${svgNumber(width)} ${svgNumber(height)}" font-family="Helvetica, Arial, sans-serif" font-size="${fontSize}">`,
  ];
  if (options.title) out.push(`<title>${escapeXml(options.title)}</title>`);
  out.push('<rect class="background" width="100%" height="100%" fill="#fff"/>');
  const drawing = sceneDrawing(options.scene);

  panels.forEach((panel, k) => {
    const rect = { left: panelLeft(k), top: plotTop, width: size, height: size };
    const frame = new PlotFrame(extent, rect);
    const X = (x: number): string => svgNumber(frame.pixelX(x));
    const Y = (y: number): string => svgNumber(frame.pixelY(y));
    const cells = mapCellExtent(panel.map);
    const raster = encodePngCompact(mapRaster(panel.map, scale, colors));
    out.push(`<g class="panel" data-index="${k}">`);
    out.push(`<defs><clipPath id="${id}-plot-${k}"><rect x="${svgNumber(rect.left)}" y="${svgNumber(rect.top)}" width="${size}" height="${size}"/></clipPath></defs>`);
    out.push(`<text class="panel-title" x="${svgNumber(rect.left + size / 2)}" y="${svgNumber(plotTop - 7)}" text-anchor="middle" font-size="${svgNumber(fontSize * 1.1)}" font-weight="bold" fill="#222">${escapeXml(panel.title)}</text>`);
    out.push(`<g clip-path="url(#${id}-plot-${k})">`);
    out.push(
      `<image class="map" x="${X(cells.xmin)}" y="${Y(cells.ymax)}" width="${svgNumber((cells.xmax - cells.xmin) * frame.scaleX)}" height="${svgNumber((cells.ymax - cells.ymin) * frame.scaleY)}" preserveAspectRatio="none" image-rendering="pixelated" style="image-rendering:pixelated" href="${dataUrl('image/png', raster)}"/>`,
    );
    for (const s of drawing.segments) {
      out.push(`<line class="halo" x1="${X(s.x0)}" y1="${Y(s.y0)}" x2="${X(s.x1)}" y2="${Y(s.y1)}" stroke="#fff" stroke-opacity="0.7" stroke-width="3.5" stroke-linecap="round"/>`);
    }
    for (const s of drawing.segments) {
      const color = s.kind === 'ris' ? '#7b3294' : '#222';
      out.push(`<line class="${s.kind === 'wall' || s.kind === 'ris' ? s.kind : 'object'}" data-index="${s.index}" x1="${X(s.x0)}" y1="${Y(s.y0)}" x2="${X(s.x1)}" y2="${Y(s.y1)}" stroke="${color}" stroke-width="${s.kind === 'ris' ? 4 : 2}" stroke-linecap="round"/>`);
    }
    if (panel.overlay !== undefined) out.push(panel.overlay(frame));
    out.push('</g>');
    // Axes: the frame, ticks under every panel, y tick labels on the first only (shared axis).
    const ticks: string[] = [];
    for (const tick of xTicks) {
      ticks.push(`M${X(tick.value)},${svgNumber(rect.top + size)}v${TICK}`);
      out.push(`<text class="tick-label x" x="${X(tick.value)}" y="${svgNumber(xTickBaseline)}" text-anchor="middle" fill="#222">${svgTickLabel(tick)}</text>`);
    }
    for (const tick of yTicks) {
      ticks.push(`M${svgNumber(rect.left)},${Y(tick.value)}h${-TICK}`);
      if (k === 0) {
        out.push(`<text class="tick-label y" x="${svgNumber(rect.left - TICK - TICK_GAP)}" y="${svgNumber(frame.pixelY(tick.value) + fontSize * 0.35)}" text-anchor="end" fill="#222">${svgTickLabel(tick)}</text>`);
      }
    }
    out.push(`<path class="ticks" d="${ticks.join('')}" stroke="#222" stroke-width="1" fill="none"/>`);
    out.push(`<rect class="frame" x="${svgNumber(rect.left)}" y="${svgNumber(rect.top)}" width="${size}" height="${size}" fill="none" stroke="#222" stroke-width="1"/>`);
    out.push(`<text class="axis-label x" x="${svgNumber(rect.left + size / 2)}" y="${svgNumber(xLabelBaseline)}" text-anchor="middle" fill="#222">${escapeXml(xLabel)}</text>`);
    out.push('</g>');
  });
  const yLabelX = svgNumber(MARGIN + fontSize * 0.8);
  const yLabelY = svgNumber(plotTop + size / 2);
  out.push(`<text class="axis-label y" x="${yLabelX}" y="${yLabelY}" text-anchor="middle" fill="#222" transform="rotate(-90 ${yLabelX} ${yLabelY})">${escapeXml(yLabel)}</text>`);

  // The shared colour bar.
  const bar = encodePngCompact(colorbarRaster(colors, 1, 256));
  out.push('<g class="colorbar" fill="#222">');
  out.push(`<image class="colorbar-image" x="${svgNumber(barLeft)}" y="${svgNumber(plotTop)}" width="${COLORBAR_WIDTH}" height="${size}" preserveAspectRatio="none" href="${dataUrl('image/png', bar)}"/>`);
  out.push(`<rect x="${svgNumber(barLeft)}" y="${svgNumber(plotTop)}" width="${COLORBAR_WIDTH}" height="${size}" fill="none" stroke="#222" stroke-width="1"/>`);
  const barTickPath: string[] = [];
  for (const tick of barTicks) {
    const y = plotTop + (1 - scale.tickPosition(tick.value)) * size;
    barTickPath.push(`M${svgNumber(barLeft + COLORBAR_WIDTH)},${svgNumber(y)}h${TICK}`);
    out.push(`<text class="tick-label colorbar" x="${svgNumber(barLeft + COLORBAR_WIDTH + TICK + TICK_GAP)}" y="${svgNumber(y + fontSize * 0.35)}">${svgTickLabel(tick)}</text>`);
  }
  out.push(`<path class="ticks" d="${barTickPath.join('')}" stroke="#222" stroke-width="1" fill="none"/>`);
  const labelX = svgNumber(barLeft + COLORBAR_WIDTH + TICK + TICK_GAP + barLabelWidth + 6 + fontSize * 0.8);
  out.push(`<text class="colorbar-label" x="${labelX}" y="${yLabelY}" text-anchor="middle" transform="rotate(-90 ${labelX} ${yLabelY})">${options.colorbarLabel}</text>`);
  out.push('</g>');

  // The legend, one row centred under the panels.
  if (legend.length > 0) {
    const swatchWidth = 22;
    const widths = legend.map((entry) => swatchWidth + 5 + estimateTextWidth(entry.label, fontSize));
    const total = widths.reduce((a, b) => a + b, 0) + 18 * (legend.length - 1);
    let x = plotLeft + (panelLeft(panels.length - 1) + size - plotLeft - total) / 2;
    out.push('<g class="legend">');
    legend.forEach((entry, k) => {
      out.push(entry.swatch(x + swatchWidth / 2, legendRow - fontSize * 0.35));
      out.push(`<text class="legend-label" x="${svgNumber(x + swatchWidth + 5)}" y="${svgNumber(legendRow)}" fill="#222">${escapeXml(entry.label)}</text>`);
      x += widths[k]! + 18;
    });
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}
