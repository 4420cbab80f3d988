#!/usr/bin/env node
// Runs a firmware image on the emulated Pico from a shell, for trying images
// by hand:
//
//   node tools/rp2040-emu/run.mjs <image.elf|.bin|.uf2> [--flash FILE]
//        [--seconds N] [--pty] [--fast] [--lax]
//
// UART0's output goes to stdout; the harness's messages, problems and faults
// to stderr. --pty also bridges USB CDC and UART0 to pseudo-terminals (their
// paths on stderr) and then UART0 is not echoed; --seconds stops after N
// seconds of emulated time (default: run until Ctrl-C); --fast skips idle
// time instead of keeping to the wall clock; --lax keeps running after a
// fatal problem. Exit status: 0, or 1 after a fault.
import { parseArgs } from "node:util";
import { startEmulatedBoard } from "./board.mjs";
import { bridgeBoard } from "./pty.mjs";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    flash: { type: "string" },
    seconds: { type: "string" },
    pty: { type: "boolean", default: false },
    fast: { type: "boolean", default: false },
    lax: { type: "boolean", default: false },
  },
});
if (positionals.length !== 1) {
  process.stderr.write("usage: node tools/rp2040-emu/run.mjs <image.elf|.bin|.uf2> [--flash FILE] [--seconds N] [--pty] [--fast] [--lax]\n");
  process.exit(2);
}

const say = (m) => process.stderr.write(`rp2040-emu: ${m}\n`);
const board = startEmulatedBoard({
  image: positionals[0],
  flashFile: values.flash ?? null,
  realtime: !values.fast,
  strict: !values.lax,
  log: say,
});
board.on("problem", (p) => say(`problem at ${(p.ns / 1e6).toFixed(3)} ms, pc 0x${(p.pc >>> 0).toString(16)}: ${p.message}`));
board.on("note", (m) => say(`note: ${m}`));
board.on("usb-connected", (info) => say(`USB connected: ${info.vid.toString(16)}:${info.pid.toString(16)} "${info.product ?? ""}"`));
board.on("bootsel", ({ why }) => say(why));

let bridge = null;
if (values.pty) {
  bridge = await bridgeBoard(board);
  say(`USB CDC on ${bridge.usb.path}, UART0 on ${bridge.uart.path}`);
} else {
  board.on("uart", (bytes) => process.stdout.write(bytes));
}

function finish(code) {
  board.close();
  bridge?.close();
  say(`ran ${(board.now() / 1e9).toFixed(3)} s of emulated time in ${(board.wallMs / 1000).toFixed(3)} s: ${board.emulatedMhz.toFixed(1)} emulated MHz`);
  process.exit(code);
}

board.on("fault", (f) => {
  say(`FAULT: ${f.message}`);
  finish(1);
});
process.on("SIGINT", () => finish(0));
process.on("SIGTERM", () => finish(0));
if (values.seconds) {
  const limit = Number(values.seconds) * 1e9;
  const check = setInterval(() => {
    if (board.now() >= limit || board.state !== "running") {
      clearInterval(check);
      finish(board.fault ? 1 : 0);
    }
  }, 20);
}
