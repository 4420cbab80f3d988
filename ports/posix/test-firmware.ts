// The pty test monitor: a stand-in firmware that proves the native board's
// device HAL (ports/posix/device-hal.c) without the supervisor. It echoes
// every byte the host sends, and a line that starts with "!" is also a
// command, answered with one line "= ..." after the echo:
//
//   !info                      = reason R board NAME ram N flash N erase N page N gpio N
//   !gpio PIN MODE LEVEL       = MODE_RESULT READ        (gpioMode, then gpioWrite, then gpioRead)
//   !read ADDR LEN             = RESULT HEX
//   !prog ADDR HEX             = RESULT                  (flashProgram)
//   !erase ADDR                = RESULT                  (flashErase)
//   !reset                     (reset(Software): no answer, the board restarts)
//   !panic                     (a runtime panic: the board restarts with reason Panic)
//   !hang                      = hanging                 (stops feeding the watchdog)
//   anything else              = ?
//
// Numbers are decimal, HEX is two hex digits a byte. The boot line
// "monitor R\r\n" (R = the reset reason) goes to the link at each boot.
// Built like firmware.ts (tools/lib/native-board.mjs, entry "test").
import type { i32, i64 } from "../../core/types";
import {
  ResetReason,
  boardName,
  flashErase,
  flashEraseSize,
  flashPageSize,
  flashProgram,
  flashRead,
  flashSize,
  gpioCount,
  gpioMode,
  gpioRead,
  gpioWrite,
  linkRead,
  linkWrite,
  ramSize,
  reset,
  resetReason,
  watchdogFeed,
} from "../../core/hal";
import { utf8 } from "../../core/text";

/** Waits up to `ns` nanoseconds or until the host sends bytes (device-hal.c). */
declare function posix_wait_link(ns: i64): void;
/** Prints {"event":"ready"} (device-hal.c). */
declare function posix_board_ready(): void;

const CHAR_NEWLINE = 10;
const CHAR_RETURN = 13;
const CHAR_SPACE = 32;
const CHAR_BANG = 33;

const INFO = utf8("info");
const GPIO = utf8("gpio");
const READ = utf8("read");
const PROG = utf8("prog");
const ERASE = utf8("erase");
const RESET = utf8("reset");
const PANIC = utf8("panic");
const HANG = utf8("hang");

const input = new Uint8Array(256);
const line = new Uint8Array(1024);
let lineLength: i32 = 0;
/** where the parser of the current line is */
let cursor: i32 = 0;

/** Bytes waiting for the link: output[outStart .. outEnd). What does not fit is dropped. */
const output = new Uint8Array(16384);
let outStart: i32 = 0;
let outEnd: i32 = 0;

let feeding = true;

function putByte(b: i32): void {
  if (outEnd === output.length && outStart > 0) {
    const n = (outEnd - outStart) | 0;
    for (let i = 0; i < n; i++) output[i] = output[outStart + i];
    outStart = 0;
    outEnd = n;
  }
  if (outEnd < output.length) {
    output[outEnd] = b;
    outEnd++;
  }
}

function putText(s: string): void {
  const bytes = utf8(s);
  for (let i = 0; i < bytes.length; i++) putByte(bytes[i]);
}

function hexDigit(v: i32): i32 {
  return (v < 10 ? 48 + v : 87 + v) | 0;
}

function flush(): void {
  if (outEnd === outStart) return;
  const n = linkWrite(output, outStart >>> 0, (outEnd - outStart) >>> 0);
  if (n > 0) outStart = (outStart + n) | 0;
  if (outStart === outEnd) {
    outStart = 0;
    outEnd = 0;
  }
}

function skipSpaces(): void {
  while (cursor < lineLength && line[cursor] === CHAR_SPACE) cursor++;
}

/** Whether the next word of the line is `word` (consumed if so). */
function nextWordIs(word: Uint8Array): boolean {
  skipSpaces();
  const end = (cursor + word.length) | 0;
  if (end > lineLength) return false;
  if (end < lineLength && line[end] !== CHAR_SPACE) return false;
  for (let i = 0; i < word.length; i++) if (line[cursor + i] !== word[i]) return false;
  cursor = end;
  return true;
}

/** The next decimal number of the line, or -1 when there is none. */
function nextNumber(): i32 {
  skipSpaces();
  let value: i32 = -1;
  while (cursor < lineLength && line[cursor] >= 48 && line[cursor] <= 57) {
    value = ((value < 0 ? 0 : value * 10) + line[cursor] - 48) | 0;
    cursor++;
  }
  return value;
}

function hexValue(c: i32): i32 {
  if (c >= 48 && c <= 57) return (c - 48) | 0;
  if (c >= 97 && c <= 102) return (c - 87) | 0;
  if (c >= 65 && c <= 70) return (c - 55) | 0;
  return -1;
}

/** The next word of the line as hex bytes, or null when it is not whole bytes of hex. */
function nextHex(): Uint8Array | null {
  skipSpaces();
  let end = cursor;
  while (end < lineLength && line[end] !== CHAR_SPACE) end++;
  if (((end - cursor) & 1) !== 0) return null;
  const bytes = new Uint8Array((end - cursor) >> 1);
  for (let i = 0; i < bytes.length; i++) {
    const hi = hexValue(line[cursor + 2 * i]);
    const lo = hexValue(line[cursor + 2 * i + 1]);
    if (hi < 0 || lo < 0) return null;
    bytes[i] = (hi << 4) | lo;
  }
  cursor = end;
  return bytes;
}

function commandInfo(): void {
  const name = new Uint8Array(32);
  const n = boardName(name);
  putText("= reason " + resetReason() + " board ");
  for (let i = 0; i < n; i++) putByte(name[i]);
  putText(
    " ram " + ramSize() + " flash " + flashSize() + " erase " + flashEraseSize() + " page " + flashPageSize() +
      " gpio " + gpioCount() + "\n",
  );
}

function commandGpio(): void {
  const pin = nextNumber();
  const mode = nextNumber();
  const level = nextNumber();
  const result = gpioMode(pin, mode);
  gpioWrite(pin, level);
  putText("= " + result + " " + gpioRead(pin) + "\n");
}

function commandRead(): void {
  const address = nextNumber();
  const length = nextNumber();
  if (address < 0 || length < 0 || length > 4096) {
    putText("= ?\n");
    return;
  }
  const bytes = new Uint8Array(length);
  const result = flashRead(address >>> 0, bytes, 0, length >>> 0);
  putText("= " + result + " ");
  for (let i = 0; i < length; i++) {
    putByte(hexDigit(bytes[i] >> 4));
    putByte(hexDigit(bytes[i] & 15));
  }
  putText("\n");
}

function commandProgram(): void {
  const address = nextNumber();
  const bytes = nextHex();
  if (address < 0 || bytes === null) {
    putText("= ?\n");
    return;
  }
  putText("= " + flashProgram(address >>> 0, bytes, 0, bytes.length) + "\n");
}

function runCommand(): void {
  cursor = 1;
  if (nextWordIs(INFO)) commandInfo();
  else if (nextWordIs(GPIO)) commandGpio();
  else if (nextWordIs(READ)) commandRead();
  else if (nextWordIs(PROG)) commandProgram();
  else if (nextWordIs(ERASE)) {
    const address = nextNumber();
    putText("= " + (address < 0 ? -1 : flashErase(address >>> 0)) + "\n");
  } else if (nextWordIs(RESET)) {
    flush();
    reset(ResetReason.Software);
  } else if (nextWordIs(PANIC)) {
    flush();
    throw new Error("test panic");
  } else if (nextWordIs(HANG)) {
    feeding = false;
    putText("= hanging\n");
  } else putText("= ?\n");
}

/** One turn: the device's deviceStep() in miniature. Returns how long the port may wait. */
function step(): i64 {
  if (feeding) watchdogFeed();
  const n = linkRead(input, 0, input.length);
  for (let i = 0; i < n; i++) {
    const b = input[i];
    putByte(b);
    if (b === CHAR_NEWLINE) {
      flush();
      if (lineLength > 0 && line[0] === CHAR_BANG) runCommand();
      lineLength = 0;
    } else if (b !== CHAR_RETURN && lineLength < line.length) {
      line[lineLength] = b;
      lineLength++;
    }
  }
  flush();
  return outEnd > outStart ? 1000000n : 100000000n;
}

putText("monitor " + resetReason() + "\r\n");
posix_board_ready();
for (;;) posix_wait_link(step());
