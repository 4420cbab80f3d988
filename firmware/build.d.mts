// Types for build.mjs (used from TypeScript tests and the emulator harness).

export class FirmwareError extends Error {}

export interface FirmwareSizes {
  /** Flash-resident: boot2, vectors, code, read-only data. */
  text: number;
  /** Initialised RAM (variables and RAM-resident code), stored in flash too. */
  data: number;
  /** Zeroed RAM. */
  bss: number;
  /** text + data */
  flash: number;
  /** data + bss */
  ram: number;
}

export interface FirmwareBuild {
  elf: string;
  bin: string;
  uf2: string;
  map: string;
  board: string;
  app: string;
  sizes: FirmwareSizes;
  budget: { flash: number; ram: number };
  binBytes: number;
  boot2Bytes: number;
  /** true when the sources were unchanged and nothing was rebuilt */
  cached: boolean;
}

export interface BoardDefinition {
  name: string;
  description: string;
  toolchainPrefix: string;
  cflags: string[];
  linkerScript: string;
  boot2: string;
  boot2Address: number;
  boot2Size: number;
  drivers: string[];
  flash: { base: number; firmwareArea: number; size: number };
  ram: { base: number; size: number };
  ramCodeSection: string;
  uf2FamilyId: number;
  apps: Record<string, { sources: string[]; budget: { flash: number; ram: number } }>;
}

export const boards: Record<string, BoardDefinition>;

/** The CRC-32 the RP2040 boot ROM checks on boot2 (CRC-32/MPEG-2). */
export function boot2Crc(bytes: Uint8Array): number;

export function buildFirmware(options?: {
  board?: string;
  app?: string;
  force?: boolean;
  log?: (message: string) => void;
}): FirmwareBuild;

/** Throws FirmwareError when RAM-resident code of `elf` calls or reads flash. */
export function checkRamCode(board: BoardDefinition, elf: string): void;

export function formatReport(result: FirmwareBuild): string;
