// What `run` and `install` share: reading the module, checking it here with
// the board's own code before anything is sent (exit 65 for an invalid module,
// 2 for a bad --allow), and the upload with its progress (a bar on a terminal,
// else one summary line, both on stderr).
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import cliProgress from "cli-progress";
import { checkCapabilities, checkModule } from "../link/validate.mjs";
import { CommandError, EXIT } from "./board.mjs";
import { bytes as size } from "./format.mjs";

/** The module's name on the board: --name, else the file's name without .wasm. */
export function moduleName(file, name) {
  return name ?? basename(file).replace(/\.wasm$/, "");
}

/**
 * Reads and checks `file` and the grant (the module itself unless `check` is
 * false); resolves with { bytes, caps } or
 * throws CommandError: the module cannot be read: 1; --allow is wrong: 2; the
 * board would refuse the module (invalid, an import it does not have or that
 * the grant does not cover): 65, with the board's words.
 */
export async function prepareModule(file, allow = [], { check = true } = {}) {
  let bytes;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new CommandError(EXIT.FAILED, `cannot read ${file}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
  }
  const caps = allow.join(" ");
  const badGrant = await checkCapabilities(caps);
  if (badGrant !== null) throw new CommandError(EXIT.USAGE, `--allow: ${badGrant}`);
  // --no-check: the board's own checks decide (the hardware-in-the-loop suite tests them so)
  const refused = check ? await checkModule(bytes, caps) : null;
  if (refused !== null) {
    const { text, ...details } = refused;
    throw new CommandError(EXIT.INVALID_MODULE, `${file}: ${text}; nothing was sent to the board`, details);
  }
  return { bytes, caps };
}

/** Uploads with progress on stderr; resolves with the client's upload result. */
export async function uploadWithProgress(client, bytes, options, { json }) {
  const bar =
    process.stderr.isTTY && !json
      ? new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format: `${options.name} [{bar}] {percentage}% | {value}/{total} bytes | {speed}`,
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : null;
  const started = performance.now();
  bar?.start(bytes.length, 0, { speed: "" });
  let result;
  try {
    result = await client.upload(bytes, options, (done) => {
      const seconds = (performance.now() - started) / 1000;
      bar?.update(done, { speed: seconds > 0 ? `${size(Math.round(done / seconds))}/s` : "" });
    });
  } finally {
    bar?.stop();
  }
  if (result.skipped) {
    process.stderr.write(`wasmcu: ${options.name}: the board already has these ${result.bytes} bytes (same SHA-256): not sent again\n`);
  } else {
    const sent = result.bytes - result.resumedFrom;
    const rate = result.seconds > 0 ? Math.round(sent / result.seconds) : sent;
    const resumed = result.resumedFrom > 0 ? `, resumed at byte ${result.resumedFrom}` : "";
    const again = result.retransmits > 0 ? `, ${result.retransmits} chunks sent again` : "";
    // what a flaky link cost: the upload taken up again where the board stood, the commit sent again
    const resumes = result.resumes > 0 ? `, taken up again ${result.resumes} time${result.resumes === 1 ? "" : "s"} from the board's offset` : "";
    const commits = result.commitResends > 0 ? `, commit sent again ${result.commitResends} time${result.commitResends === 1 ? "" : "s"}` : "";
    process.stderr.write(`wasmcu: ${options.name}: sent ${sent} bytes in ${result.seconds.toFixed(2)} s (${size(rate)}/s${resumed}${again}${resumes}${commits})\n`);
  }
  return result;
}
