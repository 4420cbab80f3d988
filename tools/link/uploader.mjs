// Uploads over a link that loses, damages and delays bytes (docs/protocol.md,
// "Upload"): what BoardClient.upload runs. Nothing here waits without a
// timeout, and nothing is tried without a bound:
//
//   - chunks: go-back-N within the board's window. A chunk lost (an ACK that
//     stops short, UploadOutOfOrder, silence, or silence for a moment after
//     the board reported a corrupt frame) sends again from the last
//     acknowledged byte, and halves the chunk size: on a noisy line shorter
//     chunks get through more often; a run of clean ACKs doubles it again, up
//     to the board's chunk size.
//   - resume: when the board stops acknowledging (or says it has no upload),
//     UPLOAD_BEGIN is sent again; the board answers with how far it got
//     (resumeOffset) and the upload goes on from there, up to `attempts` times.
//   - commit: UPLOAD_COMMIT is not safe to repeat blindly, so a missing reply
//     is first told apart from a slow one: a PING sent after it comes back
//     only after the board has served the commit (it serves in order). If the
//     PONG comes and the commit's reply did not, the commit or its reply was
//     lost: it is sent again; an answer NoUpload to that second one means the
//     first was served, and the board's module list says whether it stored
//     (or started) the module, or dropped it (then the upload begins again).
import { createHash } from "node:crypto";
import { BoardError, BoardTimeout, ProtocolError } from "./errors.mjs";

/** UPLOAD_COMMIT may validate a module and write flash: docs/protocol.md gives it 30 s. */
export const COMMIT_TIMEOUT_MS = 30000;
/** How many times one upload begins (the first time included) before it gives up. */
export const UPLOAD_ATTEMPTS = 5;
/** Chunks never shrink below this many bytes. */
const MIN_CHUNK = 64;
/** Clean ACKs in a row that double the chunk size again. */
const GROW_AFTER = 8;
/** After the board reports a corrupt frame, how long the chunks in flight have to answer before the host goes back. */
const HINT_GRACE_MS = 300;
/** Go-backs in a row without a new byte acknowledged before the board counts as stuck. */
const MAX_FRUITLESS_GO_BACKS = 24;

/** The board stopped taking the upload (silence, or go-backs without progress): a new UPLOAD_BEGIN resumes it. */
export class UploadStalled extends BoardTimeout {
  constructor(message, acked) {
    super(message);
    this.acked = acked;
  }
}

/** The board no longer has the upload (it reset, or another request took its slot): a new UPLOAD_BEGIN starts it again. */
class UploadLost extends Error {}

/**
 * Uploads `bytes` through `client` (see BoardClient.upload for the options).
 * Resolves with { skipped, resumedFrom (where the board had it at the first
 * UPLOAD_BEGIN), bytes, seconds, retransmits (chunks sent again), resumes
 * (UPLOAD_BEGINs after the first), commitResends, requestsResent (requests
 * sent again after a timeout), hintedGoBacks (go-backs on a BadFrame hint, before
 * any timeout), sentBytes (chunk data sent, resends
 * included), smallestChunk, sha256 (hex, of the module's bytes: what the
 * board checked them against) }.
 */
export async function uploadModule(client, bytes, { name, mode = "run", autostart = false, caps = "", args = [], onCommitted = () => {}, attempts = UPLOAD_ATTEMPTS }, onProgress = () => {}) {
  const started = performance.now();
  const sha256 = new Uint8Array(createHash("sha256").update(bytes).digest());
  const total = bytes.length;
  const result = { skipped: false, resumedFrom: 0, bytes: total, seconds: 0, retransmits: 0, resumes: 0, commitResends: 0, requestsResent: 0, hintedGoBacks: 0, sentBytes: 0, smallestChunk: 0, sha256: Buffer.from(sha256).toString("hex") };
  const resentBefore = client.resent;
  const begin = { mode: mode === "install" ? 1 : 0, autostart: autostart ? 1 : 0, name, size: total, sha256, caps, args };
  const done = () => {
    result.seconds = (performance.now() - started) / 1000;
    result.requestsResent = client.resent - resentBefore;
    return result;
  };
  let committed = false;
  const onCommit = () => {
    if (committed) return;
    committed = true;
    onCommitted();
  };
  let why = null;
  let acked = 0;
  let refusedOnce = false;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) result.resumes++;
    let ready;
    try {
      ready = await client.request("UPLOAD_BEGIN", begin, { expect: ["UPLOAD_READY", "UPLOAD_SKIPPED"] });
    } catch (e) {
      if (attempt === 1 || !(e instanceof BoardTimeout) || client.closedError) throw e;
      throw new BoardTimeout(
        `${why}, and then the board stopped answering (${e.message.replace(/^the board does not answer \((.*)\).*$/, "$1")}). ` +
          `It keeps ${acked === null ? "the bytes it has" : `the ${acked} bytes it has`}: once it answers again, the same command goes on from there`,
      );
    }
    if (ready.type === "UPLOAD_SKIPPED") {
      onProgress(total, total);
      await commitSkipped(client, name, mode === "run" || autostart, onCommit, result);
      result.skipped = result.sentBytes === 0;
      return done();
    }
    const { resumeOffset, chunkSize, window } = ready;
    if (!(chunkSize > 0) || !(window > 0) || resumeOffset > total) {
      throw new ProtocolError(`the board offered an upload it cannot take (chunk ${chunkSize}, window ${window}, resume at ${resumeOffset} of ${total})`);
    }
    if (attempt === 1) result.resumedFrom = resumeOffset;
    acked = resumeOffset;
    onProgress(resumeOffset, total);
    try {
      acked = await sendChunks(client, bytes, resumeOffset, chunkSize, window, onProgress, result);
    } catch (e) {
      if (client.closedError) throw client.closedError;
      if (!(e instanceof UploadStalled || e instanceof UploadLost)) throw e;
      // a board that lost the upload (it reset) has nothing of it
      acked = e instanceof UploadStalled ? e.acked : 0;
      why = e.message;
      continue;
    }
    const outcome = await commitUpload(client, { name, mode, sha256, size: total }, onCommit, result, !refusedOnce);
    if (outcome === "done") return done();
    if (outcome.refused) refusedOnce = true;
    why = outcome.why;
    acked = null; // dropped at its commit, or not known
  }
  const again = result.retransmits > 0 ? `, ${result.retransmits} chunks sent again` : "";
  const garbled = client.corruptCount > 0 ? `, ${client.corruptCount} garbled frames received` : "";
  const kept = acked === null ? "the bytes it has" : `the ${acked} bytes it has`;
  throw new BoardTimeout(
    `${why} (${attempts} attempts${again}${garbled}): the link loses too much. The board keeps ${kept}: ` +
      `the same command again goes on from there; check the cable (or use a lower --baud)`,
  );
}

/**
 * Sends bytes[from..] in UPLOAD_CHUNKs, at most `window` chunks beyond the
 * last acknowledged byte. Returns how far the board has the module (all of
 * it); throws UploadStalled when the board stops answering, UploadLost when it
 * says it has no upload, BoardError on any other refusal.
 */
async function sendChunks(client, bytes, from, chunkSize, window, onProgress, result) {
  const total = bytes.length;
  let acked = from; // the board has bytes[0..acked)
  let next = from; // the next chunk to send starts here
  let highestSent = from; // chunks that start below this are sent again
  let epoch = 0; // bumped at each go-back: older chunks' answers say nothing new about gaps
  let size = chunkSize;
  let cleanAcks = 0;
  let silentRounds = 0;
  let fruitless = 0;
  const chunks = new Map(); // id -> { end, epoch }
  const answers = [];
  let wake = null;
  // the board said a frame arrived corrupt (ERROR BadFrame, id 0), likely one of our chunks: unless
  // answers come by this time (more hints do not move it), the host goes back
  let hintDeadline = 0;
  const hintGraceMs = Math.min(HINT_GRACE_MS, client.timeoutMs / 4);
  const untap = client.tapFrames((message) => {
    if (message.id === 0 && message.type === "ERROR" && message.codeName === "BadFrame") {
      if (hintDeadline === 0) hintDeadline = performance.now() + hintGraceMs;
      if (wake) wake();
      return false;
    }
    if (!chunks.has(message.id) || (message.type !== "UPLOAD_ACK" && message.type !== "ERROR")) return false;
    answers.push(message);
    if (wake) wake();
    return true;
  });
  const goBack = () => {
    size = Math.max(MIN_CHUNK, size >> 1);
    cleanAcks = 0;
    next = acked;
    epoch++;
    fruitless++;
    if (fruitless > MAX_FRUITLESS_GO_BACKS) {
      throw new UploadStalled(`the board keeps losing the upload's chunks at byte ${acked} of ${total}`, acked);
    }
  };
  result.smallestChunk = result.smallestChunk === 0 ? chunkSize : Math.min(result.smallestChunk, chunkSize);
  try {
    while (acked < total) {
      while (next < total && next - acked < window * size) {
        const end = Math.min(next + size, total);
        const id = client.allocateId();
        chunks.set(id, { end, epoch });
        if (next < highestSent) result.retransmits++;
        result.sentBytes += end - next;
        result.smallestChunk = Math.min(result.smallestChunk, end - next);
        await client.send("UPLOAD_CHUNK", id, { offset: next, data: bytes.subarray(next, end) });
        highestSent = Math.max(highestSent, end);
        next = end;
      }
      if (answers.length === 0) {
        // after a BadFrame hint, a short wait: the chunks after a lost one answer at once (showing the gap), so
        // silence means the lost chunk was the last one sent
        const hintedWait = hintDeadline !== 0;
        let timer;
        const arrived = await new Promise((resolve) => {
          wake = () => resolve(true);
          timer = setTimeout(() => resolve(false), hintedWait ? Math.max(0, hintDeadline - performance.now()) : client.timeoutMs);
        });
        clearTimeout(timer);
        wake = null;
        if (client.closedError) throw client.closedError;
        if (arrived && answers.length === 0) continue; // a hint: wait until its deadline
        if (!arrived && hintedWait) {
          hintDeadline = 0;
          result.hintedGoBacks++;
          goBack();
          continue;
        }
        if (!arrived) {
          silentRounds++;
          if (silentRounds > client.retries) throw new UploadStalled(`the board stopped acknowledging the upload at byte ${acked} of ${total}`, acked);
          goBack();
          continue;
        }
      }
      hintDeadline = 0;
      const answer = answers.shift();
      const chunk = chunks.get(answer.id);
      chunks.delete(answer.id);
      if (answer.type === "ERROR") {
        if (answer.codeName === "NoUpload") throw new UploadLost(`the board dropped the upload at byte ${acked} of ${total} (${answer.message})`);
        if (answer.codeName !== "UploadOutOfOrder") throw new BoardError(answer.code, answer.codeName, answer.message);
        if (chunk.epoch === epoch) goBack();
        continue;
      }
      silentRounds = 0;
      if (answer.nextOffset > acked) {
        acked = Math.min(answer.nextOffset, total);
        fruitless = 0;
        if (next < acked) next = acked; // a late ACK from before a go-back
        onProgress(acked, total);
      }
      if (chunk.epoch !== epoch) continue;
      if (answer.nextOffset < chunk.end) {
        // the board is missing data before this chunk's end: a chunk was lost
        goBack();
      } else if (++cleanAcks >= GROW_AFTER && size < chunkSize) {
        size = Math.min(chunkSize, size * 2);
        cleanAcks = 0;
      }
    }
  } finally {
    untap();
  }
  return acked;
}

/**
 * Sends UPLOAD_COMMIT (request id `id`) and waits for its reply, telling a
 * lost commit from a slow one with PINGs (see the file header). Resolves with
 * the reply, or null when the board served everything sent after the commit
 * without answering it (the commit or its reply was lost).
 */
async function commitOnce(client, id, onCommitted) {
  const pings = new Set();
  let reply = null;
  let ponged = false;
  let wake = null;
  const untap = client.tapFrames((message) => {
    if (message.id === id) {
      // at once, before the frames after it (run: the follower arms on the OK)
      if (message.type === "OK") onCommitted();
      reply = message;
    } else if (pings.has(message.id)) ponged = true;
    else return false;
    if (wake) wake();
    return true;
  });
  const limitMs = Math.max(client.commitTimeoutMs ?? COMMIT_TIMEOUT_MS, client.timeoutMs);
  const deadline = performance.now() + limitMs;
  try {
    await client.send("UPLOAD_COMMIT", id, {});
    while (reply === null && !ponged) {
      let timer;
      await new Promise((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, client.timeoutMs);
      });
      clearTimeout(timer);
      wake = null;
      if (reply !== null || ponged) break;
      if (client.closedError) throw client.closedError;
      if (performance.now() > deadline) {
        throw new BoardTimeout(`the board does not answer UPLOAD_COMMIT (no reply in ${(limitMs / 1000).toFixed(0)} s)`);
      }
      // the board serves requests in order: a PONG means it is done with the commit
      const ping = client.allocateId();
      pings.add(ping);
      await client.send("PING", ping, {});
    }
  } finally {
    untap();
  }
  return reply;
}

/**
 * UPLOAD_COMMIT, sent again when it or its reply is lost; resolves with
 * { reply, resent }, reply null when every answer was lost.
 */
async function commitWithResends(client, onCommitted, result) {
  const id = client.allocateId();
  for (let send = 1; send <= 1 + client.retries; send++) {
    const reply = await commitOnce(client, id, onCommitted);
    if (reply !== null) return { reply, resent: send > 1 };
    result.commitResends++;
  }
  return { reply: null, resent: true };
}

/**
 * Commits a full upload. Resolves "done", or { why, refused } when the upload
 * must begin again (the board dropped it); throws the board's refusal.
 * `mayRefuse`: a HashMismatch begins again (once: a second one is the board's
 * answer, not the link's).
 */
async function commitUpload(client, { name, mode, sha256, size }, onCommitted, result, mayRefuse) {
  const { reply, resent } = await commitWithResends(client, onCommitted, result);
  if (reply?.type === "OK") return "done";
  if (reply !== null && reply.type !== "ERROR") throw new ProtocolError(`the board answered UPLOAD_COMMIT with ${reply.type} (expected OK)`);
  if (reply !== null && !(resent && reply.codeName === "NoUpload")) {
    // bytes that reached the board but not as sent (a CRC-32 that missed): refused, and the upload begins again
    if (reply.codeName === "HashMismatch" && mayRefuse) return { why: `the board refused the upload's bytes (${reply.message})`, refused: true };
    throw new BoardError(reply.code, reply.codeName, reply.message);
  }
  // a commit was served and its answer lost (or every answer was): what does the board hold now?
  // a long reply on a link that loses whole frames: more tries than a plain request gets
  const entries = await client.list({ retries: 3 * client.retries + 2 });
  const hex = Buffer.from(sha256).toString("hex");
  const stored =
    mode === "install"
      ? entries.some((e) => e.name === name && e.persisted && e.size === size && Buffer.from(e.sha256).toString("hex") === hex)
      : entries.some((e) => e.name === name && !e.persisted);
  if (!stored) {
    const why = reply === null ? `no answer to UPLOAD_COMMIT arrived in ${1 + client.retries} tries` : "the board dropped the upload at its commit (the answer was lost)";
    return { why, refused: false };
  }
  onCommitted();
  return "done";
}

/**
 * After UPLOAD_SKIPPED the host commits all the same: the commit applies the
 * new caps, args and autostart and starts the module when it should run
 * (docs/protocol.md, "Skip if same"). A board that took those at
 * UPLOAD_BEGIN and has nothing to commit answers NoUpload (so does a board
 * whose first commit was served and answered on a lost frame): then the
 * module is started here when it should run (Busy: it runs already).
 */
export async function commitSkipped(client, name, shouldRun, onCommitted, result = { commitResends: 0 }) {
  const { reply } = await commitWithResends(client, onCommitted, result);
  if (reply === null) {
    throw new BoardTimeout(`no answer to UPLOAD_COMMIT arrived in ${1 + client.retries} tries (the board holds ${name} already: \`wasmcu ls\` shows whether it took the new settings; the same command again applies them)`);
  }
  if (reply.type === "OK") return;
  if (reply.type !== "ERROR") throw new ProtocolError(`the board answered UPLOAD_COMMIT with ${reply.type} (expected OK)`);
  if (reply.codeName !== "NoUpload") throw new BoardError(reply.code, reply.codeName, reply.message);
  if (!shouldRun) return onCommitted();
  await client.request("START", { name }, { expect: ["OK"], onReply: onCommitted }).catch((x) => {
    if (!(x instanceof BoardError && x.codeName === "Busy")) throw x;
    onCommitted();
  });
}
