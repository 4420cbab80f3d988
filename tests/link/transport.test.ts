// tools/link/transport.mjs on real pseudo-terminals (socat).
import { closeSync, constants, openSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SerialPort } from "serialport";
import { PortError, Transport } from "../../tools/link/transport.mjs";
import { ptyPair, type PtyPair } from "./pty-pair";

let pair: PtyPair;
beforeAll(async () => {
  pair = await ptyPair();
});
afterAll(async () => {
  await pair?.stop();
});

/** The board's end, opened as a plain serial port. */
async function openBoard(): Promise<SerialPort> {
  const port = new SerialPort({ path: pair.board, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  return port;
}
const closeBoard = (port: SerialPort) => new Promise<void>((resolve) => port.close(() => resolve()));

/** Collects what a transport reads until `until` holds (or 2 s pass). */
async function readUntil(chunks: Uint8Array[], until: (text: string) => boolean): Promise<string> {
  const started = Date.now();
  for (;;) {
    const text = Buffer.concat(chunks).toString("latin1");
    if (until(text) || Date.now() - started > 2000) return text;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("Transport on a pty", () => {
  it("carries bytes both ways, all 256 values", async () => {
    const board = await openBoard();
    const t = await Transport.open(pair.host);
    const fromBoard: Uint8Array[] = [];
    t.onData((b) => fromBoard.push(Uint8Array.from(b)));
    const atBoard: Buffer[] = [];
    board.on("data", (b: Buffer) => atBoard.push(b));

    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    await t.write(all);
    board.write(Buffer.from(all));
    const got = await readUntil(fromBoard, (s) => s.length >= 256);
    expect(Buffer.from(got, "latin1")).toEqual(Buffer.from(all));
    const started = Date.now();
    while (Buffer.concat(atBoard).length < 256 && Date.now() - started < 2000) await new Promise((r) => setTimeout(r, 10));
    expect(Buffer.concat(atBoard)).toEqual(Buffer.from(all));

    let closedWith: Error | null | undefined;
    t.onClose((e) => (closedWith = e));
    await t.close();
    expect(closedWith).toBeNull();
    expect(t.closed).toBe(true);
    await expect(t.write(all)).rejects.toThrow(/is closed/);
    await closeBoard(board);
  });

  it("drops input that was waiting before it opened", async () => {
    const board = await openBoard();
    // Someone holds the host's end open without reading (the kernel drops a
    // pty's input when its last holder closes it), so the banner waits in its queue.
    const holder = openSync(pair.host, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK);
    board.write(Buffer.from("stale banner\r\n"));
    await new Promise<void>((resolve) => board.drain(() => resolve()));
    await new Promise((r) => setTimeout(r, 100)); // socat carries it over to the host's side
    const t = await Transport.open(pair.host);
    closeSync(holder);
    const fromBoard: Uint8Array[] = [];
    t.onData((b) => fromBoard.push(Uint8Array.from(b)));
    board.write(Buffer.from("fresh\n"));
    expect(await readUntil(fromBoard, (s) => s.includes("\n"))).toBe("fresh\n");
    await t.close();
    await closeBoard(board);
  });

  it("leaves DTR/RTS alone unless asked; asked on a pty, it warns and goes on", async () => {
    const warnings: string[] = [];
    const quiet = await Transport.open(pair.host, { warn: (m) => warnings.push(m) });
    await quiet.close();
    expect(warnings).toEqual([]);
    const asked = await Transport.open(pair.host, { dtr: false, rts: false, warn: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^cannot set DTR\/RTS on .*: Inappropriate ioctl for device/);
    await asked.close();
  });

  it("says what is wrong with a port it cannot open", async () => {
    const opening = Transport.open("/dev/wasmcu-no-such-port");
    await expect(opening).rejects.toBeInstanceOf(PortError);
    await expect(opening).rejects.toThrow(/^cannot open \/dev\/wasmcu-no-such-port: No such file or directory \(is the board connected/);
  });
});
