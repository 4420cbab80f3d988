// Checks made on the host before anything is sent, with the code the board
// itself runs at UPLOAD_COMMIT (core/, imported as TypeScript), so that a
// refusal here has the board's very words:
//   - checkCapabilities: the grant's syntax (core/device/capabilities);
//   - checkModule: the engine's load() (decode + validate), worded by the
//     supervisor's loadErrorText, then the supervisor's linkModule (every
//     import known, of the right type, and granted by the capabilities).
// What only the board can tell (room in RAM or flash, a start function that
// traps) is left to it.
import { tsImport } from "tsx/esm/api";

const fromUtf8 = new TextDecoder();
const toUtf8 = new TextEncoder();

let core = null;

/** The parts of core/ the checks use, imported once. */
function loadCore() {
  core ??= Promise.all(
    ["engine/api.ts", "engine/types.ts", "device/capabilities.ts", "device/text.ts", "device/scheduler.ts", "device/imports.ts"].map((f) =>
      tsImport(`../../core/${f}`, import.meta.url),
    ),
  ).then(([api, types, capabilities, text, scheduler, imports]) => ({ api, types, capabilities, text, scheduler, imports }));
  return core;
}

/** Parses a grant; { caps } or { error } in the board's words. */
function parseGrant(c, grant) {
  const err = new c.text.Text();
  const caps = new c.capabilities.Capabilities();
  if (!c.capabilities.parseCapabilities(toUtf8.encode(grant), caps, err)) return { error: fromUtf8.decode(err.view()) };
  return { caps };
}

/** Resolves with null when `grant` ("gpio=25 clock") is a valid capability grant, else the board's reason. */
export async function checkCapabilities(grant) {
  return parseGrant(await loadCore(), grant).error ?? null;
}

/**
 * Resolves with null when the board would take `bytes` with capabilities
 * `grant`, else { stage: "load" | "link", text, capabilityDenied, offset?,
 * malformed? }: text is the board's message (ErrorCode.InvalidModule or
 * CapabilityDenied).
 */
export async function checkModule(bytes, grant = "") {
  const c = await loadCore();
  const loadError = new c.api.LoadError();
  const m = c.api.load(bytes, loadError);
  if (m === null) {
    const text = fromUtf8.decode(c.scheduler.loadErrorText(loadError, new c.text.Text()).view());
    return { stage: "load", text, capabilityDenied: false, offset: loadError.offset, malformed: loadError.malformed };
  }
  const { caps, error } = parseGrant(c, grant);
  if (error !== undefined) return { stage: "grant", text: error, capabilityDenied: false };
  const err = new c.text.Text();
  // host functions are only bound here, never called: slot and WASI context 0 do
  const store = c.api.newStore(new c.types.Limits());
  const bindings = c.imports.linkModule(store, m, 0, 0, caps, err);
  c.api.freeStore(store);
  c.api.unloadModule(m);
  if (bindings !== null) return null;
  return { stage: "link", text: fromUtf8.decode(err.view()), capabilityDenied: c.imports.linkOutcome.capabilityDenied };
}
