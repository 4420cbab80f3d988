#!/usr/bin/env node
// `wasmcu`: the host command. Each subcommand is a module in commands/ that
// exports `register(program)`; add new ones (info, run, install, flash, sim...)
// to `commands` below. Modules' output goes to stdout/stderr untouched; the
// tool's own messages go to stderr, prefixed "wasmcu:". Usage errors exit 2.
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import * as exec from "./commands/exec.mjs";

const commands = [exec];

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));

const program = new Command("wasmcu")
  .description("WebAssembly on microcontrollers: run modules on the desktop now; on boards once the supervisor lands")
  .version(pkg.version, "-V, --version", "print the version")
  .helpOption("-h, --help", "print this help")
  .helpCommand("help [command]", "print the help of a command")
  // options after a subcommand belong to it (and after a module, to the module)
  .enablePositionalOptions()
  .configureHelp({ styleTitle: (title) => title.toLowerCase() })
  .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, "wasmcu: ")) })
  .showHelpAfterError()
  .exitOverride();

for (const command of commands) command.register(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (!(e instanceof CommanderError)) throw e;
  // help and version end with code 0; every other CommanderError is a usage error
  process.exit(e.exitCode === 0 ? 0 : 2);
}
