// Following one module's output to its end, without losing any: a board may
// skip a LOG event when its link has no room (docs/protocol.md, "Logs and
// exits"); the record stays in its history. A gap in the events' seq numbers
// is filled from LOGS, and so is the tail between the last event and the
// module's EXIT.
//
//   const follower = new ModuleFollower(client, "blink", (record) => print(record));
//   await follower.start();            // before the module starts: notes where the log is
//   ... upload (onCommitted: () => follower.arm()) or START (onReply) ...
//   const { exit, lost } = await follower.exited;
//
// Only an EXIT read after arm() ends it: one before is that of a module of the
// same name that the upload replaced (arm() must run as the commit's reply is
// read, before the frames after it: BoardClient's onReply / onCommitted).
//
// Records go to onRecord in seq order, each once. `lost` counts records of
// any module that were gone from the board's ring before they could be
// fetched (a history too short for a chatty module).
//
// An EXIT event can be lost too (a garbled frame on a bad link): once armed,
// the follower asks the board's module list every `checkEveryMs` whether the
// module still runs. A module seen ended twice in a row without an EXIT
// event ends the follow as its list entry says (state and last exit code);
// a board that answers none of `MAX_FAILED_CHECKS` checks in a row ends it
// with a BoardTimeout.
import { BoardTimeout } from "./errors.mjs";

/** How often an armed follower checks that its module still runs. */
export const CHECK_EVERY_MS = 2000;
/** Checks in a row without an answer before the board counts as gone. */
const MAX_FAILED_CHECKS = 3;
/** LIST's module states (docs/protocol.md, "LIST"): the ended ones, as EXIT kinds. */
const ENDED = { 2: 0, 3: 1, 4: 2 };

export class ModuleFollower {
  constructor(client, name, onRecord, { checkEveryMs = CHECK_EVERY_MS } = {}) {
    this.client = client;
    this.name = name;
    this.onRecord = onRecord;
    this.checkEveryMs = checkEveryMs;
    this.checkTimer = null;
    this.failedChecks = 0;
    this.seenEnded = false;
    this.checking = false;
    this.finished = false;
    /** the seq after the last record handled (null until start()) */
    this.nextSeq = null;
    this.lost = 0;
    this.queue = Promise.resolve();
    this.exited = new Promise((resolve, reject) => {
      this.resolveExit = resolve;
      this.rejectExit = reject;
    });
    this.exited.catch(() => {}); // a failure before anyone waits for the exit is not unhandled
    this.removers = [];
    this.armed = false;
  }

  /** From now on, an EXIT of this name is the followed module's. */
  arm() {
    this.armed = true;
    this.checkTimer ??= setInterval(() => {
      // one check at a time: on a slow link a check (a LIST and its retries) may outlast the period
      if (this.checking) return;
      this.checking = true;
      this.enqueue(() => this.check().finally(() => (this.checking = false)));
    }, this.checkEveryMs);
  }

  /** Whether the module still runs, by the board's list: ends the follow when its EXIT event was lost. */
  async check() {
    if (this.finished) return;
    let entries;
    try {
      entries = await this.client.list();
      this.failedChecks = 0;
    } catch (e) {
      if (this.client.closedError) throw e;
      if (++this.failedChecks >= MAX_FAILED_CHECKS) throw new BoardTimeout(`the board stopped answering while ${this.name} ran (${e.message})`);
      return;
    }
    if (this.finished) return;
    // the RAM entry of a `run` (an installed module of the same name is listed apart)
    const entry = entries.find((e) => e.name === this.name && !e.persisted) ?? entries.find((e) => e.name === this.name);
    const kind = entry ? ENDED[entry.state] : 2;
    if (kind === undefined) return; // running, or waiting to be restarted
    // the first time, its EXIT event may still be on its way
    if (!this.seenEnded) {
      this.seenEnded = true;
      return;
    }
    const code = entry ? entry.lastExit : 0;
    const why = "its EXIT event was lost on the link; the board's module list says how it ended";
    await this.exit({ type: "EXIT", id: 0, name: this.name, kind, code, message: kind === 1 ? `trap ${code} (${why})` : kind === 2 ? `${entry ? "stopped" : "gone from the board"} (${why})` : "" });
  }

  /** Notes the board's current log position and starts listening. */
  async start() {
    this.removers.push(this.client.on("LOG", (r) => this.enqueue(() => this.event(r))));
    this.removers.push(
      this.client.on("EXIT", (e) => {
        if (e.name === this.name && this.armed) this.enqueue(() => this.exit(e));
      }),
    );
    // a LOGS from beyond the end returns no record, and where the end is
    const reply = await this.client.request("LOGS", { fromSeq: 0xffffffff }, { expect: ["LOGS_OK"] });
    this.enqueue(async () => {
      if (this.nextSeq === null) this.nextSeq = reply.endSeq;
    });
  }

  /** Stops listening (the module goes on running). */
  stop() {
    for (const remove of this.removers.splice(0)) remove();
    if (this.checkTimer !== null) clearInterval(this.checkTimer);
    this.checkTimer = null;
  }

  enqueue(step) {
    this.queue = this.queue.then(step).catch((e) => {
      this.stop();
      this.rejectExit(e);
    });
  }

  handle(r) {
    if (r.name === this.name) this.onRecord(r);
    this.nextSeq = r.seq + 1;
  }

  async event(r) {
    if (this.nextSeq === null) {
      // an event before start()'s reply: it is the first after the position start() asked for
      this.handle(r);
      return;
    }
    if (r.seq < this.nextSeq) return; // had it from the history already
    if (r.seq > this.nextSeq) await this.fill(r.seq);
    this.handle(r);
  }

  /** Handles the records from nextSeq up to (not including) `until`, from the history; until null: all it has. */
  async fill(until) {
    const from = this.nextSeq;
    const { records, nextSeq } = await this.client.logs(from);
    let expected = from;
    for (const h of records) {
      if (until !== null && h.seq >= until) break;
      if (h.seq > expected) this.lost += h.seq - expected;
      this.handle(h);
      expected = h.seq + 1;
    }
    const end = until ?? nextSeq;
    if (end > expected) this.lost += end - expected;
    this.nextSeq = Math.max(this.nextSeq, end);
  }

  async exit(e) {
    if (this.finished) return; // the EXIT event came after all, or the other way round
    this.finished = true;
    // records made before the EXIT whose events were skipped
    if (this.nextSeq !== null) await this.fill(null);
    this.stop();
    this.resolveExit({ exit: e, lost: this.lost });
  }
}
