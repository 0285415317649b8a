/**
 * `@differt2d/scene`: not written yet (see the project's issues).
 *
 * @packageDocumentation
 */
export {};
