import { readFileSync } from 'node:fs';
import { Wall } from '@differt2d/geometry';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS, localProjection, SceneFormatError, sceneFromGeoJson, type GeoJsonOptions, type Scene } from '../src/index.js';

type Xy = [number, number];
const exampleText = readFileSync(new URL('fixtures/example.geojson', import.meta.url), 'utf8');
const example = JSON.parse(exampleText) as { features: { geometry: { coordinates: Xy[][] } }[] };

const walls = (scene: Scene): number[][] => scene.objects.map((o) => [...(o as Wall).xys.data]);
const xy = (scene: Scene, role: 'tx' | 'rx'): number[] => [...(role === 'tx' ? scene.transmitter('tx') : scene.receiver('rx')).xy.data];
const none = (input: object, options: GeoJsonOptions = {}): Scene => sceneFromGeoJson(input, { projection: 'none', ...options });
const feature = (geometry: object | null) => ({ type: 'Feature', properties: {}, geometry });
const collection = (...geometries: (object | null)[]) => ({ type: 'FeatureCollection', features: geometries.map(feature) });
const square = (x: number, y: number, side = 1): Xy[] => [
  [x, y],
  [x + side, y],
  [x + side, y + side],
  [x, y + side],
  [x, y],
];

/** Great-circle distance (haversine), metres: an independent check of the projection. */
function haversine([lon1, lat1]: Xy, [lon2, lat2]: Xy): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS * Math.asin(Math.sqrt(a));
}

describe('GeoJSON: the example file (OpenStreetMap buildings)', () => {
  const scene = sceneFromGeoJson(exampleText);

  it('has one wall per polygon edge', () => {
    // two closed rings of 7 and 21 positions: 6 + 20 edges
    expect(example.features.map((f) => f.geometry.coordinates[0]!.length)).toEqual([7, 21]);
    expect(scene.objects.length).toBe(26);
    expect(scene.objects.every((o) => o instanceof Wall)).toBe(true);
    expect(scene.objects[0]!.name).toBe('features[0].geometry.coordinates[0][0]');
    expect(scene.objects[6]!.name).toBe('features[1].geometry.coordinates[0][0]');
  });

  it('is in metres about the data centre: a bounding box of a few tens of metres', () => {
    const [[xmin, ymin], [xmax, ymax]] = scene.boundingBox().toArray() as number[][] as [Xy, Xy];
    expect(xmax - xmin).toBeGreaterThan(10);
    expect(xmax - xmin).toBeLessThan(200);
    expect(ymax - ymin).toBeGreaterThan(10);
    expect(ymax - ymin).toBeLessThan(200);
    expect(xmin + xmax).toBeCloseTo(0, 9);
    expect(ymin + ymax).toBeCloseTo(0, 9);
    // TX and RX at the NW and SE corners of the walls' box, as DiffeRT2d
    expect(xy(scene, 'tx')).toEqual([xmin, ymax]);
    expect(xy(scene, 'rx')).toEqual([xmax, ymin]);
  });

  it('keeps wall lengths within 1e-5 of the great-circle distances', () => {
    const positions = example.features.flatMap((f) => f.geometry.coordinates[0]!.slice(0, -1).map((p, i) => [p, f.geometry.coordinates[0]![i + 1]!] as [Xy, Xy]));
    expect(positions.length).toBe(26);
    positions.forEach(([p, q], i) => {
      const length = (scene.objects[i] as Wall).length().item();
      // the projection's relative error is ~tan(lat0) (lat - lat0) (radians): ~3e-6 for 16 m at 50.7 degrees
      expect(Math.abs(length - haversine(p, q)) / length).toBeLessThan(1e-5);
    });
  });

  it('keeps the degrees with projection none (as DiffeRT2d)', () => {
    const raw = sceneFromGeoJson(exampleText, { projection: 'none' });
    expect(walls(raw)[0]).toEqual([...example.features[0]!.geometry.coordinates[0]![0]!, ...example.features[0]!.geometry.coordinates[0]![1]!]);
    const [[xmin], [xmax]] = raw.boundingBox().toArray() as number[][];
    expect(xmax! - xmin!).toBeLessThan(0.001);
  });

  it('loads a few thousand walls in well under a second', () => {
    const features = Array.from({ length: 1000 }, (_, i) => {
      const [lon, lat] = [4.6 + (i % 40) * 0.0005, 50.66 + Math.floor(i / 40) * 0.0005];
      const ring: Xy[] = [
        [lon, lat],
        [lon + 0.0002, lat],
        [lon + 0.0002, lat + 0.0002],
        [lon + 0.0001, lat + 0.0003],
        [lon, lat + 0.0002],
        [lon, lat],
      ];
      return feature({ type: 'Polygon', coordinates: [ring] });
    });
    const text = JSON.stringify({ type: 'FeatureCollection', features });
    sceneFromGeoJson(text); // warm-up
    const times: number[] = [];
    let count = 0;
    for (let run = 0; run < 3; run++) {
      const start = performance.now();
      count = sceneFromGeoJson(text).objects.length;
      times.push(performance.now() - start);
    }
    expect(count).toBe(5000);
    times.sort((a, b) => a - b);
    // measured ~60-150 ms here for 5000 walls (230 kB), on a shared 2-core machine
    expect(times[1]).toBeLessThan(1000);
  });
});

describe('GeoJSON: geometries', () => {
  it('reads every ring of a Polygon: the outer boundary and its holes', () => {
    const scene = none(collection({ type: 'Polygon', coordinates: [square(0, 0, 10), square(4, 4, 2)] }));
    expect(scene.objects.length).toBe(8);
    expect(walls(scene)[4]).toEqual([4, 4, 6, 4]);
    expect(scene.objects[4]!.name).toBe('features[0].geometry.coordinates[1][0]');
  });

  it('reads MultiPolygon, LineString and MultiLineString, in a Feature, a bare geometry or a GeometryCollection', () => {
    const multiPolygon = { type: 'MultiPolygon', coordinates: [[square(0, 0)], [square(5, 5), square(5.25, 5.25, 0.5)]] };
    expect(none(multiPolygon).objects.length).toBe(12);
    expect(none(multiPolygon).objects[11]!.name).toBe('coordinates[1][1][3]');
    const line = { type: 'LineString', coordinates: [[0, 0], [1, 0], [1, 1]] };
    expect(walls(none(feature(line)))).toEqual([
      [0, 0, 1, 0],
      [1, 0, 1, 1],
    ]); // a line is not closed
    const multiLine = { type: 'MultiLineString', coordinates: [[[0, 0], [1, 0]], [[2, 2], [3, 3], [4, 2]]] };
    expect(none(multiLine).objects.map((o) => o.name)).toEqual(['coordinates[0][0]', 'coordinates[1][0]', 'coordinates[1][1]']);
    const nested = {
      type: 'GeometryCollection',
      geometries: [{ type: 'Point', coordinates: [9, 9] }, { type: 'GeometryCollection', geometries: [line, { type: 'MultiPoint', coordinates: [[8, 8]] }] }],
    };
    expect(none(nested).objects.map((o) => o.name)).toEqual(['geometries[1].geometries[0].coordinates[0]', 'geometries[1].geometries[0].coordinates[1]']);
    // points are not part of the walls' box
    expect(none(nested).boundingBox().toArray()).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('closes an open ring, drops repeated positions and zero-length edges, ignores altitudes', () => {
    expect(walls(none({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1]]] }))).toEqual([
      [0, 0, 1, 0],
      [1, 0, 1, 1],
      [1, 1, 0, 0],
    ]);
    const repeated = none({ type: 'Polygon', coordinates: [[[0, 0], [0, 0], [1, 0], [1, 0, 5], [1, 1], [0, 0], [0, 0]]] });
    expect(walls(repeated)).toEqual([
      [0, 0, 1, 0],
      [1, 0, 1, 1],
      [1, 1, 0, 0],
    ]);
    expect(repeated.objects.map((o) => o.name)).toEqual(['coordinates[0][0]', 'coordinates[0][2]', 'coordinates[0][4]']);
    expect(none({ type: 'LineString', coordinates: [[0, 0], [0, 0]] }, { tx: [0, 0], rx: [1, 1] }).objects).toEqual([]);
    // positions that differ in degrees but not after projection are repeated too
    const close = sceneFromGeoJson({ type: 'LineString', coordinates: [[4, 50], [4 + 1e-16, 50], [4.001, 50]] });
    expect(close.objects.length).toBe(1);
  });

  it('keeps a wall shared by two buildings once, unless asked', () => {
    const twoBuildings = collection({ type: 'Polygon', coordinates: [square(0, 0)] }, { type: 'Polygon', coordinates: [square(1, 0)] });
    expect(none(twoBuildings).objects.length).toBe(7);
    expect(none(twoBuildings, { duplicateWalls: 'keep' }).objects.length).toBe(8);
  });

  it('has one wall per distinct edge, as a direct count says (property)', () => {
    const position = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }));
    const ring = fc.array(position, { minLength: 1, maxLength: 8 });
    const geometry = fc.oneof(
      fc.array(ring, { minLength: 1, maxLength: 3 }).map((rings) => ({ type: 'Polygon', coordinates: rings, closed: true })),
      ring.map((line) => ({ type: 'LineString', coordinates: line, closed: false })),
    );
    fc.assert(
      fc.property(fc.array(geometry, { maxLength: 4 }), fc.boolean(), (geometries, dropDuplicates) => {
        // every edge, the closing one of each ring too, without zero-length ones
        const edges: number[][] = [];
        for (const g of geometries) {
          const lines = g.type === 'Polygon' ? (g.coordinates as Xy[][]) : [g.coordinates as Xy[]];
          for (const line of lines) {
            const ends = g.closed ? [...line, line[0]!] : line;
            for (let i = 0; i + 1 < ends.length; i++) {
              const [p, q] = [ends[i]!, ends[i + 1]!];
              if (p[0] !== q[0] || p[1] !== q[1]) edges.push([...p, ...q]);
            }
          }
        }
        const unordered = (e: number[]): string => [`${e[0]},${e[1]}`, `${e[2]},${e[3]}`].sort().join(' ');
        const expected = dropDuplicates ? edges.filter((e, i) => edges.findIndex((f) => unordered(f) === unordered(e)) === i) : edges;
        const input = collection(...geometries.map(({ type, coordinates }) => ({ type, coordinates })));
        const options: GeoJsonOptions = { tx: [0, 0], rx: [1, 1], duplicateWalls: dropDuplicates ? 'drop' : 'keep' };
        expect(walls(none(input, options))).toEqual(expected);
      }),
    );
  });
});

describe('GeoJSON: projection and placement', () => {
  const building = { type: 'Polygon', coordinates: [[[4.62, 50.66], [4.63, 50.66], [4.63, 50.67], [4.62, 50.66]]] };

  it('projects about the centre of the data by default, or about a given origin', () => {
    const lat0 = 50.665;
    const scene = sceneFromGeoJson(building);
    const degree = (EARTH_RADIUS * Math.PI) / 180;
    expect(walls(scene)[0]![0]).toBeCloseTo(-0.005 * degree * Math.cos((lat0 * Math.PI) / 180), 9);
    expect(walls(scene)[0]![1]).toBeCloseTo(-0.005 * degree, 9);
    const shifted = sceneFromGeoJson(building, { origin: [4.62, 50.66] });
    expect(walls(shifted)[0]!.slice(0, 2)).toEqual([0, 0]);
    expect(walls(shifted)[1]![3]).toBeCloseTo(0.01 * degree, 6);
    expect(localProjection([4.62, 50.66])(4.62, 50.67)[1]).toBeCloseTo(0.01 * degree, 6);
    expect(() => localProjection([0, 90])).toThrow('localProjection: the origin must be a finite [lon, lat] with |lat| < 90, got [0, 90]');
  });

  it('places TX and RX at locations, coordinates or longitude / latitude', () => {
    const scene = none(building, { tx: 'C', rx: [1, 2] });
    expect(xy(scene, 'tx')).toEqual([4.625, 50.665]);
    expect(xy(scene, 'rx')).toEqual([1, 2]);
    const projected = sceneFromGeoJson(building, { origin: [4.62, 50.66], tx: { lonLat: [4.62, 50.66] }, rx: 'NE' });
    expect(xy(projected, 'tx')).toEqual([0, 0]);
    expect(xy(projected, 'rx')).toEqual(walls(projected)[1]!.slice(2));
  });

  it('gives an empty collection no walls: an error for a location, a scene with TX and RX given as positions', () => {
    const empty = { type: 'FeatureCollection', features: [] };
    expect(() => sceneFromGeoJson(empty)).toThrow(
      'GeoJSON: no walls (no LineString or Polygon with two distinct positions), so tx cannot go at location "NW" of their bounding box; give tx as [x, y]',
    );
    expect(() => sceneFromGeoJson(empty, { tx: [0, 0] })).toThrow('so rx cannot go at location "SE"');
    const scene = sceneFromGeoJson(empty, { tx: [0, 0], rx: [1, 1] });
    expect([scene.objects.length, xy(scene, 'tx'), xy(scene, 'rx')]).toEqual([0, [0, 0], [1, 1]]);
    expect(sceneFromGeoJson(collection(null, { type: 'Point', coordinates: [4, 50] }), { tx: [0, 0], rx: [0, 1] }).objects).toEqual([]);
    expect(() => sceneFromGeoJson(empty, { tx: { lonLat: [4, 50] }, rx: [0, 0] })).toThrow('GeoJSON: no coordinates to centre the projection on');
  });

  it('rejects bad options, naming them', () => {
    expect(() => sceneFromGeoJson(building, { projection: 'mercator' as never })).toThrow(
      'sceneFromGeoJson: options.projection must be "local" or "none", got "mercator"',
    );
    expect(() => sceneFromGeoJson(building, { tx: 'top' as never })).toThrow(
      'sceneFromGeoJson: options.tx must be [x, y], a location name (N, E, S, W, C, NE, NW, SE, SW) or { lonLat: [lon, lat] }, got "top"',
    );
    expect(() => sceneFromGeoJson(building, { rx: [0, NaN] })).toThrow('sceneFromGeoJson: options.rx must be [x, y]');
    expect(() => sceneFromGeoJson(building, { rx: { lonLat: [0, 95] } })).toThrow('options.rx must be');
    expect(() => sceneFromGeoJson(building, { origin: [0, 90] })).toThrow('sceneFromGeoJson: options.origin must be [lon, lat] (degrees, |lat| < 90), got [0, 90]');
    expect(() => sceneFromGeoJson(building, { duplicateWalls: 'merge' as never })).toThrow('options.duplicateWalls must be "drop" or "keep"');
  });
});

describe('GeoJSON: bad files', () => {
  const ring = square(4.6, 50.6, 0.001);
  const cases: [string | object, string][] = [
    ['{"type": "FeatureCollection", "features": [}', 'GeoJSON: invalid JSON at position 43 (line 1, column 44): unexpected "}", expected a value'],
    [[1, 2], 'GeoJSON: expected a GeoJSON object, got [1, 2]'],
    [{ features: [] }, 'GeoJSON: missing "type" (expected a GeoJSON object)'],
    [{ type: 'Topology' }, 'GeoJSON: type: unknown GeoJSON type "Topology" (expected FeatureCollection, Feature or a geometry: Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection)'],
    [{ type: 'FeatureCollection' }, 'GeoJSON: features: expected an array of Features, got nothing'],
    [{ type: 'FeatureCollection', features: [feature(null), { type: 'Polygon', coordinates: [ring] }] }, 'GeoJSON: features[1].type: expected "Feature", got "Polygon"'],
    [{ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {} }] }, 'GeoJSON: features[0]: a Feature needs a "geometry" (null for none)'],
    [collection({ type: 'Circle', coordinates: [0, 0] }), 'GeoJSON: features[0].geometry.type: unknown geometry type "Circle" (expected one of Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection)'],
    [collection({ type: 'Polygon' }), 'GeoJSON: features[0].geometry: a Polygon needs "coordinates"'],
    [collection({ type: 'Polygon', coordinates: [ring] }, { type: 'Polygon', coordinates: 3 }), 'GeoJSON: features[1].geometry.coordinates: expected an array of rings, got 3'],
    [
      collection({ type: 'Polygon', coordinates: [ring] }, { type: 'Polygon', coordinates: [[[4.6, 50.6], [4.7, 50.6], [4.6]]] }),
      'GeoJSON: features[1].geometry.coordinates[0][2]: expected [x, y] (finite numbers, then an optional altitude), got [4.6]',
    ],
    [collection({ type: 'LineString', coordinates: [[4.6, 50.6], ['4.7', 50.6]] }), 'GeoJSON: features[0].geometry.coordinates[1]: expected [x, y] (finite numbers, then an optional altitude), got ["4.7", 50.6]'],
    [collection({ type: 'LineString', coordinates: [[4.6, 50.6], null] }), 'GeoJSON: features[0].geometry.coordinates[1]: expected [x, y] (finite numbers, then an optional altitude), got null'],
    [collection({ type: 'MultiLineString', coordinates: [[[0, 0], [1, 1]], 5] }), 'GeoJSON: features[0].geometry.coordinates[1]: expected an array of positions [[x, y], ...], got 5'],
    [{ type: 'MultiPolygon', coordinates: [[ring], [[[4.6, 50.6], [4.7, 50.6], [4.7, NaN]]]] }, 'GeoJSON: coordinates[1][0][2]: expected [x, y] (finite numbers, then an optional altitude), got [4.7, NaN]'],
    [{ type: 'GeometryCollection', geometries: [{ type: 'Feature', geometry: null }] }, 'GeoJSON: geometries[0].type: unknown geometry type "Feature"'],
    [
      { type: 'LineString', coordinates: [[4.6, 50.6], [1200, 50.6]] },
      "GeoJSON: coordinates[1]: [1200, 50.6] is not a [longitude, latitude] in degrees (|lon| <= 180, |lat| <= 90); for coordinates in metres, use the option projection: 'none'",
    ],
  ];

  it.each(cases)('%j', (input, message) => {
    let error: unknown;
    try {
      sceneFromGeoJson(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SceneFormatError);
    expect((error as Error).message.slice(0, message.length)).toBe(message);
  });

  it('accepts metres with projection none', () => {
    expect(none({ type: 'LineString', coordinates: [[4.6, 50.6], [1200, 50.6]] }).objects.length).toBe(1);
  });
});
