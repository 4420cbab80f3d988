// Types for hal.mjs (used from TypeScript tests).
export interface SimConsole {
  write(fd: number, bytes: Uint8Array, offset: number, length: number): number;
  read(bytes: Uint8Array, offset: number, length: number): number;
  /** whether fd is a terminal (default: node:tty's isatty) */
  isTerminal?(fd: number): boolean;
}
export const processConsole: SimConsole;
export function installHal(io?: SimConsole): void;
