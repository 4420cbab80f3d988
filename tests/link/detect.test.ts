// tools/link/detect.mjs: the sysfs scanner on a fake /sys tree laid out as
// Linux lays out a CDC-ACM tty (hangs off the USB interface) and a USB-serial
// tty (one level further down), and the order in which findBoard looks.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findBoard, knownBoards, NoBoardError, runningSimulator, scanSysfs, simulatorPortFile, type PortInfo } from "../../tools/link/detect.mjs";

const temp = mkdtempSync(join(tmpdir(), "wasmcu-detect-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A fake sysfs: class/tty/NAME -> devices/.../tty/NAME, whose `device` leads to the USB interface. */
function fakeSysfs(): string {
  const sys = join(temp, "sys");
  const usb = join(sys, "devices/pci0000:00/0000:00:14.0/usb1");
  const put = (dir: string, files: Record<string, string>) => {
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), `${text}\n`);
  };
  // an RP2040 running the firmware: ttyACM0 on interface 1-1:1.0 of device 1-1
  put(join(usb, "1-1"), { idVendor: "2e8a", idProduct: "000a", manufacturer: "wasmcu", serial: "E6614C311B4A" });
  put(join(usb, "1-1/1-1:1.0/tty/ttyACM0"), {});
  // a CP2102 bridge: ttyUSB0 is a child of the interface, and the tty class entry one further down
  put(join(usb, "1-2"), { idVendor: "10C4", idProduct: "EA60" });
  put(join(usb, "1-2/1-2:1.0/ttyUSB0/tty/ttyUSB0"), {});
  // a keyboard-ish device that is no board
  put(join(usb, "1-3"), { idVendor: "046d", idProduct: "c52b" });
  put(join(usb, "1-3/1-3:1.0/tty/ttyACM1"), {});
  // a platform UART (no USB ids anywhere up the tree) and a virtual console (no device)
  put(join(sys, "devices/platform/serial8250/tty/ttyS0"), {});
  put(join(sys, "devices/virtual/tty/tty0"), {});

  const cls = join(sys, "class/tty");
  mkdirSync(cls, { recursive: true });
  const tty = (name: string, at: string, device: string | null) => {
    symlinkSync(at, join(cls, name));
    if (device !== null) symlinkSync(device, join(at, "device"));
  };
  tty("ttyACM0", join(usb, "1-1/1-1:1.0/tty/ttyACM0"), join(usb, "1-1/1-1:1.0"));
  tty("ttyUSB0", join(usb, "1-2/1-2:1.0/ttyUSB0/tty/ttyUSB0"), join(usb, "1-2/1-2:1.0/ttyUSB0"));
  tty("ttyACM1", join(usb, "1-3/1-3:1.0/tty/ttyACM1"), join(usb, "1-3/1-3:1.0"));
  tty("ttyS0", join(sys, "devices/platform/serial8250/tty/ttyS0"), join(sys, "devices/platform/serial8250"));
  tty("tty0", join(sys, "devices/virtual/tty/tty0"), null);
  return sys;
}

describe("scanSysfs", () => {
  const sys = fakeSysfs();

  it("finds the USB ttys with their vendor and product ids, walking up from the interface", () => {
    expect(scanSysfs(sys)).toEqual([
      { path: "/dev/ttyACM0", vendorId: "2e8a", productId: "000a", manufacturer: "wasmcu", serialNumber: "e6614c311b4a" },
      { path: "/dev/ttyACM1", vendorId: "046d", productId: "c52b" },
      { path: "/dev/ttyUSB0", vendorId: "10c4", productId: "ea60" },
    ]);
  });

  it("keeps only the known boards", () => {
    expect(knownBoards(scanSysfs(sys)).map((b: { path: string }) => b.path)).toEqual(["/dev/ttyACM0", "/dev/ttyUSB0"]);
  });

  it("finds nothing under a root without class/tty", () => {
    expect(scanSysfs(join(temp, "nowhere"))).toEqual([]);
  });
});

describe("findBoard", () => {
  const rp2040 = { path: "/dev/ttyACM0", vendorId: "2e8a", productId: "000a" };
  const esp32 = { path: "/dev/ttyUSB0", vendorId: "303a", productId: "1001" };
  const mouse = { path: "/dev/ttyACM1", vendorId: "046d", productId: "c52b" };
  const list = (ports: PortInfo[]) => async () => ports;
  const noSim = join(temp, "no-sim.port");

  it("takes --port first, then WASMCU_PORT", async () => {
    expect(await findBoard({ port: "/dev/x", env: { WASMCU_PORT: "/dev/y" }, list: list([rp2040]) })).toMatchObject({ path: "/dev/x", via: "option" });
    expect(await findBoard({ env: { WASMCU_PORT: "/dev/y" }, list: list([rp2040]) })).toMatchObject({ path: "/dev/y", via: "env" });
  });

  it("then a known USB id", async () => {
    expect(await findBoard({ env: {}, list: list([mouse, esp32]), simPortFile: noSim })).toMatchObject({ path: "/dev/ttyUSB0", via: "usb" });
  });

  it("refuses to guess between several boards", async () => {
    const found = findBoard({ env: {}, list: list([rp2040, esp32]), simPortFile: noSim });
    await expect(found).rejects.toThrow(NoBoardError);
    await expect(found).rejects.toThrow(/several boards found.*--port/s);
  });

  it("then a running simulator, whose pty must still exist", async () => {
    const portFile = join(temp, "sim.port");
    const pty = join(temp, "pty-stand-in");
    writeFileSync(pty, "");
    writeFileSync(portFile, `${pty}\n`);
    expect(runningSimulator(portFile)).toBe(pty);
    expect(await findBoard({ env: {}, list: list([mouse]), simPortFile: portFile })).toMatchObject({ path: pty, via: "simulator" });
    rmSync(pty);
    expect(runningSimulator(portFile)).toBeNull();
    await expect(findBoard({ env: {}, list: list([mouse]), simPortFile: portFile })).rejects.toThrow(
      "no board found: connect one, pass --port PATH, or start a simulator with `npx wasmcu sim`",
    );
  });

  it("ignores a port file whose simulator is gone (its pid on the second line)", () => {
    const portFile = join(temp, "pid.port");
    const pty = join(temp, "pty-of-someone-else");
    writeFileSync(pty, "");
    writeFileSync(portFile, `${pty}\n${process.pid}\n`);
    expect(runningSimulator(portFile)).toBe(pty);
    // a pid that no process has (above the kernel's pid_max)
    writeFileSync(portFile, `${pty}\n${2 ** 22 + 1}\n`);
    expect(runningSimulator(portFile)).toBeNull();
  });

  it("names the simulator's port file after the user", () => {
    expect(simulatorPortFile({ dir: "/tmp", uid: 1000 })).toBe("/tmp/wasmcu-sim-1000.port");
  });
});
