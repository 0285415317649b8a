/**
 * `@differt2d/geometry`: not written yet (see the project's issues).
 *
 * @packageDocumentation
 */
export {};
