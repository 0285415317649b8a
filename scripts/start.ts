// `pnpm start`: the main job on the embedded default, the basic scene.
// Prints the valid paths up to order 2 and the received power (with its
// gradient w.r.t. the TX), writes the scene and its paths as SVG and a
// 300 x 300 power map in dB as PNG, and prints where.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { basicScene, powerGrid, receivedPowerPerPair, renderSceneSvg, validScenePaths } from '@differt2d/scene';
import { renderMapPngCompact } from '@differt2d/scene/node';

const started = performance.now();
const scene = basicScene();
const options = { maxOrder: 2 };
const outDir = join(process.cwd(), 'out');
mkdirSync(outDir, { recursive: true });

const paths = validScenePaths(scene, options);
const point = (xy: readonly number[]) => `(${xy[0]!.toFixed(4)}, ${xy[1]!.toFixed(4)})`;
const db = (power: number) => (10 * Math.log10(power / 100)).toFixed(2);
console.log(`differt2d: basic scene, TX ${point(scene.transmitters.get('tx')!.xy.data as unknown as number[])}, RX ${point(scene.receivers.get('rx')!.xy.data as unknown as number[])}`);
console.log(`\n${paths.length} valid paths up to order 2 (image method):`);
const rows = paths.map((p) => [p.candidate.length === 0 ? 'LOS' : `[${p.candidate.join(', ')}]`, p.points.slice(1, -1).map(point).join(' ') || '-', p.power.toPrecision(6), db(p.power)]);
const header = ['candidate', 'interaction points', 'power', 'dB'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
for (const r of [header, ...rows]) console.log('  ' + r.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  '));

const power = receivedPowerPerPair(scene, { ...options, gradient: true });
const pair = power.pairs[0]!;
console.log(`\nreceived power: ${power.total.toPrecision(8)} (${db(power.total)} dB re P0 = 100)`);
console.log(`d power / d TX: (${pair.gradTx![0].toFixed(4)}, ${pair.gradTx![1].toFixed(4)})`);

const svgFile = join(outDir, 'basic-scene.svg');
writeFileSync(svgFile, renderSceneSvg(scene, { paths, title: 'Basic scene: valid paths, order ≤ 2' }));
const map = powerGrid(scene, { over: 'rx', nx: 300, ny: 300, maxOrder: 1 });
const pngFile = join(outDir, 'basic-power-map.png');
writeFileSync(pngFile, renderMapPngCompact(map, { scene, scale: 'dB', vmin: -50, vmax: 5, label: 'Power (dB)', title: 'Basic scene, 300 x 300 receivers, order <= 1' }));
console.log(`\nwrote ${relative(process.cwd(), svgFile)} and ${relative(process.cwd(), pngFile)} in ${((performance.now() - started) / 1000).toFixed(2)} s`);
