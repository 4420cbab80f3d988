// bsp-test's USB CDC device on the emulated Pico, against the harness's
// Linux-like host: enumeration (ids and strings), a 1 MB echo both ways
// byte-exact at a measured rate, the zero-length packet after a full-size
// packet that ends a transfer, and flow control when the host stops reading.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UsbInfo } from "../../tools/rp2040-emu/board.mjs";
import { bspTest, Session, until } from "./emulated-board";

let s: Session;
let info: UsbInfo | null = null;
const received: Buffer[] = [];
let receivedBytes = 0;
const packets: number[] = [];

beforeAll(async () => {
  const { elf } = bspTest();
  s = new Session({ image: elf });
  s.board.on("usb-connected", (i: UsbInfo) => (info = i));
  s.board.on("usb", (bytes: Uint8Array) => {
    received.push(Buffer.from(bytes));
    receivedBytes += bytes.length;
  });
  s.board.on("usb-packet", (p: { length: number }) => packets.push(p.length));
  await until(() => info !== null, "USB enumeration");
});
afterAll(() => s.close());

/** Everything received since `from` bytes, once `length` more have come. */
async function echoed(from: number, length: number, timeoutMs = 60_000): Promise<Buffer> {
  await until(() => receivedBytes >= from + length, `${length} echoed bytes (have ${receivedBytes - from})`, timeoutMs);
  return Buffer.concat(received).subarray(from, from + length);
}

/** Lets `ms` of emulated time pass. */
async function idle(ms: number) {
  const until_ = s.board.now() + ms * 1e6;
  await until(() => s.board.now() >= until_, `${ms} ms of emulated time`);
}

describe("bsp-test USB CDC on the emulated Pico", () => {
  it("enumerates as 2e8a:000a 'wasmcu bsp-test' with the flash's unique id as serial number", () => {
    expect(info).toMatchObject({ vid: 0x2e8a, pid: 0x000a, product: "wasmcu bsp-test" });
    expect(info?.serial).toMatch(/^[0-9a-f]{16}$/);
    expect(info?.serial).toBe(Buffer.from(s.board.chip.uniqueId).toString("hex"));
    expect(s.problems()).toEqual([]);
  });

  it("echoes 1 MB both ways byte-exact", async () => {
    const size = 1024 * 1024;
    const data = Buffer.alloc(size);
    for (let i = 0; i < size; i++) data[i] = (i * 7 + (i >>> 9) + (i >>> 17)) & 0xff;
    const from = receivedBytes;
    const emulatedStart = s.board.now();
    const wallStart = performance.now();
    s.board.usbWrite(data);
    const back = await echoed(from, size, 120_000);
    const emulatedS = (s.board.now() - emulatedStart) / 1e9;
    const wallS = (performance.now() - wallStart) / 1000;
    expect(back.equals(data)).toBe(true);
    console.log(
      `USB CDC echo of 1 MB: ${(1024 / emulatedS).toFixed(0)} KB/s of emulated time (${emulatedS.toFixed(2)} s), ` +
        `${(1024 / wallS).toFixed(0)} KB/s of wall time (${wallS.toFixed(2)} s), emulator at ${s.board.emulatedMhz.toFixed(1)} MHz`,
    );
    // both directions share the full-speed bus: at most ~1.2 MB/s in all
    expect(1024 / emulatedS).toBeLessThan(650);
    expect(s.problems()).toEqual([]);
  });

  it("ends a transfer of whole 64-byte packets with a zero-length packet, and a short one without", async () => {
    await idle(5);
    packets.length = 0;
    let from = receivedBytes;
    s.board.usbWrite(Buffer.alloc(64, 0x41));
    expect((await echoed(from, 64)).equals(Buffer.alloc(64, 0x41))).toBe(true);
    await idle(5);
    expect(packets).toEqual([64, 0]);

    packets.length = 0;
    from = receivedBytes;
    s.board.usbWrite(Buffer.alloc(63, 0x42));
    await echoed(from, 63);
    await idle(5);
    expect(packets).toEqual([63]);
    expect(s.problems()).toEqual([]);
  });

  it("stops taking OUT packets while the host does not read, and loses nothing", async () => {
    await idle(5);
    let blocked = true;
    s.board.usbBacklog = () => (blocked ? Number.MAX_SAFE_INTEGER : 0);
    const size = 64 * 1024;
    const data = Buffer.alloc(size);
    for (let i = 0; i < size; i++) data[i] = (i * 13 + 5) & 0xff;
    const from = receivedBytes;
    s.board.usbWrite(data);
    await idle(50);
    // the device echoes nothing the host has not taken, and once its queue is full it NAKs the rest
    expect(receivedBytes).toBe(from);
    const stuck = s.board.usb.pendingOut;
    expect(stuck).toBeGreaterThan(size / 2);
    await idle(20);
    expect(s.board.usb.pendingOut).toBe(stuck);
    blocked = false;
    s.board.usbResume();
    const back = await echoed(from, size);
    expect(back.equals(data)).toBe(true);
    s.board.usbBacklog = () => 0;
    expect(s.problems()).toEqual([]);
  });
});
