// Pseudo-terminals for the emulated board's serial links: the USB CDC
// interface and UART0 each get one, so that any serial terminal (or wasmcu)
// opens them like a Pico's /dev/ttyACM0 and a USB-UART adapter.
//
// The pty itself comes from ports/sim/pty.mjs (socat, the slave side held
// open, an optional symlink), as the simulated board's does. Flow control both ways: the
// board stops taking USB IN packets while socat has not taken what it has
// (UsbCdcHost backlog), and socat's output is paused while the board has
// not taken what the host sent.
import { closeSync, rmSync } from "node:fs";
import { openPty } from "../../ports/sim/pty.mjs";

/** How much host -> board data may wait in the harness before the pty is paused. */
const MAX_PENDING = 64 * 1024;

/**
 * One serial link on a pty: `toBoard(bytes)` gets what a terminal writes,
 * `pendingToBoard()` says how much of it the board has not taken yet.
 * Returns { path, write(bytes), backlog(), onDrain(callback), close() }.
 */
export async function openSerialPty({ toBoard, pendingToBoard, link = null }) {
  const { path, child, slaveFd: slave } = await openPty({ link });
  let closed = false;
  child.stdin.on("error", () => {});
  // the board takes the host's bytes at its pace: above MAX_PENDING the pty is paused until it has caught up
  let poll = null;
  child.stdout.on("data", (chunk) => {
    toBoard(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
    if (poll === null && pendingToBoard() > MAX_PENDING) {
      child.stdout.pause();
      poll = setInterval(() => {
        if (pendingToBoard() >= MAX_PENDING / 2) return;
        clearInterval(poll);
        poll = null;
        child.stdout.resume();
      }, 5);
    }
  });
  return {
    path,
    child,
    write(bytes) {
      if (!closed) child.stdin.write(bytes);
    },
    backlog: () => child.stdin.writableLength,
    onDrain(callback) {
      child.stdin.on("drain", callback);
    },
    close() {
      if (closed) return;
      closed = true;
      if (poll !== null) clearInterval(poll);
      closeSync(slave);
      child.kill();
      if (link) rmSync(link, { force: true });
    },
  };
}

/**
 * Bridges a board's USB CDC and UART0 to two ptys; resolves to
 * { usb, uart, close() } (usb.path / uart.path are the ptys).
 */
export async function bridgeBoard(board, { usbLink = null, uartLink = null } = {}) {
  const usb = await openSerialPty({
    toBoard: (bytes) => board.usbWrite(bytes),
    pendingToBoard: () => board.usb.pendingOut,
    link: usbLink,
  });
  const uart = await openSerialPty({
    toBoard: (bytes) => board.uartWrite(bytes),
    pendingToBoard: () => board.uartRx.length,
    link: uartLink,
  });
  board.usbBacklog = () => usb.backlog();
  usb.onDrain(() => board.usbResume());
  board.on("usb", (bytes) => usb.write(bytes));
  board.on("uart", (bytes) => uart.write(bytes));
  return {
    usb,
    uart,
    close() {
      usb.close();
      uart.close();
    },
  };
}
