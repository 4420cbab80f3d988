// Board definition: Raspberry Pi Pico (RP2040, 12 MHz crystal, 2 MB
// W25Q16JV QSPI flash), bare metal with Debian's arm-none-eabi-gcc.
// Paths are relative to the repository root.

const port = "ports/rp2040";

export default {
  name: "rp2040",
  description: "Raspberry Pi Pico (RP2040, 2 MB flash)",
  toolchainPrefix: "arm-none-eabi-",
  cflags: [
    "-mcpu=cortex-m0plus",
    "-mthumb",
    "-std=c11",
    "-Os",
    "-g",
    "-ffreestanding",
    "-fno-builtin",
    "-ffunction-sections",
    "-fdata-sections",
    // no loop turned into a memcpy/memset call: the flash driver's RAM code
    // must not call into flash, and memset must not call itself
    "-fno-tree-loop-distribute-patterns",
    // registers at small fixed addresses (the boot ROM at 0x10) are not null
    // pointer dereferences
    "--param=min-pagesize=0",
    "-Wall",
    "-Wextra",
    "-Werror",
  ],
  linkerScript: "firmware/rp2040/memmap.ld",
  libs: ["-lgcc"],
  // boot2.S is built on its own (linked where the boot ROM runs it, padded to
  // 252 bytes, CRC-32 appended) and placed in front of the image.
  boot2: `${port}/boot2.S`,
  boot2Address: 0x20041f00,
  boot2Size: 256,
  drivers: [
    `${port}/startup.c`,
    `${port}/libc.c`,
    `${port}/clocks.c`,
    `${port}/timer.c`,
    `${port}/gpio.c`,
    `${port}/uart.c`,
    `${port}/watchdog.c`,
    `${port}/bootsel.c`,
    `${port}/flash.c`,
    `${port}/usb_descriptors.c`,
    `${port}/usb_cdc.c`,
  ],
  // What is hashed to decide whether an image is stale.
  sourceDirs: [port, "firmware"],
  flash: { base: 0x10000000, firmwareArea: 1024 * 1024, size: 2 * 1024 * 1024 },
  ram: { base: 0x20000000, size: 256 * 1024 },
  // Code that runs while the flash is unreadable; the build checks that it
  // calls nothing outside itself.
  ramCodeSection: ".time_critical",
  uf2FamilyId: 0xe48bff56,
  apps: {
    // Size budgets (bytes): flash = text + data (what the image occupies in
    // flash), ram = data + bss (the main stack, 4 KB in SCRATCH_Y, is apart).
    // Set at about 1.5 times the measured size, so growth is a decision;
    // firmware/README.md records them.
    "bsp-test": {
      sources: [`${port}/bsp-test/main.c`, `${port}/bsp-test/commands.c`],
      budget: { flash: 14 * 1024, ram: 8 * 1024 },
    },
  },
};
