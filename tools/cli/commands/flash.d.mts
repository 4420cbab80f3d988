// Types for flash.mjs's helpers (used from TypeScript tests).
export const VOLUME_LABEL: string;
export function isBootselDrive(dir: string): boolean;
export function findBootselDrives(places?: { byLabel?: string; mounts?: string; emulated?: string | null }): { drives: string[]; unmounted: string[] };
export function readUf2(file: string): Uint8Array;
export function copyToDrive(bytes: Uint8Array, drive: string, name: string, options?: { progress?: boolean }): { target: string; seconds: number };
export function waitForDrive(find: () => { drives: string[] }, timeoutMs?: number): Promise<string | null>;
