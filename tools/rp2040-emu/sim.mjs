// `wasmcu sim --board rp2040 --emulate`: the real RP2040 firmware image on
// the emulated Pico, its USB CDC and UART0 on pseudo-terminals. Output, one
// line each, on `out`:
//   1. the USB CDC pty's path (what /dev/ttyACM0 is on a real Pico);
//   2. {"event":"uart","path":...}: UART0's pty (a USB-UART adapter on GP0/GP1);
//   then board events as JSON: {"event":"reset","reason":...},
//   {"event":"usb","connected":true,"vid":...,"pid":...,"product":...},
//   {"event":"gpio","pin":25,"level":1,"us":...},
//   {"event":"bootsel","requested":true,"drive":DIR} (the stand-in drive: copy
//   a UF2 there, or run `wasmcu flash`), {"event":"problem","message":...},
//   {"event":"fault","message":...} (the core halted).
// The image: --image, else what an existing --flash file holds, else
// bsp-test (built by firmware/build.mjs when stale).
import { existsSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EmulatedBoard } from "./board.mjs";
import { showBootselDrive } from "./bootsel-drive.mjs";
import { bridgeBoard } from "./pty.mjs";

/** The image to run when none is given: bsp-test (the board-support test firmware). */
async function defaultImage(log) {
  const { buildFirmware } = await import("../../firmware/build.mjs");
  const built = buildFirmware({ board: "rp2040", app: "bsp-test", log });
  return built.elf;
}

/**
 * Starts the emulated board and its ptys. Options: image (file), flash (the 2 MB flash file; default a temporary one), link
 * (symlink to the USB pty), portFile (where `wasmcu` finds the port; null for
 * none), out(line), log(message). Returns { board, usbPath, uartPath, close() }.
 */
export async function startEmulatedSim({ image = null, flash = null, link = null, portFile = null, out, log }) {
  const work = mkdtempSync(join(tmpdir(), "wasmcu-rp2040-"));
  const flashFile = flash ?? join(work, "flash.bin");
  const keepFlash = image === null && flash !== null && existsSync(flash);
  let board;
  let bridge;
  try {
    board = new EmulatedBoard({
      image: keepFlash ? null : (image ?? (await defaultImage(log))),
      flashFile,
      realtime: true,
      log: (m) => log(m),
    });
    bridge = await bridgeBoard(board, { usbLink: link });
  } catch (e) {
    board?.close();
    rmSync(work, { recursive: true, force: true });
    throw e;
  }
  out(bridge.usb.path);
  out(JSON.stringify({ event: "uart", path: bridge.uart.path }));
  if (portFile) writeFileSync(portFile, `${bridge.usb.path}\n${process.pid}\n`);

  const event = (e) => out(JSON.stringify(e));
  let drive = null;
  board.on("reset", ({ reason }) => event({ event: "reset", reason }));
  board.on("usb-connected", (info) => event({ event: "usb", connected: true, vid: info.vid, pid: info.pid, product: info.product ?? null, serial: info.serial ?? null }));
  board.on("gpio", ({ pin, level, ns }) => event({ event: "gpio", pin, level, us: Math.floor(ns / 1000) }));
  board.on("problem", ({ message, fatal }) => event({ event: fatal ? "fault" : "problem", message }));
  board.on("bootsel", ({ requested = false }) => {
    drive?.close();
    drive = showBootselDrive(board, join(work, "RPI-RP2"), { log });
    log(`the stand-in BOOTSEL drive is ${drive.dir}: copy a UF2 into it (or run \`wasmcu flash\`)`);
    event({ event: "bootsel", requested, drive: drive.dir });
  });
  // the first boot happened in the constructor: a blank flash is already in BOOTSEL
  event({ event: "reset", reason: "power" });
  if (board.state === "bootsel") board.emit("bootsel", {});
  board.start();

  return {
    board,
    usbPath: bridge.usb.path,
    uartPath: bridge.uart.path,
    flashFile,
    close() {
      drive?.close();
      board.close();
      bridge.close();
      if (portFile && existsSync(portFile) && readFileSync(portFile, "utf8").split("\n")[0] === bridge.usb.path) rmSync(portFile, { force: true });
      rmSync(work, { recursive: true, force: true });
    },
  };
}
