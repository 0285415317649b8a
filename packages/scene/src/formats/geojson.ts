/**
 * GeoJSON import: walls from the edges of polygons and lines (buildings from
 * OpenStreetMap, say), projected to local metres.
 *
 * @module
 */
import { Tensor } from '@differt2d/autodiff';
import { LOCATIONS, locationOf, Wall, type LocationName } from '@differt2d/geometry';
import { describeValue, memberPath } from '../scene/describe.js';
import { Scene } from '../scene/scene.js';
import { expectArray, expectRecord, expectXy, formatError, SceneFormatError, type Place } from './errors.js';
import { parseJsonText } from './jsonText.js';
import { localProjection } from './projection.js';

const FORMAT = 'GeoJSON';

/**
 * Where to put a transmitter or receiver of an imported scene: `[x, y]` in
 * the scene's coordinates (metres after projection), a named location of the
 * walls' bounding box (`NW`, `SE`, `C`...), or a `{ lonLat: [lon, lat] }`
 * position in the file's coordinates (projected like the walls).
 *
 * @example
 * ```ts
 * const corner: Placement = 'NE';
 * const metres: Placement = [12.5, -40];
 * const onTheMap: Placement = { lonLat: [4.6251, 50.6683] };
 * ```
 */
export type Placement =
  | readonly [number, number]
  | LocationName
  | {
      /** `[longitude, latitude]` (degrees), or raw coordinates with `projection: 'none'`. */
      readonly lonLat: readonly [number, number];
    };

/**
 * Options of `sceneFromGeoJson`.
 *
 * @example
 * ```ts
 * const options: GeoJsonOptions = { projection: 'local', tx: 'N', rx: { lonLat: [4.6251, 50.6683] } };
 * ```
 */
export interface GeoJsonOptions {
  /**
   * `local` (default): positions are `[longitude, latitude]` (degrees, as
   * GeoJSON says), projected to metres about `origin` (see
   * `localProjection`); `none`: positions are used as they are (data already
   * in metres, or to compare with DiffeRT2d, which works in degrees).
   */
  projection?: 'local' | 'none' | undefined;
  /** The projection's origin `[lon0, lat0]` (degrees); default: the centre of the data's bounding box. */
  origin?: readonly [number, number] | undefined;
  /** The transmitter `tx`: default `NW`, the upper-left corner of the walls' bounding box (as DiffeRT2d). */
  tx?: Placement | undefined;
  /** The receiver `rx`: default `SE`, the lower-right corner of the walls' bounding box (as DiffeRT2d). */
  rx?: Placement | undefined;
  /**
   * `drop` (default): a wall with the same two ends as an earlier one (in
   * either order), such as the wall two adjoining buildings share, is kept
   * once: two coincident walls would block each other's reflections.
   * `keep`: one wall per edge, whatever.
   */
  duplicateWalls?: 'drop' | 'keep' | undefined;
}

/** A line of the file: its path (for wall names and messages), its raw positions, whether it is a polygon ring. */
interface Line {
  readonly path: string;
  readonly xys: readonly (readonly [number, number])[];
  readonly closed: boolean;
}

/**
 * A scene from GeoJSON text (or the parsed value): one wall per edge of
 * every `Polygon` ring (outer boundaries and holes, closed if the file does
 * not close them), every `MultiPolygon`, `LineString` and `MultiLineString`,
 * found in a `FeatureCollection`, a `Feature`, a bare geometry or a
 * `GeometryCollection` (nested at any depth). `Point` and `MultiPoint` are
 * ignored, as are properties and a third (altitude) coordinate.
 *
 * Positions are projected to local metres about the data's centre by default
 * (`projection: 'local'`, see `localProjection`): DiffeRT2d uses the
 * degrees as metres. Consecutive positions that are equal (after projection)
 * are dropped, so no wall has zero length; a line or ring with fewer than two
 * distinct positions gives no wall. Walls coincident with an earlier one are
 * dropped (see `duplicateWalls`). Each wall is named by the place of its first
 * end in the file, e.g. `features[3].geometry.coordinates[0][2]`.
 *
 * The transmitter `tx` and receiver `rx` go to the `NW` and `SE` corners of
 * the walls' bounding box unless `tx` / `rx` say otherwise. Data with no
 * wall at all (an empty `FeatureCollection`, only points) gives a scene with
 * no object when `tx` and `rx` are positions, and an error otherwise (a
 * location of an empty box does not exist).
 *
 * Everything is checked before the scene is built; a bad file gives one
 * `SceneFormatError` naming the place, e.g. `GeoJSON:
 * features[3].geometry.coordinates[0][2]: expected [x, y] ..., got [4.6]` or
 * `GeoJSON: features[0].geometry.type: unknown geometry type "Circle"`.
 *
 * @param input - the text, or the value `JSON.parse` gave.
 * @throws SceneFormatError for a bad file; Error naming the option for a bad option.
 * @example
 * ```ts
 * const scene = sceneFromGeoJson({
 *   type: 'Feature',
 *   properties: {},
 *   geometry: { type: 'Polygon', coordinates: [[[4.6250, 50.6682], [4.6252, 50.6682], [4.6252, 50.6684], [4.6250, 50.6682]]] },
 * });
 * scene.objects.length; // 3
 * scene.boundingBox().toArray(); // ~[[-7.1, -11.1], [7.1, 11.1]] (metres)
 * sceneFromGeoJson(text, { projection: 'none', tx: [0, 0] }); // positions as they are
 * ```
 */
export function sceneFromGeoJson(input: string | object, options: GeoJsonOptions = {}): Scene {
  const op = 'sceneFromGeoJson';
  const settings = checkedOptions(op, options);
  const root = typeof input === 'string' ? parseJsonText(input, FORMAT) : input;
  const lines: Line[] = [];
  readNode(root, '', 'any', settings.projection === 'local', lines);

  const origin = settings.origin ?? dataCentre(lines);
  const project = settings.projection === 'none' ? (x: number, y: number): [number, number] => [x, y] : origin && localProjection(origin);
  const walls = project === undefined ? [] : buildWalls(lines, project, settings.dropDuplicates);

  const place = (role: 'tx' | 'rx', placement: Placement): Tensor => {
    if (typeof placement === 'string') {
      if (walls.length === 0) {
        throw new SceneFormatError(
          FORMAT,
          '',
          `no walls (no LineString or Polygon with two distinct positions), so ${role} cannot go at location ${JSON.stringify(placement)} ` +
            `of their bounding box; give ${role} as [x, y]`,
        );
      }
      return locationOf(wallsBox(walls), placement);
    }
    if ('lonLat' in placement) {
      if (project === undefined) throw new SceneFormatError(FORMAT, '', `no coordinates to centre the projection on, so ${role}.lonLat has no place; give options.origin`);
      return new Tensor(Float64Array.from(project(placement.lonLat[0], placement.lonLat[1])), [2]);
    }
    return new Tensor(Float64Array.of(placement[0], placement[1]), [2]);
  };
  return new Scene({ transmitters: { tx: place('tx', settings.tx) }, receivers: { rx: place('rx', settings.rx) }, objects: walls });
}

interface Settings {
  readonly projection: 'local' | 'none';
  readonly origin: readonly [number, number] | undefined;
  readonly tx: Placement;
  readonly rx: Placement;
  readonly dropDuplicates: boolean;
}

function isXy(value: unknown): value is readonly [number, number] {
  return Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number' && Number.isFinite(v));
}

/** The options, checked before the file is read. */
function checkedOptions(op: string, options: GeoJsonOptions): Settings {
  if (options === null || typeof options !== 'object') throw new Error(`${op}: options must be an object, got ${describeValue(options)}`);
  const projection = options.projection ?? 'local';
  if (projection !== 'local' && projection !== 'none') {
    throw new Error(`${op}: options.projection must be "local" or "none", got ${describeValue(projection)}`);
  }
  const origin = options.origin;
  if (origin !== undefined && !(isXy(origin) && Math.abs(origin[1]) < 90)) {
    throw new Error(`${op}: options.origin must be [lon, lat] (degrees, |lat| < 90), got ${describeValue(origin)}`);
  }
  const duplicateWalls = options.duplicateWalls ?? 'drop';
  if (duplicateWalls !== 'drop' && duplicateWalls !== 'keep') {
    throw new Error(`${op}: options.duplicateWalls must be "drop" or "keep", got ${describeValue(duplicateWalls)}`);
  }
  const placement = (role: 'tx' | 'rx', fallback: LocationName): Placement => {
    const value: unknown = options[role] ?? fallback;
    if (typeof value === 'string' ? Object.hasOwn(LOCATIONS, value) : isXy(value)) return value as Placement;
    if (value !== null && typeof value === 'object' && 'lonLat' in value && isXy(value.lonLat)) {
      const [lon, lat] = value.lonLat;
      if (projection === 'none' || (Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) return value as Placement;
    }
    throw new Error(
      `${op}: options.${role} must be [x, y], a location name (${Object.keys(LOCATIONS).join(', ')}) or { lonLat: [lon, lat] }, got ${describeValue(value)}`,
    );
  };
  return { projection, origin, tx: placement('tx', 'NW'), rx: placement('rx', 'SE'), dropDuplicates: duplicateWalls === 'drop' };
}

const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'];

/**
 * Collect the lines of a GeoJSON object: `any` at the top, a `feature` in a
 * FeatureCollection, a `geometry` in a Feature or a GeometryCollection.
 */
function readNode(value: unknown, path: string, expected: 'any' | 'feature' | 'geometry', lonLat: boolean, lines: Line[]): void {
  const what = expected === 'any' ? 'a GeoJSON object' : expected === 'feature' ? 'a GeoJSON Feature' : 'a GeoJSON geometry';
  const node = expectRecord(value, { format: FORMAT, path }, what);
  const at = (key: string | number, base = path): Place => ({ format: FORMAT, path: memberPath(base, key) });
  const type = node.type;
  const typePlace = at('type');
  if (type === undefined) throw formatError({ format: FORMAT, path }, `missing "type" (expected ${what})`);
  const isGeometry = typeof type === 'string' && GEOMETRY_TYPES.includes(type);
  if (expected === 'feature' && type !== 'Feature') throw formatError(typePlace, `expected "Feature", got ${describeValue(type)}`);
  if (expected === 'geometry' && !isGeometry) {
    throw formatError(typePlace, `unknown geometry type ${describeValue(type)} (expected one of ${GEOMETRY_TYPES.join(', ')})`);
  }
  const coordinates = (): unknown => {
    if (!('coordinates' in node)) throw formatError({ format: FORMAT, path }, `a ${String(type)} needs "coordinates"`);
    return node.coordinates;
  };
  const coordinatesPath = memberPath(path, 'coordinates');
  const line = (positions: unknown, linePath: string, closed: boolean): void => {
    lines.push({ path: linePath, xys: readPositions(positions, linePath, lonLat), closed });
  };
  const polygon = (rings: unknown, polygonPath: string): void => {
    expectArray(rings, { format: FORMAT, path: polygonPath }, 'an array of rings').forEach((ring, i) => line(ring, memberPath(polygonPath, i), true));
  };
  switch (type) {
    case 'FeatureCollection':
      expectArray(node.features, at('features'), 'an array of Features').forEach((feature, i) =>
        readNode(feature, memberPath(memberPath(path, 'features'), i), 'feature', lonLat, lines),
      );
      return;
    case 'Feature':
      if (!('geometry' in node)) throw formatError({ format: FORMAT, path }, 'a Feature needs a "geometry" (null for none)');
      if (node.geometry !== null) readNode(node.geometry, memberPath(path, 'geometry'), 'geometry', lonLat, lines);
      return;
    case 'GeometryCollection':
      expectArray(node.geometries, at('geometries'), 'an array of geometries').forEach((geometry, i) =>
        readNode(geometry, memberPath(memberPath(path, 'geometries'), i), 'geometry', lonLat, lines),
      );
      return;
    case 'Point':
    case 'MultiPoint':
      return;
    case 'LineString':
      line(coordinates(), coordinatesPath, false);
      return;
    case 'MultiLineString':
      expectArray(coordinates(), at('coordinates'), 'an array of lines').forEach((positions, i) => line(positions, memberPath(coordinatesPath, i), false));
      return;
    case 'Polygon':
      polygon(coordinates(), coordinatesPath);
      return;
    case 'MultiPolygon':
      expectArray(coordinates(), at('coordinates'), 'an array of polygons').forEach((rings, i) => polygon(rings, memberPath(coordinatesPath, i)));
      return;
    default:
      throw formatError(typePlace, `unknown GeoJSON type ${describeValue(type)} (expected FeatureCollection, Feature or a geometry: ${GEOMETRY_TYPES.join(', ')})`);
  }
}

/** The positions of a line, checked (and, for longitude / latitude, in range). */
function readPositions(value: unknown, path: string, lonLat: boolean): [number, number][] {
  return expectArray(value, { format: FORMAT, path }, 'an array of positions [[x, y], ...]').map((position, i) => {
    const at: Place = { format: FORMAT, path: memberPath(path, i) };
    const xy = expectXy(position, at, true);
    if (lonLat && !(Math.abs(xy[0]) <= 180 && Math.abs(xy[1]) <= 90)) {
      throw formatError(
        at,
        `[${xy[0]}, ${xy[1]}] is not a [longitude, latitude] in degrees (|lon| <= 180, |lat| <= 90); ` +
          `for coordinates in metres, use the option projection: 'none'`,
      );
    }
    return xy;
  });
}

/** The centre of the bounding box of every position, if there is one. */
function dataCentre(lines: readonly Line[]): [number, number] | undefined {
  let [xmin, ymin, xmax, ymax] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { xys } of lines) {
    for (const [x, y] of xys) {
      xmin = Math.min(xmin, x);
      xmax = Math.max(xmax, x);
      ymin = Math.min(ymin, y);
      ymax = Math.max(ymax, y);
    }
  }
  return xmin <= xmax ? [(xmin + xmax) / 2, (ymin + ymax) / 2] : undefined;
}

/** One wall per edge of each line (projected, without zero-length or, optionally, duplicate walls). */
function buildWalls(lines: readonly Line[], project: (x: number, y: number) => [number, number], dropDuplicates: boolean): Wall[] {
  const walls: Wall[] = [];
  const seen = new Set<string>();
  for (const { path, xys, closed } of lines) {
    // the distinct consecutive positions, projected, with their index in the file
    const kept: [number, number, number][] = [];
    xys.forEach(([lon, lat], index) => {
      const [x, y] = project(lon, lat);
      const last = kept[kept.length - 1];
      if (last === undefined || last[0] !== x || last[1] !== y) kept.push([x, y, index]);
    });
    const first = kept[0];
    const last = kept[kept.length - 1];
    if (closed && kept.length > 1 && (first![0] !== last![0] || first![1] !== last![1])) kept.push(first!);
    for (let k = 0; k + 1 < kept.length; k++) {
      const [x0, y0, index] = kept[k]!;
      const [x1, y1] = kept[k + 1]!;
      if (dropDuplicates) {
        const key = x0 < x1 || (x0 === x1 && y0 < y1) ? `${x0},${y0},${x1},${y1}` : `${x1},${y1},${x0},${y0}`;
        if (seen.has(key)) continue;
        seen.add(key);
      }
      walls.push(new Wall(new Tensor(Float64Array.of(x0, y0, x1, y1), [2, 2]), { name: memberPath(path, index) }));
    }
  }
  return walls;
}

/** The bounding box `[[xmin, ymin], [xmax, ymax]]` of walls (at least one). */
function wallsBox(walls: readonly Wall[]): Tensor {
  let [xmin, ymin, xmax, ymax] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const wall of walls) {
    const [x0, y0, x1, y1] = wall.xys.data as unknown as [number, number, number, number];
    xmin = Math.min(xmin, x0, x1);
    xmax = Math.max(xmax, x0, x1);
    ymin = Math.min(ymin, y0, y1);
    ymax = Math.max(ymax, y0, y1);
  }
  return new Tensor(Float64Array.of(xmin, ymin, xmax, ymax), [2, 2]);
}
