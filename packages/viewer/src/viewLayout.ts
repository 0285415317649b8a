/**
 * Where things go in the view: the library's figure layout (equal aspect,
 * room for the tick labels, axis labels and a colour bar) for the canvas's
 * size and the page's text.
 *
 * @module
 */
import { figureLayout, niceTicks, type DataExtent, type FigureLayout, type Tick } from '@differt2d/scene';
import type { CoverageLayer } from './state.js';

/** Size of tick and axis labels (CSS pixels). */
export const LABEL_SIZE = 12;

/** Width of the colour bar (CSS pixels). */
export const COLORBAR_WIDTH = 16;

/**
 * The view's layout and its ticks.
 *
 * @example
 * ```ts
 * const { layout, xTicks, yTicks }: ViewLayout = viewLayout(state.extent, 800, 600, measure, null);
 * ```
 */
export interface ViewLayout {
  readonly layout: FigureLayout;
  readonly xTicks: readonly Tick[];
  readonly yTicks: readonly Tick[];
}

/**
 * Lay the view out in `width` x `height` CSS pixels: about 7 ticks along the
 * longer axis (the same step on both when the extent is square-ish), and a
 * panel for the colour bar when a coverage map is shown.
 *
 * @param measure - the width of a text at a size (the canvas's).
 * @throws Error (from `figureLayout`) when the size leaves no room for the plot.
 * @example
 * ```ts
 * viewLayout({ xmin: 0, xmax: 1, ymin: 0, ymax: 1 }, 800, 600, (text) => 7 * text.length, null).layout.plot;
 * ```
 */
export function viewLayout(
  extent: DataExtent,
  width: number,
  height: number,
  measure: (text: string, size: number) => number,
  coverage: CoverageLayer | null,
): ViewLayout {
  const dx = extent.xmax - extent.xmin;
  const dy = extent.ymax - extent.ymin;
  const longest = Math.max(dx, dy);
  const xTicks = niceTicks(extent.xmin, extent.xmax, Math.max(2, Math.round((7 * dx) / longest)));
  const yTicks = niceTicks(extent.ymin, extent.ymax, Math.max(2, Math.round((7 * dy) / longest)));
  let panel: { width: number; minHeight: number } | undefined;
  if (coverage !== null) {
    const tickWidth = Math.max(0, ...coverage.scale.ticks().map((tick) => measure(tick.label, LABEL_SIZE)));
    panel = { width: COLORBAR_WIDTH + 5 + 4 + tickWidth + 10 + LABEL_SIZE, minHeight: measure(coverage.label, LABEL_SIZE) + 8 };
  }
  const layout = figureLayout({
    extent,
    width,
    height,
    xTicks,
    yTicks,
    xLabel: 'x (m)',
    yLabel: 'y (m)',
    text: { width: (text) => measure(text, LABEL_SIZE), height: LABEL_SIZE },
    panel,
    margin: 12,
  });
  return { layout, xTicks, yTicks };
}
