import { tensor, type Tensor } from '@differt2d/autodiff';
import { RIS, Vertex, Wall, type Interactable } from '@differt2d/geometry';
import { describe, expect, it } from 'vitest';
import { basicScene, Scene, squareScene } from '../src/index.js';
import { escapeXml, renderMapSvg, renderSceneSvg, svgTickLabel, type DrawablePath } from '../src/render/index.js';

/** A user-defined object with no `xys` or `xy`: drawn as its bounding box. */
class Blob implements Interactable {
  readonly kind = 'blob';
  readonly parameterCount = 2;
  readonly blocksRays = false;
  parametricToCartesian(s: Tensor): Tensor {
    return s;
  }
  cartesianToParametric(xy: Tensor): Tensor {
    return xy;
  }
  contains(s: Tensor): Tensor {
    return s;
  }
  intersects(p: Tensor): Tensor {
    return p;
  }
  interactionLoss(a: Tensor): Tensor {
    return a;
  }
  boundingBox(): Tensor {
    return tensor([[0.6, 0.6], [0.8, 0.7]]);
  }
}

/** A user-defined straight object: drawn as a dashed segment. */
class Mirror extends Wall {
  override readonly kind: string = 'mirror';
}

/** A user-defined point object. */
class Pin extends Vertex {
  override readonly kind: string = 'pin';
}

/** Every kind of object, two receivers, a transmitter near the right edge. */
function everythingScene(): Scene {
  return new Scene({
    transmitters: { tx: [0.2, 0.5], tx_far_right: [0.99, 0.98] },
    receivers: { rx_0: [0.3, 0.1], rx_1: [0.5, 0.1] },
    objects: [
      ...squareScene().objects,
      new RIS([[0.5, 0.3], [0.5, 0.7]]),
      new Vertex([0.3, 0.4]),
      new Mirror([[0.1, 0.8], [0.3, 0.9]]),
      new Pin([0.7, 0.2]),
      new Blob(),
    ],
  });
}

/**
 * A small XML well-formedness check: every tag closes in order, attributes
 * are quoted and unique, entities are known, no stray '<' or '&'. Returns
 * the elements met (name and attributes) in document order.
 */
function parseXml(text: string): { name: string; attributes: Record<string, string> }[] {
  const elements: { name: string; attributes: Record<string, string> }[] = [];
  const stack: string[] = [];
  const checkText = (chunk: string, where: string) => {
    expect(chunk.includes('<'), `'<' in ${where}`).toBe(false);
    for (const match of chunk.matchAll(/&([^;\s]*);?/g)) {
      expect(/^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);$/i.test(match[0]), `entity ${match[0]} in ${where}`).toBe(true);
    }
  };
  let at = 0;
  let roots = 0;
  while (at < text.length) {
    const open = text.indexOf('<', at);
    if (open < 0) {
      expect(text.slice(at).trim(), 'text after the root').toBe('');
      break;
    }
    const between = text.slice(at, open);
    if (stack.length === 0) expect(between.trim(), 'text outside the root').toBe('');
    else checkText(between, `text of <${stack.at(-1)}>`);
    if (text.startsWith('<!--', open)) {
      at = text.indexOf('-->', open) + 3;
      expect(at).toBeGreaterThan(2);
      continue;
    }
    if (text.startsWith('<?', open)) {
      at = text.indexOf('?>', open) + 2;
      continue;
    }
    const close = text.indexOf('>', open);
    expect(close, 'unterminated tag').toBeGreaterThan(open);
    const tag = text.slice(open + 1, close);
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      expect(stack.pop(), `closing </${name}>`).toBe(name);
    } else {
      const selfClosing = tag.endsWith('/');
      const body = selfClosing ? tag.slice(0, -1) : tag;
      const nameMatch = /^([A-Za-z_][\w:.-]*)/.exec(body);
      expect(nameMatch, `tag name in <${tag}>`).not.toBeNull();
      const name = nameMatch![1]!;
      const rest = body.slice(name.length);
      const attributes: Record<string, string> = {};
      const attributePattern = /\s+([A-Za-z_][\w:.-]*)="([^"]*)"/y;
      let position = 0;
      while (position < rest.length) {
        if (rest.slice(position).trim() === '') break;
        attributePattern.lastIndex = position;
        const attribute = attributePattern.exec(rest);
        expect(attribute, `attribute syntax in <${name}${rest}>`).not.toBeNull();
        expect(attributes[attribute![1]!], `duplicate attribute ${attribute![1]} in <${name}>`).toBeUndefined();
        checkText(attribute![2]!, `attribute ${attribute![1]} of <${name}>`);
        attributes[attribute![1]!] = attribute![2]!;
        position = attributePattern.lastIndex;
      }
      elements.push({ name, attributes });
      if (stack.length === 0) roots++;
      if (!selfClosing) stack.push(name);
    }
    at = close + 1;
  }
  expect(stack, 'unclosed elements').toEqual([]);
  expect(roots, 'one root element').toBe(1);
  return elements;
}

const byClass = (elements: ReturnType<typeof parseXml>, className: string) =>
  elements.filter((element) => (element.attributes.class ?? '').split(' ').includes(className));

/** Paths of the basic scene (as the tracer finds them): LOS, one reflection on the floor, one double reflection. */
const BASIC_PATHS: DrawablePath[] = [
  { points: [[0.1, 0.1], [0.302, 0.2147]], candidate: [], tx: 'tx', rx: 'rx' },
  { points: [[0.1, 0.1], [0.16, 0], [0.302, 0.2147]], candidate: [0], tx: 'tx', rx: 'rx' },
  { points: [[0.1, 0.1], [0.4, 0.19], [0.3, 0.4], [0.302, 0.2147]], candidate: [4, 5], tx: 'tx', rx: 'rx', validity: 0 },
  { points: [[0.1, 0.1], [0, 0.13], [0.4, 0.19], [0.21, 1], [0.302, 0.2147]], candidate: [3, 4, 2], tx: 'tx', rx: 'rx' },
];

describe('renderSceneSvg', () => {
  it('is well-formed XML with one element per wall and per path, classed and numbered', () => {
    const svg = renderSceneSvg(basicScene(), { paths: BASIC_PATHS, title: 'Basic scene <order ≤ 3> & more' });
    const elements = parseXml(svg);
    expect(elements[0]!.name).toBe('svg');
    expect(elements[0]!.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
    const walls = byClass(elements, 'wall');
    expect(walls).toHaveLength(7);
    expect(walls.every((wall) => wall.name === 'line')).toBe(true);
    expect(walls.map((wall) => wall.attributes['data-index'])).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    const paths = byClass(elements, 'path');
    expect(paths).toHaveLength(4);
    expect(paths.map((path) => path.attributes['data-order']).sort()).toEqual(['0', '1', '2', '3']);
    const second = paths.find((path) => path.attributes['data-order'] === '2')!;
    expect(second.attributes['data-candidate']).toBe('4,5');
    expect(second.attributes['data-valid']).toBe('false'); // validity 0: dashed
    expect(second.attributes['stroke-dasharray']).toBeDefined();
    // Regex counting, as a user would.
    expect(svg.match(/class="wall"/g)).toHaveLength(7);
    expect(svg.match(/class="path"/g)).toHaveLength(4);
    expect(svg.match(/data-order="1"/g)).toHaveLength(1);
    expect(byClass(elements, 'transmitter').map((e) => e.attributes['data-name'])).toEqual(['tx']);
    expect(byClass(elements, 'receiver').map((e) => e.attributes['data-name'])).toEqual(['rx']);
    expect(svg).toContain('Basic scene &lt;order ≤ 3&gt; &amp; more');
  });

  it('colours paths by order, each order once in the legend', () => {
    const svg = renderSceneSvg(basicScene(), { paths: BASIC_PATHS });
    const elements = parseXml(svg);
    const colors = new Map(byClass(elements, 'path').map((p) => [p.attributes['data-order'], p.attributes.stroke]));
    expect(new Set(colors.values()).size).toBe(4);
    const labels = byClass(elements, 'legend-label').map((e, i) => [i, e]);
    expect(labels.length).toBe(3 + 4); // transmitter, receiver, wall, then 4 orders
    expect(svg).toContain('>line of sight</text>');
    expect(svg).toContain('>1 interaction</text>');
    expect(svg).toContain('>3 interactions</text>');
  });

  it('draws RIS, vertices and user types distinctly, and escapes names', () => {
    const scene = new Scene({
      transmitters: { 'tx <"a"> & b': [0.2, 0.2] },
      receivers: { rx_0: [0.8, 0.5], rx_1: [0.5, 0.1] },
      objects: [...squareScene().objects, new RIS([[0.5, 0.3], [0.5, 0.7]]), new Vertex([0.3, 0.4])],
    });
    const svg = renderSceneSvg(scene, { paths: [] });
    const elements = parseXml(svg);
    expect(byClass(elements, 'wall')).toHaveLength(4);
    expect(byClass(elements, 'ris')).toHaveLength(1);
    expect(byClass(elements, 'vertex')).toHaveLength(1);
    expect(byClass(elements, 'path')).toHaveLength(0);
    expect(byClass(elements, 'receiver')).toHaveLength(2);
    expect(byClass(elements, 'transmitter')[0]!.attributes['data-name']).toBe('tx &lt;&quot;a&quot;&gt; &amp; b');
    expect(svg).toContain('>RIS</text>');
    expect(svg).toContain('>vertex</text>');
    expect(svg).toContain('>receivers</text>');
  });

  it('has axes with nice ticks and labels, and nothing outside the picture', () => {
    const svg = renderSceneSvg(basicScene(), { paths: BASIC_PATHS, width: 500 });
    const elements = parseXml(svg);
    const root = elements[0]!.attributes;
    const width = Number(root.width);
    const height = Number(root.height);
    expect(width).toBe(500);
    const xLabels = byClass(elements, 'tick-label').filter((e) => e.attributes.class === 'tick-label x');
    expect(xLabels.length).toBeGreaterThanOrEqual(4);
    expect(svg).toMatch(/>0\.0<\/text>/);
    expect(svg).toMatch(/>1\.0<\/text>/);
    expect(svg).toContain('>x (m)</text>');
    expect(svg).toContain('>y (m)</text>');
    // Every coordinate inside the picture.
    for (const element of elements) {
      for (const key of ['x', 'x1', 'x2', 'cx']) if (element.attributes[key] !== undefined && !element.attributes[key]!.endsWith('%')) {
        expect(Number(element.attributes[key]), `${element.name} ${key}`).toBeGreaterThanOrEqual(0);
        expect(Number(element.attributes[key]), `${element.name} ${key}`).toBeLessThanOrEqual(width);
      }
      for (const key of ['y', 'y1', 'y2', 'cy']) if (element.attributes[key] !== undefined && !element.attributes[key]!.endsWith('%')) {
        expect(Number(element.attributes[key]), `${element.name} ${key}`).toBeGreaterThanOrEqual(0);
        expect(Number(element.attributes[key]), `${element.name} ${key}`).toBeLessThanOrEqual(height);
      }
    }
    // The legend box ends inside the picture.
    const box = byClass(elements, 'legend-box')[0]!.attributes;
    expect(Number(box.x) + Number(box.width)).toBeLessThanOrEqual(width);
    expect(Number(box.y) + Number(box.height)).toBeLessThanOrEqual(height);
  });

  it('keeps an equal aspect ratio, also for a wide scene and a given height', () => {
    const wide = new Scene({ transmitters: { tx: [0, 0] }, objects: [new Wall([[0, 0], [4, 1]])] });
    for (const options of [{}, { width: 800, height: 300 }]) {
      const elements = parseXml(renderSceneSvg(wide, options));
      const frame = byClass(elements, 'frame')[0]!.attributes;
      const wall = byClass(elements, 'wall')[0]!.attributes;
      const dx = Number(wall.x2) - Number(wall.x1);
      const dy = Number(wall.y1) - Number(wall.y2);
      expect(dx / dy).toBeCloseTo(4, 1);
      expect(Number(frame.width)).toBeGreaterThan(Number(frame.height));
    }
  });

  it('rejects paths that are not finite, naming them', () => {
    expect(() => renderSceneSvg(basicScene(), { paths: [{ points: [[0, 0], [NaN, 1]], candidate: [] }] })).toThrow(
      'renderSceneSvg: paths[0].points[1] must be two finite numbers [x, y], got [null,1]',
    );
    expect(() => renderSceneSvg(basicScene(), { paths: [{ points: [[0, 0]], candidate: [] }] })).toThrow(/paths\[0\] has 1 point/);
    expect(() => renderSceneSvg(basicScene(), { width: 100 })).toThrow(/leaves no room for the plot/);
  });
});

describe('every kind of object', () => {
  it('scene SVG: user segments, points and boxes are class "object" with their kind', () => {
    const svg = renderSceneSvg(everythingScene());
    const elements = parseXml(svg);
    const objects = byClass(elements, 'object');
    expect(objects.map((o) => [o.name, o.attributes['data-kind']]).sort()).toEqual([
      ['line', 'mirror'],
      ['path', 'pin'],
      ['rect', 'blob'],
    ]);
    for (const label of ['mirror', 'pin', 'blob', 'transmitters', 'RIS']) expect(svg).toContain(`>${label}</text>`);
    // The name by the right edge goes to the left of its marker.
    const far = elements.find((e) => e.attributes['data-name'] === 'tx_far_right' && e.name === 'text')!;
    expect(far.attributes['text-anchor']).toBe('end');
    // A scene with no objects and no points still draws (the unit square).
    parseXml(renderSceneSvg(new Scene(), { showLegend: false, xLabel: '', yLabel: '' }));
  });

  it('map SVG: overlays every kind of object, receivers on request, no colour bar on request', () => {
    const map = { x: [0.25, 0.75], y: [0.25, 0.75], power: [1, 2, 3, NaN] };
    const svg = renderMapSvg(map, { scene: everythingScene(), showReceivers: true, colorbar: false, pixelated: false, idPrefix: 'fig<1>' });
    const elements = parseXml(svg);
    expect(byClass(elements, 'receiver')).toHaveLength(2);
    expect(byClass(elements, 'transmitter')).toHaveLength(2);
    expect(byClass(elements, 'ris')).toHaveLength(1);
    expect(byClass(elements, 'vertex')).toHaveLength(1);
    expect(byClass(elements, 'object')).toHaveLength(3);
    expect(byClass(elements, 'colorbar')).toHaveLength(0);
    expect(svg).toContain('clip-path="url(#fig&lt;1&gt;-plot)"');
    expect(svg).not.toContain('pixelated');
    const hidden = renderMapSvg(map, { scene: everythingScene(), showTransmitters: false, showNames: false });
    expect(byClass(parseXml(hidden), 'transmitter')).toHaveLength(0);
  });
});

describe('renderMapSvg', () => {
  it('is well-formed, embeds the map, draws the walls and a colour bar with ticks', () => {
    const n = 40;
    const x = Float64Array.from({ length: n }, (_, i) => i / (n - 1));
    const power = new Float64Array(n * n).map((_, k) => 1 / (0.01 + (x[k % n]! - 0.1) ** 2 + (x[Math.floor(k / n)]! - 0.1) ** 2));
    const svg = renderMapSvg({ x, y: x, power }, { scene: basicScene(), scale: 'dB', vmin: -50, vmax: 5, title: 'Power & walls' });
    const elements = parseXml(svg);
    expect(byClass(elements, 'map')).toHaveLength(1);
    expect(byClass(elements, 'wall')).toHaveLength(7);
    expect(byClass(elements, 'transmitter')).toHaveLength(1);
    expect(byClass(elements, 'receiver')).toHaveLength(0); // not drawn on maps by default
    const barLabels = byClass(elements, 'tick-label').filter((e) => e.attributes.class === 'tick-label colorbar');
    expect(barLabels).toHaveLength(6); // -50, -40, ..., 0
    expect(svg).toContain('>\u221250</text>');
    expect(svg).toContain('>Power (dB)</text>');
  });

  it('writes log ticks as powers of ten', () => {
    const svg = renderMapSvg({ x: [0, 1], y: [0, 1], power: [1e-4, 1e-3, 1e-2, 1] }, { scale: 'log', vmin: 1e-4, vmax: 1, label: 'P / P0' });
    parseXml(svg);
    expect(svg.match(/class="tick-label colorbar"/g)).toHaveLength(5);
    expect(svg).toContain('10<tspan dy="-0.45em" font-size="75%">\u22124</tspan>');
    expect(svgTickLabel({ value: -0.5, label: '-0.5' })).toBe('\u22120.5');
    expect(escapeXml(`<'&'>`)).toBe('&lt;&apos;&amp;&apos;&gt;');
  });
});
