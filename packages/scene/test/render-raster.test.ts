import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BITMAP_FONT_CHARACTERS,
  bitmapFontCovers,
  cellEdges,
  colormap,
  colormapEntry,
  colormapFromAnchors,
  colormapIndex,
  COLORMAP_NAMES,
  colorScale,
  createImage,
  drawBitmapText,
  drawLineWu,
  drawThickLine,
  fillDisc,
  fillPolygon,
  fitEqualAspect,
  formatScientific,
  hexToRgb,
  logTicks,
  mapCellExtent,
  measureBitmapText,
  nearestCellIndices,
  niceStep,
  niceTicks,
  paddedExtent,
  pathOrderColor,
  PlotFrame,
  readPixel,
  rgbToHex,
  sceneDrawing,
  type RgbaImage,
} from '../src/render/index.js';
import { basicScene } from '../src/index.js';

const WHITE = [255, 255, 255] as const;
const BLACK = [0, 0, 0] as const;

function inkedPixels(image: RgbaImage): [number, number][] {
  const out: [number, number][] = [];
  for (let row = 0; row < image.height; row++) {
    for (let column = 0; column < image.width; column++) if (readPixel(image, column, row)[0] < 255) out.push([column, row]);
  }
  return out;
}

describe('ticks', () => {
  it('steps are 1, 2 or 5 times a power of ten, and ticks are exact multiples inside the range', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.integer({ min: 2, max: 10 }), (low, span, count) => {
        fc.pre(span > Math.abs(low) * 1e-8); // spans near the float resolution are no axis
        const high = low + span;
        const { step, mantissa, exponent } = niceStep(span, count);
        expect([1, 2, 5]).toContain(mantissa);
        expect(step).toBeCloseTo(mantissa * 10 ** exponent, 12);
        const ticks = niceTicks(low, high, count);
        expect(ticks.length).toBeGreaterThanOrEqual(1);
        expect(ticks.length).toBeLessThanOrEqual(3 * count + 2);
        for (const tick of ticks) {
          expect(tick.value).toBeGreaterThanOrEqual(low - span * 1e-6);
          expect(tick.value).toBeLessThanOrEqual(high + span * 1e-6);
          const units = tick.value / step;
          expect(Math.abs(units - Math.round(units))).toBeLessThan(1e-9 + Math.abs(units) * 1e-14);
        }
      }),
    );
  });

  it('labels share their decimals and have no floating-point noise', () => {
    expect(niceTicks(-0.05, 1.05, 6).map((t) => t.label)).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
    expect(niceTicks(-50, 5, 6).map((t) => t.label)).toEqual(['-50', '-40', '-30', '-20', '-10', '0']);
    expect(niceTicks(0.1, 0.35, 5).map((t) => t.label)).toEqual(['0.10', '0.15', '0.20', '0.25', '0.30', '0.35']);
    expect(niceTicks(-1e-7, 1e-7, 2).map((t) => t.label)).toEqual(['-1e-7', '0', '1e-7']);
    expect(niceTicks(3, 3).map((t) => t.label)).toEqual(['3']);
    expect(niceTicks(0, 2e6, 4).map((t) => t.label)).toEqual(['0', '5e5', '1e6', '1.5e6', '2e6']);
    expect(formatScientific(0.0001)).toBe('1e-4');
    expect(() => niceTicks(1, 0)).toThrow(/finite min <= max/);
    expect(() => niceStep(0, 5)).toThrow(/positive finite/);
  });

  it('log ticks: decades, else 1-2-5 multiples, else linear', () => {
    expect(logTicks(1e-4, 1).map((t) => t.label)).toEqual(['1e-4', '1e-3', '1e-2', '1e-1', '1e0']);
    expect(logTicks(1e-4, 1).map((t) => t.exponent)).toEqual([-4, -3, -2, -1, 0]);
    expect(logTicks(0.2, 0.9).map((t) => t.label)).toEqual(['0.2', '0.5']);
    expect(logTicks(0.3, 0.4).map((t) => t.value)).toEqual(niceTicks(0.3, 0.4, 4).map((t) => t.value));
    expect(logTicks(1e-30, 1e30).length).toBeLessThanOrEqual(11);
    expect(() => logTicks(0, 1)).toThrow(/0 < min <= max/);
  });
});

describe('colour maps and scales', () => {
  it('viridis and plasma match the published ends and a few published entries', () => {
    // matplotlib's _viridis_data / _plasma_data entries (0..255), times 255.
    const published: Record<string, [number, [number, number, number]][]> = {
      viridis: [[0, [68, 1, 84]], [64, [59, 82, 139]], [128, [33, 145, 140]], [192, [94, 201, 98]], [255, [253, 231, 37]], [100, [0.166617 * 255, 0.463708 * 255, 0.558119 * 255]]],
      plasma: [[0, [13, 8, 135]], [128, [204, 71, 120]], [255, [240, 249, 33]], [200, [0.98 * 255, 0.629 * 255, 0.225 * 255]]],
    };
    for (const [name, entries] of Object.entries(published)) {
      const map = colormap(name as 'viridis' | 'plasma');
      expect(map.size).toBe(256);
      for (const [index, rgb] of entries) {
        const got = colormapEntry(map, index);
        for (let c = 0; c < 3; c++) expect(Math.abs(got[c]! - rgb[c]!), `${name}[${index}]`).toBeLessThanOrEqual(3);
      }
    }
    expect(COLORMAP_NAMES).toEqual(['viridis', 'plasma', 'greys']);
    expect(colormapEntry(colormap('greys'), 0)).toEqual([255, 255, 255]);
    expect(() => colormap('jet' as 'viridis')).toThrow(/unknown colour map "jet"/);
    expect(() => colormapFromAnchors('bad', [[0, 0, 0, 0]])).toThrow(/start at index 0 and end at index 255/);
  });

  it('viridis gets lighter from end to end (monotonic luminance)', () => {
    const map = colormap('viridis');
    let previous = -1;
    for (let i = 0; i < 256; i++) {
      const [r, g, b] = colormapEntry(map, i);
      const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      expect(luminance).toBeGreaterThan(previous - 0.5);
      previous = luminance;
    }
  });

  it('linear, dB and log scales put vmin and vmax at 0 and 1, clamp, and keep NaN', () => {
    const linear = colorScale({ vmin: 2, vmax: 4 });
    expect([linear.position(2), linear.position(3), linear.position(4), linear.position(0), linear.position(9)]).toEqual([0, 0.5, 1, 0, 1]);
    expect(linear.position(NaN)).toBeNaN();
    const dB = colorScale({ scale: 'dB', vmin: -50, vmax: 5 });
    expect(dB.position(100 * 10 ** -5)).toBeCloseTo(0, 12);
    expect(dB.position(100 * 10 ** 0.5)).toBeCloseTo(1, 12);
    expect(dB.position(100)).toBeCloseTo(50 / 55, 12); // 0 dB
    expect(dB.position(0)).toBe(0); // -inf dB: the low end
    expect(dB.position(NaN)).toBeNaN();
    expect(dB.display(1)).toBeCloseTo(-20, 12);
    expect(colorScale({ scale: 'dB', vmin: -10, vmax: 0, referencePower: 1 }).position(1)).toBe(1);
    const log = colorScale({ scale: 'log', vmin: 1e-4, vmax: 1 });
    expect([log.position(1e-4), log.position(1e-2), log.position(1)]).toEqual([0, 0.5, 1]);
    expect(log.position(-1)).toBe(0);
    expect(log.tickPosition(1e-3)).toBeCloseTo(0.25, 12);
    expect(colormapIndex(256, 0)).toBe(0);
    expect(colormapIndex(256, 1)).toBe(255);
  });

  it('default ranges come from the data', () => {
    expect(colorScale({}, [3, NaN, 1, Infinity, 2])).toMatchObject({ vmin: 1, vmax: 3 });
    expect(colorScale({ scale: 'dB' }, [1, 100, 0])).toMatchObject({ vmin: -20, vmax: 0 });
    expect(colorScale({ scale: 'log' }, [0, 1e-3, 10])).toMatchObject({ vmin: 1e-3, vmax: 10 });
    expect(colorScale({}, [5, 5])).toMatchObject({ vmin: 5, vmax: 6 });
    expect(colorScale({ vmax: 0 }, [5])).toMatchObject({ vmin: -1, vmax: 0 });
    expect(colorScale({ scale: 'log', vmin: 10 }, [])).toMatchObject({ vmin: 10, vmax: 100 });
    expect(() => colorScale({ vmin: 3, vmax: 3 })).toThrow('colorScale: vmin must be below vmax, got vmin 3 and vmax 3');
    expect(() => colorScale({ scale: 'dB', vmin: NaN })).toThrow(/vmin must be a finite number/);
    expect(() => colorScale({ scale: 'decibel' as 'dB' })).toThrow(/scale must be 'linear', 'dB' or 'log'/);
  });

  it('path colours differ by order, hex round-trips', () => {
    const colors = [0, 1, 2, 3, 4, 5].map((order) => rgbToHex(pathOrderColor(order)));
    expect(new Set(colors).size).toBe(6);
    expect(hexToRgb(rgbToHex([1, 128, 255]))).toEqual([1, 128, 255]);
    expect(() => hexToRgb('red')).toThrow(/expected a colour/);
  });
});

describe('raster drawing', () => {
  it("Wu's line lights the pixels along it, full at the middle, anti-aliased off axis", () => {
    const image = createImage(20, 20, WHITE);
    drawLineWu(image, 0.5, 0.5, 19.5, 0.5, BLACK);
    for (let column = 1; column < 19; column++) expect(readPixel(image, column, 0)).toEqual([0, 0, 0, 255]);
    expect(readPixel(image, 10, 1)).toEqual([255, 255, 255, 255]);
    const diagonal = createImage(20, 20, WHITE);
    drawLineWu(diagonal, 0.5, 0.5, 19.5, 10.5, BLACK);
    const grey = inkedPixels(diagonal).filter(([c, r]) => readPixel(diagonal, c, r)[0] > 0);
    expect(grey.length).toBeGreaterThan(5); // partial coverage: anti-aliasing
    // Steep, reversed lines too: every row between the ends is inked.
    const steep = createImage(20, 20, WHITE);
    drawLineWu(steep, 10.5, 19.5, 5.5, 0.5, BLACK);
    for (let row = 1; row < 19; row++) expect(inkedPixels(steep).some(([, r]) => r === row)).toBe(true);
  });

  it('thick lines cover a band of the given width with round caps', () => {
    const image = createImage(40, 20, WHITE);
    drawThickLine(image, 5, 10, 35, 10, 4, BLACK);
    expect(readPixel(image, 20, 9)).toEqual([0, 0, 0, 255]);
    expect(readPixel(image, 20, 11)).toEqual([0, 0, 0, 255]);
    expect(readPixel(image, 20, 14)).toEqual([255, 255, 255, 255]);
    expect(readPixel(image, 38, 10)).toEqual([255, 255, 255, 255]);
    const thin = createImage(10, 10, WHITE);
    drawThickLine(thin, 0.5, 5.5, 9.5, 5.5, 1, BLACK); // falls back to Wu
    expect(readPixel(thin, 5, 5)).toEqual([0, 0, 0, 255]);
  });

  it('discs and polygons fill their inside, anti-aliased at the edges', () => {
    const disc = createImage(21, 21, WHITE);
    fillDisc(disc, 10.5, 10.5, 6, [255, 0, 0]);
    expect(readPixel(disc, 10, 10)).toEqual([255, 0, 0, 255]);
    expect(readPixel(disc, 0, 0)).toEqual([255, 255, 255, 255]);
    const square = createImage(10, 10, WHITE);
    fillPolygon(square, [[2, 2], [8, 2], [8, 8], [2, 8]], BLACK);
    expect(readPixel(square, 5, 5)).toEqual([0, 0, 0, 255]);
    expect(readPixel(square, 1, 5)).toEqual([255, 255, 255, 255]);
    const half = createImage(4, 4, WHITE);
    fillPolygon(half, [[0, 0], [2.5, 0], [2.5, 4], [0, 4]], BLACK);
    expect(readPixel(half, 2, 1)[0]).toBeGreaterThan(100); // half covered: grey
    expect(readPixel(half, 2, 1)[0]).toBeLessThan(160);
  });

  it('the bitmap font has digits, minus, point, e, d, B and letters; text is drawn and measured', () => {
    for (const character of '0123456789-.edB+()/%:xymPpowerdBlog ') expect(BITMAP_FONT_CHARACTERS.includes(character), character).toBe(true);
    expect(bitmapFontCovers('-50 dB, 1e-4, x (m)')).toBe(true);
    expect(bitmapFontCovers('\u2212')).toBe(true);
    expect(bitmapFontCovers('\u03bb')).toBe(false);
    expect(measureBitmapText('-50', 2)).toEqual({ width: 2 * (4 + 1 + 5 + 1 + 5), capHeight: 14, height: 18 });
    const image = createImage(60, 20, WHITE);
    drawBitmapText(image, '-5e1', 1, 1, BLACK, { scale: 1 });
    const ink = inkedPixels(image);
    expect(ink.length).toBeGreaterThan(20);
    expect(Math.max(...ink.map(([c]) => c))).toBeLessThan(1 + measureBitmapText('-5e1', 1).width);
    // Different digits look different.
    const glyphs = [...'0123456789'].map((digit) => {
      const one = createImage(8, 10, WHITE);
      drawBitmapText(one, digit, 1, 1, BLACK, { scale: 1 });
      return inkedPixels(one).join(';');
    });
    expect(new Set(glyphs).size).toBe(10);
    // Rotated text reads upwards: its box is tall, not wide.
    const rotated = createImage(20, 60, WHITE);
    drawBitmapText(rotated, 'dB', 1, 1, BLACK, { scale: 2, rotated: true });
    const rows = inkedPixels(rotated).map(([, r]) => r);
    const columns = inkedPixels(rotated).map(([c]) => c);
    expect(Math.max(...rows) - Math.min(...rows)).toBeGreaterThan(Math.max(...columns) - Math.min(...columns));
  });
});

describe('geometry helpers', () => {
  it('frames map data to pixels with y up and equal scales', () => {
    const frame = new PlotFrame({ xmin: 0, xmax: 2, ymin: 0, ymax: 1 }, { left: 10, top: 20, width: 200, height: 100 });
    expect([frame.pixelX(0), frame.pixelX(2), frame.pixelY(1), frame.pixelY(0)]).toEqual([10, 210, 20, 120]);
    expect(frame.scaleX).toBe(frame.scaleY);
    expect(frame.dataY(frame.pixelY(0.3))).toBeCloseTo(0.3, 12);
    expect(fitEqualAspect({ xmin: 0, xmax: 1, ymin: 0, ymax: 3 }, 300, 300)).toEqual({ width: 100, height: 300 });
    expect(paddedExtent({ xmin: 1, xmax: 1, ymin: 2, ymax: 2 }, 0)).toEqual({ xmin: 0.5, xmax: 1.5, ymin: 1.5, ymax: 2.5 });
  });

  it('map cells are centred on the grid points; pixels find the nearest cell', () => {
    expect([...cellEdges([0, 0.5, 1], 0.25)]).toEqual([-0.25, 0.25, 0.75, 1.25]);
    expect([...cellEdges([1, 0.5, 0], 0.25)]).toEqual([-0.25, 0.25, 0.75, 1.25]);
    expect(mapCellExtent({ x: [0, 1], y: [5], power: [0, 0] })).toEqual({ xmin: -0.5, xmax: 1.5, ymin: 4.5, ymax: 5.5 });
    expect([...nearestCellIndices([0, 0.5, 1], Float64Array.of(-0.3, -0.26, 0.1, 0.4, 1.1, 1.3), 0.02)]).toEqual([-1, 0, 0, 1, 2, -1]);
    expect([...nearestCellIndices([1, 0.5, 0], Float64Array.of(0.1, 0.9), 0)]).toEqual([2, 0]);
  });

  it('scenes become plain segments, points and named positions', () => {
    const drawing = sceneDrawing(basicScene());
    expect(drawing.segments).toHaveLength(7);
    expect(drawing.segments[4]).toEqual({ kind: 'wall', index: 4, x0: 0.4, y0: 0, x1: 0.4, y1: 0.4 });
    expect(drawing.transmitters).toEqual([{ name: 'tx', x: 0.1, y: 0.1 }]);
    expect(drawing.receivers).toEqual([{ name: 'rx', x: 0.302, y: 0.2147 }]);
  });
});
