// The two builds of the engine with WASI that host tools run, each cached under
// build/exec/ and rebuilt when one of its sources changes:
//   - the JS engine: core/ bundled by esbuild into one ES module (runCommand,
//     Limits; tools/lib/js-bundle.mjs, under build/js/), run under Node with the HAL of ports/sim;
//   - the C engine: ports/posix/exec.ts compiled by stc, linked with the posix
//     HAL by gcc -O2 into the `wasmcu-exec` program.
// A build is keyed by a hash of its sources' contents; a finished build is
// renamed into place, so concurrent builders never see half a file.
import { join } from "node:path";
import { buildStcProgram, cFlags, sourcesUnder } from "./build-cache.mjs";
import { buildJsBundle } from "./js-bundle.mjs";
import { root, StepError } from "./sts-run.mjs";

export { StepError };

const outDir = join(root, "build/exec");

/** The JS engine's entry: what the CLI needs from core/. */
const jsEntry = `export { runCommand, EXIT_TRAP, EXIT_NOT_RUN } from "./core/wasi/command";
export { Limits } from "./core/engine/types";
`;

/**
 * Builds (when stale) and imports the JS engine: { runCommand, Limits, EXIT_TRAP,
 * EXIT_NOT_RUN }. The HAL natives (ports/sim/hal.mjs installHal) must be on
 * globalThis before runCommand is called.
 */
export function loadJsEngine() {
  return buildJsBundle({ name: "wasmcu-exec-js", entry: jsEntry });
}

/**
 * Builds (when stale) the C engine and returns the path of the `wasmcu-exec`
 * program (usage in ports/posix/exec.ts): release (-O2 -DNDEBUG) by default;
 * `debug` keeps stc's run-time checks (array indices, integer ranges) for
 * working on the engine. `log(message)` hears about a build before it starts
 * (it takes a while).
 */
export function buildCEngine({ debug = false, log = () => {} } = {}) {
  return buildStcProgram({
    name: debug ? "wasmcu-exec-debug" : "wasmcu-exec",
    what: "the C engine",
    entry: "ports/posix/exec.ts",
    generated: "wasmcu-exec.c",
    mainC: "ports/posix/main.c",
    outDir,
    sources: [
      ...sourcesUnder("core", [".ts"]),
      ...sourcesUnder("ports/posix", [".ts", ".c", ".h"]),
      ...sourcesUnder("tools/stc", [".ts", ".mjs", ".h"]),
    ],
    flags: cFlags(debug),
    log,
  });
}
