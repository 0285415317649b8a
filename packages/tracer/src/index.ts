/**
 * `@differt2d/tracer`: path candidates, the image / Fermat / min-path
 * tracers, path validity and received power.
 *
 * @packageDocumentation
 */
export * from './candidates/pathCandidates.js';
export * from './paths/pathLength.js';
export * from './paths/tracedPaths.js';
export * from './power/receivedPower.js';
