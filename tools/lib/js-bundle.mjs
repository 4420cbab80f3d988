// JS builds of core/: an entry (a few `export ... from "./core/..."` lines)
// bundled by esbuild into one ES module under build/js/, rebuilt when a source
// under core/ changes (keyed by a hash of their contents, like build-cache.mjs's
// C builds), then imported.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { hashOf, install, sourcesUnder, upToDate } from "./build-cache.mjs";
import { root, StepError } from "./sts-run.mjs";

const outDir = join(root, "build/js");

/** Builds (when stale) and imports the bundle `name` of `entry` (TypeScript source, resolved from the repository root). */
export async function buildJsBundle({ name, entry }) {
  const file = join(outDir, `${name}.mjs`);
  const hash = hashOf(sourcesUnder("core", [".ts"]), entry);
  if (!upToDate(file, hash)) {
    const esbuild = await import("esbuild");
    mkdirSync(outDir, { recursive: true });
    const tmp = `${file}.${process.pid}.mjs`;
    try {
      await esbuild.build({
        stdin: { contents: entry, resolveDir: root, loader: "ts", sourcefile: `${name}.ts` },
        outfile: tmp,
        bundle: true,
        format: "esm",
        platform: "node",
        target: "node20",
        logLevel: "silent",
      });
    } catch (e) {
      throw new StepError(`esbuild could not bundle ${name} (core/):\n${e.message}`);
    }
    install(tmp, file, hash);
  }
  return import(`${file}?${hash}`);
}
