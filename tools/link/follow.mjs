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
export class ModuleFollower {
  constructor(client, name, onRecord) {
    this.client = client;
    this.name = name;
    this.onRecord = onRecord;
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
    // records made before the EXIT whose events were skipped
    if (this.nextSeq !== null) await this.fill(null);
    this.stop();
    this.resolveExit({ exit: e, lost: this.lost });
  }
}
