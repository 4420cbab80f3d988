// `wasmcu sim`: a simulated board on a pseudo-terminal. The first line on
// stdout is the pty's path (open it like a board's port: every other wasmcu
// command finds it by itself while it runs); after it come JSON lines, one per
// board event: {"event":"gpio","pin":25,"level":1,...}, {"event":"reset",...},
// {"event":"ready"}. Stops on Ctrl-C (SIGINT) or SIGTERM.
//
//   --native   the firmware compiled to C (ports/posix), instead of the
//              supervisor's JS build in this process (ports/sim)
//   --emulate  (--board rp2040) the real RP2040 firmware image in the rp2040js
//              emulator (tools/rp2040-emu/sim.mjs): the first line is the USB
//              CDC pty, UART0's pty follows on a JSON line; --image picks the
//              ELF/BIN/UF2 (default bsp-test), --flash is the 2 MB flash file
import { Option } from "commander";
import { rmSync } from "node:fs";
import { simulatorPortFile } from "../../link/detect.mjs";

function lineRate(text) {
  if (!/^\d+$/.test(text)) throw new Error("--baud must be a whole number (0: unlimited)");
  return Number(text);
}

async function action(opts) {
  const portFile = simulatorPortFile();
  const out = (line) => process.stdout.write(line + "\n");
  let board;
  if (opts.emulate) {
    if (opts.board !== "rp2040") {
      process.stderr.write("wasmcu: --emulate is for --board rp2040 (an emulated Raspberry Pi Pico)\n");
      process.exit(2);
    }
    const { startEmulatedSim } = await import("../../rp2040-emu/sim.mjs");
    try {
      board = await startEmulatedSim({
        image: opts.image ?? null,
        flash: opts.flash ?? null,
        link: opts.link ?? null,
        portFile,
        out,
        log: (m) => process.stderr.write(`rp2040-emu: ${m}\n`),
      });
    } catch (e) {
      // an unreadable image or flash file, a firmware that does not build, no socat
      process.stderr.write(`wasmcu: cannot start the emulated Pico: ${e.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`wasmcu: emulated Pico: USB CDC on ${board.usbPath}, UART0 on ${board.uartPath}, flash in ${board.flashFile}; stop it with Ctrl-C\n`);
    const stop = () => {
      board.close();
      process.exit(0);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    return;
  }
  if (opts.native) {
    const { startNativeBoard } = await import("../../lib/native-board.mjs");
    board = await startNativeBoard({
      board: opts.board,
      flash: opts.flash,
      baud: opts.baud ?? 0,
      link: opts.link,
      stderr: "inherit",
      log: (m) => process.stderr.write(`wasmcu: ${m}\n`),
    });
    out(board.path);
    board.events.on("event", (e) => out(JSON.stringify(e)));
    board.child.on("exit", (code, signal) => {
      rmSync(portFile, { force: true });
      process.stderr.write(`wasmcu: the native board exited (${signal ?? code})\n`);
      process.exit(1);
    });
    // the native board does not know about the port file: this process keeps it
    (await import("node:fs")).writeFileSync(portFile, `${board.path}\n${process.pid}\n`);
  } else {
    const { startSimulator } = await import("../../../ports/sim/board.mjs");
    board = await startSimulator({
      board: opts.board,
      flash: opts.flash,
      baud: opts.baud ?? 115200,
      link: opts.link,
      portFile,
      log: (m) => process.stderr.write(`sim: ${m}\n`),
    });
    // the first boot happens after this (startSimulator defers it), so the path stays the first line
    out(board.path);
    board.events.on("event", (e) => out(JSON.stringify(e)));
  }
  process.stderr.write(`wasmcu: simulated ${opts.board} board on ${board.path}${opts.flash ? `, flash in ${opts.flash}` : ""}; stop it with Ctrl-C\n`);
  const stop = async () => {
    if (opts.native) rmSync(portFile, { force: true });
    if (opts.native) await board.stop();
    else await board.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

export function register(program) {
  program
    .command("sim")
    .description("simulate a board on a pseudo-terminal (prints its path first, then board events as JSON lines)")
    .addOption(new Option("--board <board>", "the board to simulate").choices(["rp2040", "esp32"]).default("rp2040"))
    .option("--flash <file>", "keep the board's flash in this file (default: a new temporary one)")
    .option("--baud <n>", "emulated line rate in bit/s, 0 for unlimited (default: 115200; --native: 0)", lineRate)
    .option("--link <path>", "also make this symlink to the pty")
    .option("--native", "run the firmware compiled to C (ports/posix) instead of its JS build")
    .option("--emulate", "run the real RP2040 firmware image in an emulated Pico (rp2040js): USB CDC and UART0 on ptys")
    .option("--image <file>", "with --emulate: the firmware image (ELF, BIN or UF2; default: bsp-test, built when needed)")
    .addHelpText(
      "after",
      "\nExamples:\n  $ npx wasmcu sim &\n  $ npx wasmcu run hello.wasm      # finds the simulator by itself\n" +
        "  $ npx wasmcu sim --board rp2040 --emulate      # prints the USB CDC pty, then UART0's on a JSON line\n",
    )
    .action(action);
}
