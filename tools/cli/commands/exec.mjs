// `wasmcu exec [--engine js|c] [--env NAME[=VALUE]]... module.wasm [args...]`:
// runs a WASI command module on the desktop, as `wasmtime run` does. The
// module's stdout/stderr are the process's; it gets argv [module.wasm, args...]
// and only the environment given with --env; the process exits with the
// module's exit code, 134 after a trap ("wasmcu: trap: <message>" on stderr)
// and 1 when the module cannot run (unreadable, malformed, invalid,
// unlinkable). See README.md, "wasmcu exec".
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { constants } from "node:os";
import { Option } from "commander";
import { buildCEngine, loadJsEngine, StepError } from "../../lib/engines.mjs";

/** The exit status when wasmcu itself fails (cannot build or start an engine). */
const EXIT_INTERNAL = 70;

function say(message) {
  process.stderr.write(`wasmcu: ${message}\n`);
}

/** --env NAME=VALUE as given; --env NAME takes NAME's value from wasmcu's own environment (absent: not passed). */
function collectEnv(entry, list) {
  if (entry.includes("=")) return [...list, entry];
  const value = process.env[entry];
  return value === undefined ? list : [...list, `${entry}=${value}`];
}

/** "No such file or directory" from Node's "ENOENT: no such file or directory, open 'x'" (the C engine's strerror wording). */
function systemMessage(e) {
  const m = /^[A-Z0-9_]+: (.*?), [a-z]+ '.*'$/.exec(e.message);
  const text = m ? m[1] : e.message;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

async function runOnJs(module, bytes, args, env) {
  const { installHal } = await import("../../../ports/sim/hal.mjs");
  installHal();
  const engine = await loadJsEngine();
  const utf8 = new TextEncoder();
  return engine.runCommand(
    bytes,
    [module, ...args].map((s) => utf8.encode(s)),
    env.map((s) => utf8.encode(s)),
    new engine.Limits(),
  );
}

function runOnC(module, args, env, debug) {
  const binary = buildCEngine({ debug, log: say });
  const r = spawnSync(binary, [...env.flatMap((e) => ["--env", e]), "--", module, ...args], { stdio: "inherit" });
  if (r.error) throw new StepError(`cannot start ${binary}: ${r.error.message}`);
  if (r.signal) {
    say(`the C engine was killed by ${r.signal}`);
    return 128 + (constants.signals[r.signal] ?? 0);
  }
  return r.status;
}

async function action(module, args, opts) {
  let status;
  try {
    const bytes = readFileSync(module);
    status = opts.engine === "js" ? await runOnJs(module, bytes, args, opts.env) : runOnC(module, args, opts.env, opts.debugBuild);
  } catch (e) {
    if (e.code && e.syscall !== undefined) {
      say(`cannot read ${module}: ${systemMessage(e)}`);
      status = 1;
    } else if (e instanceof StepError) {
      say(e.message);
      status = EXIT_INTERNAL;
    } else {
      say(`internal error: ${e.stack ?? e}`);
      status = EXIT_INTERNAL;
    }
  }
  process.exit(status);
}

export function register(program) {
  program
    .command("exec")
    .description("run a WASI command module (wasi_snapshot_preview1) on this computer, like `wasmtime run`")
    .argument("<module>", "the .wasm file")
    .argument("[args...]", "the module's arguments (its argv[0] is <module>)")
    .addOption(new Option("--engine <engine>", "which build of the engine runs it").choices(["c", "js"]).default("c"))
    .option("--env <NAME[=VALUE]>", "add NAME=VALUE to the module's environment (NAME alone: its value here); repeatable", collectEnv, [])
    .option("--debug-build", "with --engine c: a build that keeps stc's run-time checks (slower)")
    // everything after <module> is the module's, options included
    .passThroughOptions()
    .addHelpText(
      "after",
      `
exit status: the module's (proc_exit code, or 0 when _start returns); 134 after
a trap, with "wasmcu: trap: <message>" on stderr; 1 when the module cannot run;
2 for a usage error; 70 when wasmcu cannot build or start the engine.
The C engine is built with stc and gcc on first use (and after a change of its
sources) into build/exec/.`,
    )
    .action(action);
}
