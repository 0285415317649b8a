/**
 * `pnpm example vertex-diffraction`: the power diffracted by one corner of
 * the basic scene, over a grid of receivers.
 *
 * The vertex (0.3, 0.4) is the end of the wall (0.4, 0.4)-(0.3, 0.4); that
 * wall is removed from the scene (a path through its own end would cross
 * it) and the vertex added. Paths of exactly one interaction, through the
 * vertex only (the other objects still block), traced as Fermat paths
 * (shortest length); the power in dB relative to P0 from -50 to 5 dB. The
 * removed wall is drawn dashed.
 *
 * A path through a vertex is TX -> vertex -> RX, so where it is valid the
 * power must be `r^1 / (h^2 + L^2)` with `L = |TX - V| + |V - RX|`,
 * `r = 0.5`, `h = 0.1`: the example checks it at every reached receiver.
 *
 * @module
 */
import type { Vertex, Wall } from '@differt2d/geometry';
import { basicScene, powerGrid, renderMapImage, type DataExtent, type Scene } from '@differt2d/scene';
import { encodePngCompact, renderMapSvgCompact } from '@differt2d/scene/node';
import { check, formatMs, formatPoint, formatValue, gridSize, mapStatistics, OutputFolder, Stopwatch, type Example, type ExampleOptions, type ExampleReport } from './shared/example.js';
import { drawDashedLine, insertMapSvgOverlay, mapSvgFrame, svgDashedLine, type XY } from './shared/overlays.js';

/** The index of the wall (0.4, 0.4)-(0.3, 0.4) in the basic scene. */
export const DIFFRACTING_WALL_INDEX = 5;

/**
 * The scene of the example: the basic scene without the wall
 * (0.4, 0.4)-(0.3, 0.4), plus that wall's vertex (0.3, 0.4) (the last
 * object); and the removed wall, for drawing.
 *
 * @example
 * ```ts
 * const { scene, vertexIndex } = vertexDiffractionScene();
 * scene.objects[vertexIndex].kind; // 'vertex'
 * ```
 */
export function vertexDiffractionScene(): { scene: Scene; vertexIndex: number; vertex: Vertex; removedWall: Wall } {
  const basic = basicScene();
  const removedWall = basic.objects[DIFFRACTING_WALL_INDEX] as Wall;
  const [, vertex] = removedWall.vertices();
  const scene = basic.filterObjects((_, index) => index !== DIFFRACTING_WALL_INDEX).addObjects(vertex);
  return { scene, vertexIndex: scene.objects.length - 1, vertex, removedWall };
}

/**
 * Run the vertex diffraction map.
 *
 * @example
 * ```ts
 * const report = await runVertexDiffraction({ outDir: 'out' });
 * report.files; // ['out/vertex-diffraction.png', 'out/vertex-diffraction.svg']
 * ```
 */
export async function runVertexDiffraction(options: ExampleOptions): Promise<ExampleReport> {
  const n = gridSize(options, 300);
  const watch = new Stopwatch();
  const output = new OutputFolder(options.outDir);
  const { scene, vertexIndex, vertex, removedWall } = vertexDiffractionScene();
  const trace = { minOrder: 1, maxOrder: 1, filter: [vertexIndex], method: 'fermat' } as const;

  options.log?.(`${n} x ${n} receivers, Fermat paths through the vertex ${formatPoint(vertex.xy.toArray() as number[], 1)} ...`);
  const map = watch.computeSync(() => powerGrid(scene, { over: 'rx', nx: n, ny: n, ...trace }));

  // Where a path is valid, its power is 0.5 / (h^2 + L^2) with L through the vertex.
  const [vx, vy] = vertex.xy.toArray() as number[];
  const [tx, ty] = scene.transmitter('tx').xy.toArray() as number[];
  const toVertex = Math.hypot(vx! - tx!, vy! - ty!);
  let worst = 0;
  let reached = 0;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const power = map.power[j * n + i]!;
      if (power === 0) continue;
      reached++;
      const length = toVertex + Math.hypot(map.x[i]! - vx!, map.y[j]! - vy!);
      const expected = 0.5 / (0.1 ** 2 + length ** 2);
      worst = Math.max(worst, Math.abs(power - expected) / expected);
    }
  }

  const extent: DataExtent = { xmin: 0, xmax: 1, ymin: 0, ymax: 1 };
  const style = { scene, scale: 'dB', vmin: -50, vmax: 5, colormap: 'viridis', label: 'Power (dB)', extent, showTransmitters: true, showReceivers: false } as const;
  const [from, to] = removedWall.xys.toArray() as [XY, XY];
  watch.draw(() => {
    const { image, layout } = renderMapImage(map, { ...style, width: 760 });
    drawDashedLine(image, layout.frame, from, to, [255, 255, 255]);
    output.write('vertex-diffraction.png', encodePngCompact(image));
    const id = 'vertex-diffraction';
    const svg = renderMapSvgCompact(map, { ...style, width: 560, idPrefix: id });
    output.write('vertex-diffraction.svg', insertMapSvgOverlay(svg, id, svgDashedLine(mapSvgFrame(svg, extent, id), from, to, '#ffffff')));
  });

  const stats = mapStatistics(map.power);
  return {
    numbers: [
      ['scene', `basic without the wall ${formatPoint(from, 1)}-${formatPoint(to, 1)}, plus its vertex ${formatPoint([vx!, vy!], 1)}; TX (0.1, 0.1)`],
      ['paths', 'order 1 through the vertex only (filter), Fermat method; the other walls still block'],
      ['grid', `${n} x ${n} receivers over [0, 1]^2`],
      ['power map', `max ${stats.maxDb.toFixed(2)} dB, median ${stats.medianDb.toFixed(2)} dB (reached points); reached ${(100 * stats.reachedFraction).toFixed(1)}% of the grid`],
      ['map compute', formatMs(watch.computeMs)],
    ],
    checks: [
      check('power is 0.5 / (h^2 + L^2) with L = |TX - V| + |V - RX| where a path is valid', reached > 0 && worst < 1e-9, `${reached} receivers, largest relative error ${formatValue(worst, 2)}`),
    ],
    files: output.files,
    computeMs: watch.computeMs,
    drawMs: watch.drawMs,
    json: { grid: [n, n], vertex: [vx, vy], reachedFraction: stats.reachedFraction, maxDb: stats.maxDb, medianDb: stats.medianDb, maxRelativeError: worst, files: output.files },
  };
}

/** The example `vertex-diffraction`. */
export const VERTEX_DIFFRACTION: Example = {
  name: 'vertex-diffraction',
  summary: 'power diffracted by the vertex (0.3, 0.4) of the basic scene (Fermat paths of order 1, dB)',
  run: runVertexDiffraction,
};
