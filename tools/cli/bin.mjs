#!/usr/bin/env node
// `wasmcu`: the host command. Each subcommand is a module in commands/ that
// exports `register(program)`; every commands/*.mjs is registered, those in
// ORDER first (the help lists them so), any other after them by name.
// Modules' output goes to stdout/stderr untouched; the tool's own messages go
// to stderr, prefixed "wasmcu:". Usage errors exit 2; the other exit statuses
// are in README.md beside this file.
import { readdirSync, readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";

const ORDER = ["exec", "sim", "info", "ls", "run", "install", "start", "stop", "rm", "logs", "reset", "safe", "flash"];
const files = readdirSync(new URL("./commands/", import.meta.url)).filter((f) => f.endsWith(".mjs"));
const rank = (f) => {
  const at = ORDER.indexOf(f.replace(/\.mjs$/, ""));
  return at < 0 ? ORDER.length : at;
};
files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
const commands = await Promise.all(files.map((f) => import(`./commands/${f}`)));

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));

const program = new Command("wasmcu")
  .description("WebAssembly on microcontrollers: run modules on a board (or its simulator) and on this computer")
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
