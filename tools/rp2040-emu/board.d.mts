// Types for board.mjs (used from TypeScript tests).
import type { EventEmitter } from "node:events";
import type { RP2040 } from "rp2040js";
import type { FlashTimes, W25Q16JV } from "./flash-chip.mjs";
import type { FlashStore } from "./flash-store.mjs";

export const BOOT2_RAM_ADDRESS: number;
export const BOOTSEL_MAGIC: number;

export interface Problem {
  message: string;
  /** emulated ns since power-on */
  ns: number;
  pc: number;
  fatal: boolean;
}

export interface UsbInfo {
  vid: number;
  pid: number;
  manufacturer?: string;
  product?: string;
  serial?: string;
  inEndpoint: number;
  outEndpoint: number;
  commInterface: number;
}

export interface UsbHost {
  readonly connected: boolean;
  readonly info: UsbInfo | null;
  readonly pendingOut: number;
  stats: { inPackets: number; outPackets: number; zeroLengthPackets: number; inBytes: number; outBytes: number };
  write(bytes: Uint8Array): void;
  resume(): void;
}

export interface BoardOptions {
  image?: string | Uint8Array | null;
  flashFile?: string | null;
  strict?: boolean;
  realtime?: boolean;
  flashTimes?: FlashTimes;
  log?: (message: string) => void;
}

export class EmulatedBoard extends EventEmitter {
  constructor(options?: BoardOptions);
  readonly mcu: RP2040;
  readonly chip: W25Q16JV;
  readonly store: FlashStore;
  readonly usb: UsbHost;
  readonly problems: Problem[];
  readonly notes: Set<string>;
  readonly state: "running" | "halted" | "bootsel" | "off";
  readonly fault: Problem | null;
  readonly resets: number;
  readonly uartText: string;
  readonly uartRx: number[];
  readonly uartOverruns: number;
  readonly gpioLog: { pin: number; level: number; ns: number }[];
  readonly cycles: number;
  readonly wallMs: number;
  readonly emulatedMhz: number;
  usbBacklog: () => number;
  now(): number;
  start(): void;
  stop(): void;
  close(): void;
  powerCycle(): void;
  flashImage(image: string | Uint8Array): void;
  uartWrite(bytes: Uint8Array): void;
  usbWrite(bytes: Uint8Array): void;
  usbResume(): void;
}

export function startEmulatedBoard(options?: BoardOptions): EmulatedBoard;
