/**
 * The painter of a 2D canvas (the screen, and the pixels of a PNG export),
 * at the device's pixel ratio.
 *
 * @module
 */
import type { RgbaImage } from '@differt2d/scene';
import { FONT_FAMILY, type Painter, type Stroke, type TextStyle } from './painter.js';

/** Canvases holding images already drawn, so that a map is uploaded once, not every frame. */
const uploaded = new WeakMap<RgbaImage, HTMLCanvasElement>();

function canvasOf(image: RgbaImage): HTMLCanvasElement {
  let canvas = uploaded.get(image);
  if (canvas === undefined) {
    canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const pixels = new ImageData(Uint8ClampedArray.from(image.data), image.width, image.height);
    canvas.getContext('2d')!.putImageData(pixels, 0, 0);
    uploaded.set(image, canvas);
  }
  return canvas;
}

function font(size: number, bold = false): string {
  return `${bold ? 'bold ' : ''}${size}px ${FONT_FAMILY}`;
}

let measuring: CanvasRenderingContext2D | null = null;

/**
 * The width of a text in the page's font (CSS pixels), as a canvas draws it.
 *
 * @example
 * ```ts
 * measureText('x (m)', 12); // ~28
 * ```
 */
export function measureText(text: string, size: number, bold = false): number {
  measuring ??= document.createElement('canvas').getContext('2d')!;
  measuring.font = font(size, bold);
  return measuring.measureText(text).width;
}

/**
 * A painter over a canvas's 2D context: `width` x `height` CSS pixels drawn
 * at `ratio` device pixels each (the canvas must be `ratio` times larger).
 *
 * @example
 * ```ts
 * const painter = new CanvasPainter(canvas.getContext('2d')!, 800, 600, devicePixelRatio);
 * ```
 */
export class CanvasPainter implements Painter {
  constructor(
    private readonly context: CanvasRenderingContext2D,
    readonly width: number,
    readonly height: number,
    ratio: number,
  ) {
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.lineCap = 'round';
    context.lineJoin = 'round';
  }

  private stroke(stroke: Stroke): void {
    const c = this.context;
    c.strokeStyle = stroke.color;
    c.lineWidth = stroke.width;
    c.setLineDash(stroke.dash === undefined ? [] : [...stroke.dash]);
    c.globalAlpha = stroke.opacity ?? 1;
    c.stroke();
    c.globalAlpha = 1;
  }

  private tracePoints(points: readonly number[], close: boolean): void {
    const c = this.context;
    c.beginPath();
    for (let k = 0; k + 1 < points.length; k += 2) {
      if (k === 0) c.moveTo(points[k]!, points[k + 1]!);
      else c.lineTo(points[k]!, points[k + 1]!);
    }
    if (close) c.closePath();
  }

  rect(left: number, top: number, width: number, height: number, fill: string | null, stroke?: Stroke): void {
    const c = this.context;
    c.beginPath();
    c.rect(left, top, width, height);
    if (fill !== null) {
      c.fillStyle = fill;
      c.fill();
    }
    if (stroke !== undefined) this.stroke(stroke);
  }

  line(x0: number, y0: number, x1: number, y1: number, stroke: Stroke): void {
    this.tracePoints([x0, y0, x1, y1], false);
    this.stroke(stroke);
  }

  polyline(points: readonly number[], stroke: Stroke): void {
    this.tracePoints(points, false);
    this.stroke(stroke);
  }

  polygon(points: readonly number[], fill: string | null, stroke?: Stroke): void {
    this.tracePoints(points, true);
    if (fill !== null) {
      this.context.fillStyle = fill;
      this.context.fill();
    }
    if (stroke !== undefined) this.stroke(stroke);
  }

  circle(cx: number, cy: number, radius: number, fill: string | null, stroke?: Stroke): void {
    const c = this.context;
    c.beginPath();
    c.arc(cx, cy, radius, 0, 2 * Math.PI);
    if (fill !== null) {
      c.fillStyle = fill;
      c.fill();
    }
    if (stroke !== undefined) this.stroke(stroke);
  }

  text(x: number, y: number, text: string, style: TextStyle): void {
    const c = this.context;
    c.save();
    c.font = font(style.size, style.bold);
    c.textAlign = style.align ?? 'left';
    c.textBaseline = 'middle';
    c.translate(x, y);
    if (style.rotated === true) c.rotate(-Math.PI / 2);
    if (style.halo === true) {
      c.strokeStyle = '#ffffff';
      c.lineWidth = 3;
      c.setLineDash([]);
      c.strokeText(text, 0, 0);
    }
    c.fillStyle = style.color;
    c.fillText(text, 0, 0);
    c.restore();
  }

  measure(text: string, size: number, bold = false): number {
    return measureText(text, size, bold);
  }

  image(image: RgbaImage, left: number, top: number, width: number, height: number, opacity: number): void {
    const c = this.context;
    c.save();
    c.imageSmoothingEnabled = false;
    c.globalAlpha = opacity;
    c.drawImage(canvasOf(image), left, top, width, height);
    c.restore();
  }

  clip(left: number, top: number, width: number, height: number): void {
    const c = this.context;
    c.save();
    c.beginPath();
    c.rect(left, top, width, height);
    c.clip();
  }

  unclip(): void {
    this.context.restore();
  }

  group(): void {}

  endGroup(): void {}
}
