// Checks made on the host before anything is sent, with the same code the
// board runs (core/, imported as TypeScript), so that a refusal here has the
// board's words:
//   - checkModule: the engine's load() (decode + validate), as the board does
//     at UPLOAD_COMMIT;
//   - checkCapabilities: the capability grant's syntax (core/device/capabilities).
import { tsImport } from "tsx/esm/api";

const fromUtf8 = new TextDecoder();
const toUtf8 = new TextEncoder();

/** "at byte 0x1f: unexpected end": a load error as the board words it after the module's name (ErrorCode.InvalidModule). */
export function loadErrorText(offset, message) {
  return `at byte 0x${offset.toString(16)}: ${message}`;
}

/**
 * Loads bytes with the engine's JS build. Resolves with null when the module
 * is valid, else { offset, message, malformed, text } (text: loadErrorText).
 */
export async function checkModule(bytes) {
  const api = await tsImport("../../core/engine/api.ts", import.meta.url);
  const err = new api.LoadError();
  const m = api.load(bytes, err);
  if (m !== null) return null;
  return { offset: err.offset, message: err.message, malformed: err.malformed, text: loadErrorText(err.offset, err.message) };
}

/** Resolves with null when `grant` ("gpio=25 clock") is a valid capability grant, else the board's reason. */
export async function checkCapabilities(grant) {
  const [capabilities, text] = await Promise.all([
    tsImport("../../core/device/capabilities.ts", import.meta.url),
    tsImport("../../core/device/text.ts", import.meta.url),
  ]);
  const err = new text.Text();
  if (capabilities.parseCapabilities(toUtf8.encode(grant), new capabilities.Capabilities(), err)) return null;
  return fromUtf8.decode(err.view());
}
