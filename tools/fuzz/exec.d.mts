// Types for the parts of exec.mjs the tests use.
/** Whether the engine's bits b are acceptable where V8 gave a (value type t, unsigned bigints of its width). */
export function sameValue(t: number, a: bigint, b: bigint, canonical: boolean): boolean;
