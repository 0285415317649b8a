/**
 * From longitude / latitude (degrees) to local metres: the equirectangular
 * projection about an origin (a local tangent plane), accurate for the size
 * of a city district.
 *
 * @module
 */

/**
 * The mean Earth radius (IUGG), metres: `R` of the local projection.
 *
 * @example
 * ```ts
 * EARTH_RADIUS * Math.PI / 180; // ~111195 m per degree of latitude
 * ```
 */
export const EARTH_RADIUS = 6371008.8;

const RADIANS_PER_DEGREE = Math.PI / 180;

/**
 * The local projection about `origin = [lon0, lat0]` (degrees):
 * `x = R cos(lat0) (lon - lon0)`, `y = R (lat - lat0)`, angles in radians,
 * `R = EARTH_RADIUS`. `x` points east and `y` north, in metres, and the
 * origin maps to (0, 0). Distances are true along the north-south direction
 * and along the parallel of `lat0`; elsewhere the relative error grows like
 * `tan(lat0) * (lat - lat0)` (radians): ~2e-4 one kilometre north or
 * south of the origin at 50 degrees of latitude. Longitudes are not unwrapped: data that crosses the
 * antimeridian (+-180 degrees) is not supported.
 *
 * @param origin - `[lon0, lat0]` (degrees), with `|lat0| < 90`.
 * @returns a function from `(lon, lat)` (degrees) to `[x, y]` (metres).
 * @throws Error naming the origin when it is not finite or at a pole.
 * @example
 * ```ts
 * const project = localProjection([4.625, 50.668]);
 * project(4.625, 50.668); // [0, 0]
 * project(4.625, 50.669); // [0, ~111.2]: 0.001 degree north
 * ```
 */
export function localProjection(origin: readonly [number, number]): (lon: number, lat: number) => [number, number] {
  const [lon0, lat0] = origin;
  if (!Number.isFinite(lon0) || !Number.isFinite(lat0) || !(Math.abs(lat0) < 90)) {
    throw new Error(`localProjection: the origin must be a finite [lon, lat] with |lat| < 90, got [${lon0}, ${lat0}]`);
  }
  const xScale = EARTH_RADIUS * Math.cos(lat0 * RADIANS_PER_DEGREE) * RADIANS_PER_DEGREE;
  const yScale = EARTH_RADIUS * RADIANS_PER_DEGREE;
  return (lon, lat) => [xScale * (lon - lon0), yScale * (lat - lat0)];
}
