// Types for detect.mjs (used from TypeScript tests).
export interface UsbId {
  vid: string;
  pid: string;
  what: string;
}
export const KNOWN_USB_IDS: UsbId[];
export class NoBoardError extends Error {}
export interface PortInfo {
  path: string;
  vendorId?: string;
  productId?: string;
  manufacturer?: string;
  serialNumber?: string;
}
export interface FoundBoard {
  path: string;
  via: "option" | "env" | "usb" | "simulator";
  what: string;
}
export function simulatorPortFile(options?: { dir?: string; uid?: number }): string;
export function scanSysfs(root?: string, devDir?: string): PortInfo[];
export function listPorts(options?: { sysfsRoot?: string }): Promise<PortInfo[]>;
export function knownBoards(ports: PortInfo[]): (PortInfo & { what: string })[];
export function runningSimulator(portFile?: string): string | null;
export function findBoard(options?: {
  port?: string;
  env?: Record<string, string | undefined>;
  list?: () => Promise<PortInfo[]>;
  simPortFile?: string;
}): Promise<FoundBoard>;
