// What the soak's two halves share: a conversation with a board (transport,
// wire, client, as tools/cli/board.mjs opens one, but in-process), the board's
// modules as comparable state, and what the processes hold (RSS, descriptors,
// the host's handles and timers).
import { readdirSync, readFileSync } from "node:fs";
import { BoardClient } from "../link/client.mjs";
import { Transport } from "../link/transport.mjs";
import { loadWire } from "../link/wire.mjs";

/** A request to a board that is mounting a torn store may wait for its erases: a second is 22 of them. */
export const SOAK_TIMEOUT_MS = 5000;

/**
 * Opens the board at `path` and shakes hands: { client, transport, hello,
 * close(), abandon() }. Neither close() nor abandon() throws; abandon() is
 * for a board that is dead already (it does not wait for bytes to leave).
 */
export async function openSession(path, { timeoutMs = SOAK_TIMEOUT_MS } = {}) {
  const transport = await Transport.open(path, { baud: 115200 });
  const wire = await loadWire();
  const client = new BoardClient(transport, wire, { timeoutMs });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await transport.close().catch(() => {});
  };
  // after a kill: the port's other end is gone, so no drain (Transport.close would wait 2 s for it)
  const abandon = async () => {
    if (closed) return;
    closed = true;
    await new Promise((resolve) => transport.port.close(() => resolve()));
    await transport.close().catch(() => {});
  };
  try {
    const hello = await client.hello();
    return { client, transport, hello, close, abandon };
  } catch (e) {
    await close();
    throw e;
  }
}

const hex = (bytes) => Buffer.from(bytes).toString("hex");

/**
 * What the store holds, as the board lists it: [{name, size, sha256, autostart}]
 * sorted by name (the list's own order is flash order, which a replace changes).
 */
export function storeState(entries) {
  return entries
    .filter((e) => e.persisted)
    .map((e) => ({ name: e.name, size: e.size, sha256: hex(e.sha256), autostart: Boolean(e.autostart) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function sameState(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function describeState(state) {
  if (state.length === 0) return "(empty)";
  return state.map((m) => `${m.name} ${m.size} B ${m.sha256.slice(0, 8)}${m.autostart ? " autostart" : ""}`).join(", ");
}

/** The flash an entry of `size` bytes takes in the store: whole 4 KB blocks for its 1 KB header and bytes (store-layout.ts). */
export function extentBytes(size, blockSize = 4096) {
  return Math.ceil((1024 + size) / blockSize) * blockSize;
}

/**
 * Resolves with the first EXIT event for module `name` from now on
 * ({kind, code, message}); rejects after timeoutMs.
 */
export function nextExit(client, name, timeoutMs = SOAK_TIMEOUT_MS) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no EXIT of ${name} within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = client.on("EXIT", (e) => {
      if (e.name !== name) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

/** Starts installed module `name` and waits for it to end; rejects unless it exits with status 0. */
export async function startAndExit(client, name) {
  const exited = nextExit(client, name);
  exited.catch(() => {});
  await client.start(name);
  const e = await exited;
  if (e.kind !== 0 || e.code !== 0) throw new Error(`${name} ended with kind ${e.kind}, code ${e.code}${e.message ? `: ${e.message}` : ""}, not exit 0`);
}

/** A process's resident memory (kB) and open descriptors, from /proc. */
export function processFigures(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return { rssKb: rss, fds: readdirSync(`/proc/${pid}/fd`).length };
}

/** This process's open descriptors and its handles and timers by kind (process.getActiveResourcesInfo). */
export function hostFigures() {
  const resources = {};
  for (const kind of process.getActiveResourcesInfo()) resources[kind] = (resources[kind] ?? 0) + 1;
  return { fds: readdirSync("/proc/self/fd").length, resources };
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
