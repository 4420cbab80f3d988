#!/usr/bin/env node
// `wasmcu`: the host command. A placeholder until the supervisor work lands
// (flash, push, logs, ls, stop, rm, info, sim: see README.md).
import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
const usage = `wasmcu ${pkg.version}: WebAssembly on microcontrollers

usage: wasmcu --version | --help

The board commands (flash, push, logs, ls, stop, rm, info, sim) arrive with the
supervisor work; they do not exist yet.`;

const [cmd] = process.argv.slice(2);
if (cmd === "--version" || cmd === "-V" || cmd === "version") {
  console.log(pkg.version);
} else if (cmd === undefined || cmd === "--help" || cmd === "-h" || cmd === "help") {
  console.log(usage);
} else {
  console.error(`wasmcu: unknown command '${cmd}'\n\n${usage}`);
  process.exit(2);
}
