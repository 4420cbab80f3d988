// Types for the parts of features.mjs the tests use.
export const ENGINE_ONLY: string[];
export const V8_ONLY: string[];
/** The set of feature names a module's bytes use, as far as a tolerant scan can tell. */
export function scanFeatures(bytes: Uint8Array): Set<string>;
