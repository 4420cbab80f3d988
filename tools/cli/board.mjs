// What every command that talks to a board shares: its options (--port,
// --baud, --json, --timeout, --dtr, --rts), finding and opening the board,
// the handshake, the output (plain text or one JSON document), and one exit
// status per kind of failure (tools/cli/README.md, "Exit status").
import { Option, InvalidArgumentError } from "commander";
import { BoardClient, BoardError, BoardTimeout, ProtocolError } from "../link/client.mjs";
import { findBoard, NoBoardError } from "../link/detect.mjs";
import { DEFAULT_BAUD, PortError, Transport } from "../link/transport.mjs";
import { loadWire } from "../link/wire.mjs";

export const EXIT = {
  OK: 0,
  /** the board refused, or the operation failed */
  FAILED: 1,
  USAGE: 2,
  /** no board found, or its port cannot be opened */
  NO_BOARD: 3,
  /** the board does not answer */
  NO_ANSWER: 4,
  /** the module is invalid: refused here, nothing sent */
  INVALID_MODULE: 65,
  /** run: the module trapped */
  TRAP: 134,
  /** wasmcu itself failed (a bug) */
  INTERNAL: 70,
};

/** A failure with its own exit status and words, raised by the commands (a bad argument, a module refused here). */
export class CommandError extends Error {
  constructor(exit, message, details = {}) {
    super(message);
    this.exit = exit;
    this.details = details;
  }
}

/** The tool's own messages: stderr, "wasmcu: " first. */
export function say(message) {
  process.stderr.write(`wasmcu: ${message}\n`);
}

function positiveInteger(what) {
  return (text) => {
    if (!/^\d+$/.test(text) || Number(text) <= 0) throw new InvalidArgumentError(`${what} must be a positive whole number.`);
    return Number(text);
  };
}

function lineLevel(text) {
  if (/^(1|on|high|true)$/i.test(text)) return true;
  if (/^(0|off|low|false)$/i.test(text)) return false;
  throw new InvalidArgumentError("give 1 (on) or 0 (off).");
}

/** Adds the options every board command takes. */
export function boardOptions(command) {
  return command
    .option("-p, --port <path>", "the board's serial port (default: $WASMCU_PORT, a board found by USB id, or a running simulator)")
    .option("-b, --baud <n>", `the line rate (a USB board ignores it)`, positiveInteger("--baud"), DEFAULT_BAUD)
    .option("--json", "print the result on stdout as one JSON document")
    .option("--timeout <ms>", "how long to wait for each answer of the board", positiveInteger("--timeout"), 2000)
    .addOption(new Option("--dtr <0|1>", "set DTR after opening the port (never touched otherwise; many boards reset on it)").argParser(lineLevel))
    .addOption(new Option("--rts <0|1>", "set RTS after opening the port (never touched otherwise)").argParser(lineLevel));
}

/** --allow CAP, repeatable (run and install). */
export function allowOption(command) {
  return command.option(
    "--allow <cap>",
    "grant a capability: gpio=<pin>[,<pin>...], clock, random, fs; repeatable",
    (cap, list) => [...(list ?? []), cap],
  );
}

/** Writes everything queued on stdout and stderr, then exits with `code` (process.exit alone may cut a pipe's tail). */
export async function exit(code) {
  await Promise.all([process.stdout, process.stderr].map((s) => new Promise((resolve) => s.write("", resolve))));
  process.exit(code);
}

/** The exit status and words of an error thrown while talking to a board. */
export function describeFailure(e) {
  if (e instanceof CommandError) return { exit: e.exit, kind: "command", message: e.message, ...e.details };
  if (e instanceof NoBoardError) return { exit: EXIT.NO_BOARD, kind: "no-board", message: e.message };
  if (e instanceof PortError) return { exit: EXIT.NO_BOARD, kind: "port", message: e.message };
  if (e instanceof BoardTimeout) return { exit: EXIT.NO_ANSWER, kind: "timeout", message: e.message };
  if (e instanceof BoardError) return { exit: EXIT.FAILED, kind: "board", code: e.codeName, message: `the board refused: ${e.message} (${e.codeName})` };
  if (e instanceof ProtocolError) return { exit: EXIT.FAILED, kind: "protocol", message: e.message };
  return { exit: EXIT.INTERNAL, kind: "internal", message: `internal error: ${e?.stack ?? e}` };
}

/**
 * Runs `work(ctx)` (ctx: { client, port, wire, json, result }) against the board and exits:
 * finds and opens the port, shakes hands, closes the port afterwards. work
 * returns the exit status (default 0); with --json it sets `ctx.result` to
 * the JSON document, otherwise it prints what it has to say itself. Failures
 * are printed (and, with --json, printed as {"error": {...}}) by kind.
 * `before(ctx)` runs first, before any board is looked for: checks that need
 * no board (a module refused here) fail without one.
 */
export async function withBoard(opts, work, { before } = {}) {
  const ctx = { client: null, port: null, json: Boolean(opts.json), result: undefined };
  let transport = null;
  let code;
  try {
    if (before) await before(ctx);
    ctx.port = await findBoard({ port: opts.port });
    transport = await Transport.open(ctx.port.path, { baud: opts.baud, dtr: opts.dtr, rts: opts.rts, warn: say });
    const wire = await loadWire();
    ctx.wire = wire;
    ctx.client = new BoardClient(transport, wire, {
      timeoutMs: opts.timeout,
      onBanner: (line) => process.stderr.write(`board: ${line}\n`),
    });
    await ctx.client.hello();
    code = (await work(ctx)) ?? EXIT.OK;
    if (ctx.json && ctx.result !== undefined) process.stdout.write(`${JSON.stringify(ctx.result, jsonBytes, 2)}\n`);
  } catch (e) {
    const failure = describeFailure(e);
    say(failure.message);
    if (ctx.json) process.stdout.write(`${JSON.stringify({ error: failure }, jsonBytes, 2)}\n`);
    code = failure.exit;
  } finally {
    if (transport) await transport.close();
  }
  await exit(code);
}

/** JSON.stringify's replacer: bytes as hex (digests). */
export function jsonBytes(_key, value) {
  return value instanceof Uint8Array ? Buffer.from(value).toString("hex") : value;
}
