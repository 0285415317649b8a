/**
 * `@differt2d/tracer`: not written yet (see the project's issues).
 *
 * @packageDocumentation
 */
export {};
