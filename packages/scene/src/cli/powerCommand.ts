/**
 * `differt2d power`: the received power per TX-RX pair and in total, and
 * its gradient w.r.t. the TX and the RX.
 *
 * @module
 */
import { receivedPowerPerPair } from '../operations/index.js';
import type { CliCommand } from './command.js';
import { checkMethodFitsScene, loadScene } from './loadScene.js';
import { COMMON_OPTIONS, traceOptionsFrom, type ParsedOptions } from './options.js';
import { formatDecibels, formatJson, formatNumber, formatTable, type CliIo } from './output.js';

/**
 * One pair of `differt2d power --json`: the summed received power over the
 * valid paths from `tx` to `rx` and, with `--grad`, its gradient w.r.t. the
 * TX and the RX positions.
 *
 * @example
 * ```ts
 * const pair: PairPowerJson = { tx: 'tx', rx: 'rx', power: 24.6, gradTx: [1, 2], gradRx: [-1, -2] };
 * ```
 */
export interface PairPowerJson {
  /** The transmitter's name. */
  readonly tx: string;
  /** The receiver's name. */
  readonly rx: string;
  /** The summed received power. */
  readonly power: number;
  /** With `--grad`: d power / d (tx x, tx y). */
  readonly gradTx?: readonly [number, number];
  /** With `--grad`: d power / d (rx x, rx y). */
  readonly gradRx?: readonly [number, number];
}

/**
 * The JSON value of `differt2d power --json`.
 *
 * @example
 * ```ts
 * const output: PowerJson = JSON.parse(stdout);
 * output.total; // 24.604709887053588 (basic scene)
 * ```
 */
export interface PowerJson {
  /** Every TX-RX pair, TX by TX. */
  readonly pairs: readonly PairPowerJson[];
  /** The sum over the pairs. */
  readonly total: number;
}

/**
 * The received power of a result of `receivedPowerPerPair` as
 * `differt2d power --json` prints it.
 *
 * @example
 * ```ts
 * powerJson(receivedPowerPerPair(basicScene(), {})).total; // 24.604709887053588
 * ```
 */
export function powerJson(result: { readonly pairs: readonly PairPowerJson[]; readonly total: number }): PowerJson {
  return {
    pairs: result.pairs.map(({ tx, rx, power, gradTx, gradRx }) => ({
      tx,
      rx,
      power,
      ...(gradTx === undefined ? {} : { gradTx: [gradTx[0], gradTx[1]] as const }),
      ...(gradRx === undefined ? {} : { gradRx: [gradRx[0], gradRx[1]] as const }),
    })),
    total: result.total,
  };
}

/**
 * Received powers as a table: one line per pair (power, dB relative to
 * P0 = 100, gradients when computed), then the total.
 *
 * @example
 * ```ts
 * formatPowerTable(powerJson(receivedPowerPerPair(basicScene(), {})));
 * // 'tx  rx    power     dB\ntx  rx  24.6047  -6.09\n\ntotal power: 24.6047 (-6.09 dB)\n'
 * ```
 */
export function formatPowerTable(result: PowerJson): string {
  const withGrad = result.pairs.some((pair) => pair.gradTx !== undefined || pair.gradRx !== undefined);
  const vector = (v: readonly number[] | undefined): string => (v === undefined ? '-' : `(${v.map((x) => formatNumber(x)).join(', ')})`);
  const columns = [
    { header: 'tx' },
    { header: 'rx' },
    { header: 'power', align: 'right' as const },
    { header: 'dB', align: 'right' as const },
    ...(withGrad ? [{ header: 'd power / d tx' }, { header: 'd power / d rx' }] : []),
  ];
  const rows = result.pairs.map((pair) => [
    pair.tx,
    pair.rx,
    formatNumber(pair.power),
    formatDecibels(pair.power),
    ...(withGrad ? [vector(pair.gradTx), vector(pair.gradRx)] : []),
  ]);
  const table = result.pairs.length === 0 ? 'no transmitter-receiver pair in the scene\n' : formatTable(columns, rows);
  return `${table}\ntotal power: ${formatNumber(result.total)} (${formatDecibels(result.total)} dB)\n`;
}

/**
 * `differt2d power`.
 *
 * @example
 * ```ts
 * await main(['power', '--grad', '--approx', '--order', '0', '--json'], io);
 * ```
 */
export const POWER_COMMAND: CliCommand = {
  name: 'power',
  summary: 'the received power per transmitter-receiver pair and in total (--grad: its gradient)',
  description:
    'Sums the received power over the valid paths of each transmitter-receiver pair (from --min-order to --max-order ' +
    'interactions) and over all pairs, in linear units and in dB relative to P0 = 100. With --grad, also its gradient ' +
    'w.r.t. the transmitter and the receiver positions (use --approx for a gradient that sees validity changes). ' +
    'With --json: {"pairs": [{"tx", "rx", "power", "gradTx", "gradRx"}], "total"}.',
  options: {
    ...COMMON_OPTIONS,
    grad: { type: 'boolean', help: 'also compute the gradient of each power w.r.t. the TX and the RX positions' },
  },
  examples: [
    'differt2d power --max-order 2',
    'differt2d power --rx 0.8,0.8 --max-order 2 --json',
    'differt2d power --grad --approx --alpha 100 --order 0',
  ],
  run: async (values: ParsedOptions, io: CliIo): Promise<number> => {
    const options = traceOptionsFrom(values);
    const scene = await loadScene(values);
    checkMethodFitsScene(scene, options);
    const result = powerJson(receivedPowerPerPair(scene, { ...options, gradient: values.grad === true }));
    io.stdout(values.json === true ? formatJson(result) : formatPowerTable(result));
    return 0;
  },
};
