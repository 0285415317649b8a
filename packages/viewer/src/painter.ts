/**
 * What the drawing code draws on: a small set of primitives in CSS pixels,
 * implemented for a canvas (the screen, PNG export) and as SVG markup (SVG
 * export), so that both show exactly the same picture.
 *
 * @module
 */
import type { RgbaImage } from '@differt2d/scene';

/**
 * How a line or outline looks.
 *
 * @example
 * ```ts
 * const wall: Stroke = { color: '#222222', width: 2.5 };
 * const dashed: Stroke = { color: '#000', width: 1, dash: [4, 3], opacity: 0.5 };
 * ```
 */
export interface Stroke {
  readonly color: string;
  readonly width: number;
  readonly dash?: readonly number[] | undefined;
  readonly opacity?: number | undefined;
}

/**
 * How a text is placed: `x` is its left end, centre or right end
 * (`align`), `y` its middle line; `rotated` turns it a quarter to the left.
 *
 * @example
 * ```ts
 * const label: TextStyle = { size: 12, color: '#111', align: 'center', halo: true };
 * ```
 */
export interface TextStyle {
  readonly size: number;
  readonly color: string;
  readonly align?: 'left' | 'center' | 'right' | undefined;
  readonly bold?: boolean | undefined;
  /** A white outline, legible on any background. */
  readonly halo?: boolean | undefined;
  readonly rotated?: boolean | undefined;
}

/**
 * Attributes that name what is drawn (SVG `class` and `data-*`; the canvas
 * ignores them).
 *
 * @example
 * ```ts
 * const tag: Tag = { className: 'wall', data: { index: '4' } };
 * ```
 */
export interface Tag {
  readonly className: string;
  readonly data?: Readonly<Record<string, string>> | undefined;
}

/**
 * A drawing surface, in CSS pixels, y down.
 *
 * @example
 * ```ts
 * painter.line(0, 0, 100, 100, { color: '#000', width: 1 });
 * ```
 */
export interface Painter {
  /** Width and height (CSS pixels). */
  readonly width: number;
  readonly height: number;
  /** Fill a rectangle. */
  rect(left: number, top: number, width: number, height: number, fill: string | null, stroke?: Stroke, tag?: Tag): void;
  /** A straight line. */
  line(x0: number, y0: number, x1: number, y1: number, stroke: Stroke, tag?: Tag): void;
  /** An open polyline through `points` (`[x0, y0, x1, y1, ...]`). */
  polyline(points: readonly number[], stroke: Stroke, tag?: Tag): void;
  /** A closed polygon. */
  polygon(points: readonly number[], fill: string | null, stroke?: Stroke, tag?: Tag): void;
  /** A disc / circle. */
  circle(cx: number, cy: number, radius: number, fill: string | null, stroke?: Stroke, tag?: Tag): void;
  /** Text (see {@link TextStyle}). */
  text(x: number, y: number, text: string, style: TextStyle, tag?: Tag): void;
  /** The width of a text at a size. */
  measure(text: string, size: number, bold?: boolean): number;
  /** An image stretched over a rectangle, pixelated, with an opacity. */
  image(image: RgbaImage, left: number, top: number, width: number, height: number, opacity: number, tag?: Tag): void;
  /** Clip what follows to a rectangle, until `unclip`. */
  clip(left: number, top: number, width: number, height: number): void;
  unclip(): void;
  /** Start / end a named group (SVG `<g>`). */
  group(tag: Tag): void;
  endGroup(): void;
}

/** The font of every text. */
export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';
