/**
 * Where things go in a figure: the plot area (equal aspect ratio), room for
 * tick labels, axis labels and a title, and a panel on the right (a legend
 * or a colour bar), so that nothing is clipped. Shared by the SVG and PNG
 * renderers, which measure text differently.
 *
 * @module
 */
import { fitEqualAspect, PlotFrame, type DataExtent, type PixelRect } from './frame.js';
import type { Tick } from './ticks.js';

/**
 * How a renderer measures its text.
 *
 * @example
 * ```ts
 * const svgText: TextMeasure = { width: (text) => estimateTextWidth(text, 12), height: 12 };
 * ```
 */
export interface TextMeasure {
  /** The width of a line of text (pixels). */
  width(text: string): number;
  /** The height of a line of text (pixels). */
  readonly height: number;
}

/**
 * What a figure holds, for its layout.
 *
 * @example
 * ```ts
 * const options: FigureLayoutOptions = {
 *   extent: { xmin: 0, xmax: 1, ymin: 0, ymax: 1 }, width: 640,
 *   xTicks: niceTicks(0, 1), yTicks: niceTicks(0, 1), text: { width: (t) => 7 * t.length, height: 12 },
 * };
 * ```
 */
export interface FigureLayoutOptions {
  /** The data extent shown. */
  readonly extent: DataExtent;
  /** The whole figure's width (pixels). */
  readonly width: number;
  /** The whole figure's height; by default what the plot's aspect ratio asks for. */
  readonly height?: number | undefined;
  readonly xTicks: readonly Tick[];
  readonly yTicks: readonly Tick[];
  readonly xLabel?: string | undefined;
  readonly yLabel?: string | undefined;
  readonly title?: string | undefined;
  /** Tick and axis label text. */
  readonly text: TextMeasure;
  /** The title's line height (default 1.3 times the text's). */
  readonly titleHeight?: number | undefined;
  /** A panel right of the plot (legend, colour bar): its width, and the least height it needs. */
  readonly panel?: { readonly width: number; readonly minHeight: number } | undefined;
  /** Length of the tick marks (default 5). */
  readonly tickLength?: number | undefined;
  /** Blank space around everything (default 8). */
  readonly margin?: number | undefined;
  /** Round every position to whole pixels (for rasters). */
  readonly wholePixels?: boolean | undefined;
}

/**
 * A figure's layout: its size, the plot area and its data-to-pixel frame,
 * the right panel, and where the title and the axis labels go.
 *
 * @example
 * ```ts
 * const layout: FigureLayout = figureLayout(options);
 * layout.frame.pixelX(0); // layout.plot.left
 * ```
 */
export interface FigureLayout {
  readonly width: number;
  readonly height: number;
  readonly plot: PixelRect;
  readonly frame: PlotFrame;
  /** The right panel, top-aligned with the plot (its height is the plot's, or its least height if larger). */
  readonly panel: PixelRect | undefined;
  readonly tickLength: number;
  /** Gap between a tick mark's end and its label. */
  readonly tickLabelGap: number;
  /** Centre of the title line, if any. */
  readonly title: { readonly x: number; readonly y: number } | undefined;
  /** Centre of the x axis label line. */
  readonly xLabel: { readonly x: number; readonly y: number };
  /** Centre of the (rotated) y axis label line. */
  readonly yLabel: { readonly x: number; readonly y: number };
}

const TICK_LABEL_GAP = 4;
const AXIS_LABEL_GAP = 6;
const PANEL_GAP = 18;

/**
 * Lay a figure out: margins from the tick labels, axis labels, title and
 * panel, then the largest plot area with the extent's aspect ratio.
 *
 * @throws Error when the width (or height) leaves no room for the plot.
 * @example
 * ```ts
 * const layout = figureLayout({
 *   extent: { xmin: 0, xmax: 1, ymin: 0, ymax: 1 }, width: 400,
 *   xTicks: niceTicks(0, 1), yTicks: niceTicks(0, 1), text: { width: (t) => 7 * t.length, height: 12 },
 * });
 * layout.plot.width === layout.plot.height; // true (equal aspect on a square extent)
 * ```
 */
export function figureLayout(options: FigureLayoutOptions): FigureLayout {
  const { extent, text, xTicks, yTicks } = options;
  const tickLength = options.tickLength ?? 5;
  const margin = options.margin ?? 8;
  const round = options.wholePixels === true ? Math.round : (value: number) => Math.round(value * 100) / 100;
  const titleHeight = options.title ? (options.titleHeight ?? text.height * 1.3) : 0;
  const yTickWidth = Math.max(0, ...yTicks.map((tick) => text.width(tick.label)));
  const lastXTickHalf = xTicks.length === 0 ? 0 : text.width(xTicks[xTicks.length - 1]!.label) / 2;
  const firstXTickHalf = xTicks.length === 0 ? 0 : text.width(xTicks[0]!.label) / 2;

  const yLabelRoom = options.yLabel ? text.height + AXIS_LABEL_GAP : 0;
  const left = Math.max(margin + yLabelRoom + yTickWidth + TICK_LABEL_GAP + tickLength, margin + firstXTickHalf);
  const bottom = tickLength + TICK_LABEL_GAP + text.height + (options.xLabel ? AXIS_LABEL_GAP + text.height : 0) + margin;
  // Room above the plot for the top tick labels (centred on their ticks) and a log colour bar's superscripts.
  const top = margin + (titleHeight > 0 ? titleHeight + AXIS_LABEL_GAP : 0) + text.height * 0.75;
  const panelWidth = options.panel?.width ?? 0;
  const right =
    options.panel === undefined ? Math.max(margin, lastXTickHalf + 2) : Math.max(PANEL_GAP, lastXTickHalf + 4) + panelWidth + margin;

  const availableWidth = options.width - left - right;
  if (!(availableWidth >= 20)) {
    throw new Error(`figureLayout: a width of ${options.width} leaves no room for the plot (the margins take ${Math.ceil(left + right)})`);
  }
  let plotWidth: number;
  let plotHeight: number;
  let height: number;
  let offsetX = 0;
  let offsetY = 0;
  const panelHeight = options.panel?.minHeight ?? 0;
  if (options.height === undefined) {
    ({ width: plotWidth, height: plotHeight } = fitEqualAspect(extent, availableWidth, Math.max(1.5 * options.width, 100)));
    plotWidth = round(plotWidth);
    plotHeight = round(plotHeight);
    height = round(top + Math.max(plotHeight, panelHeight) + bottom);
  } else {
    height = options.height;
    const availableHeight = height - top - bottom;
    if (!(availableHeight >= 20)) {
      throw new Error(`figureLayout: a height of ${height} leaves no room for the plot (the margins take ${Math.ceil(top + bottom)})`);
    }
    ({ width: plotWidth, height: plotHeight } = fitEqualAspect(extent, availableWidth, availableHeight));
    plotWidth = round(plotWidth);
    plotHeight = round(plotHeight);
    offsetX = (availableWidth - plotWidth) / 2;
    offsetY = (availableHeight - plotHeight) / 2;
  }
  const plot: PixelRect = { left: round(left + offsetX), top: round(top + offsetY), width: plotWidth, height: plotHeight };
  // Exact equal scales: the frame's extent is widened to the rounded rectangle's aspect.
  const frame = new PlotFrame(matchAspect(extent, plot.width, plot.height), plot);
  const panel: PixelRect | undefined =
    options.panel === undefined
      ? undefined
      : {
          left: round(plot.left + plot.width + Math.max(PANEL_GAP, lastXTickHalf + 4)),
          top: plot.top,
          width: panelWidth,
          height: Math.max(plot.height, panelHeight),
        };
  const axisLabelOffset = tickLength + TICK_LABEL_GAP + text.height + AXIS_LABEL_GAP + text.height / 2;
  return {
    width: options.width,
    height,
    plot,
    frame,
    panel,
    tickLength,
    tickLabelGap: TICK_LABEL_GAP,
    // The title sits just above the plot (the plot may be centred lower in a given height).
    title: titleHeight > 0 ? { x: plot.left + plot.width / 2, y: plot.top - text.height * 0.75 - AXIS_LABEL_GAP - titleHeight / 2 } : undefined,
    xLabel: { x: plot.left + plot.width / 2, y: plot.top + plot.height + axisLabelOffset },
    yLabel: { x: plot.left - tickLength - TICK_LABEL_GAP - yTickWidth - AXIS_LABEL_GAP - text.height / 2, y: plot.top + plot.height / 2 },
  };
}

/**
 * The extent grown about its centre (along one axis) to a width:height ratio,
 * so that a plot of that size keeps equal scales on x and y.
 *
 * @example
 * ```ts
 * matchAspect({ xmin: 0, xmax: 1, ymin: 0, ymax: 1 }, 200, 100); // { xmin: -0.5, xmax: 1.5, ymin: 0, ymax: 1 }
 * ```
 */
export function matchAspect(extent: DataExtent, width: number, height: number): DataExtent {
  const dx = extent.xmax - extent.xmin;
  const dy = extent.ymax - extent.ymin;
  const ratio = width / height;
  if (dx / dy < ratio) {
    const grow = (dy * ratio - dx) / 2;
    return { ...extent, xmin: extent.xmin - grow, xmax: extent.xmax + grow };
  }
  const grow = (dx / ratio - dy) / 2;
  return { ...extent, ymin: extent.ymin - grow, ymax: extent.ymax + grow };
}
