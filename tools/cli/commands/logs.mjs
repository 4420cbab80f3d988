// `wasmcu logs [name] [--follow]`: the output the board still holds in its log
// ring (of one module, or of all, each line prefixed with its module's name);
// --follow then goes on printing new records as they come, until Ctrl-C.
// --json: one document {records, nextSeq}; with --follow, one JSON line per
// record (and per EXIT event) instead.
import { boardOptions, say, withBoard } from "../board.mjs";
import { recordJson, RecordPrinter } from "../records.mjs";

const EXIT_KIND = { 0: "exited", 1: "trapped", 2: "stopped", 3: "refused" };

function describeExit(e) {
  switch (EXIT_KIND[e.kind]) {
    case "exited":
      return `${e.name} exited with code ${e.code}`;
    case "trapped":
      return `${e.name} trapped: ${e.message}`;
    case "stopped":
      return `${e.name} was stopped`;
    default:
      return `${e.name} was refused: ${e.message}`;
  }
}

async function action(name, opts) {
  await withBoard(opts, async (ctx) => {
    const { client } = ctx;
    const printer = new RecordPrinter({ prefix: name === undefined, notesToStdout: true });
    const mine = (r) => name === undefined || r.name === name;
    const jsonLine = (doc) => process.stdout.write(`${JSON.stringify(doc)}\n`);

    // while following, records made during the history's transfer arrive as
    // events too: keep them, and print those the history did not have
    const live = [];
    let historyDone = false;
    let seen = -1;
    const show = (r) => {
      if (r.seq <= seen || !mine(r)) return;
      seen = r.seq;
      if (ctx.json) jsonLine({ event: "log", ...recordJson(r) });
      else printer.print(r);
    };
    // Ctrl-C from now on ends the command normally (exit 0), even during the history
    const interrupted = opts.follow ? new Promise((resolve) => process.once("SIGINT", resolve)) : null;
    if (opts.follow) {
      client.on("LOG", (r) => (historyDone ? show(r) : live.push(r)));
      client.on("EXIT", (e) => {
        if (!historyDone || (name !== undefined && e.name !== name)) return;
        printer.flush();
        if (ctx.json) jsonLine({ event: "exit", name: e.name, kind: EXIT_KIND[e.kind] ?? e.kind, code: e.code, message: e.message });
        else say(describeExit(e));
      });
    }

    const history = await client.logs(0);
    const records = history.records.filter(mine);
    if (!opts.follow) {
      if (ctx.json) ctx.result = { records: records.map(recordJson), nextSeq: history.nextSeq };
      else {
        for (const r of records) printer.print(r);
        printer.flush();
      }
      return;
    }
    for (const r of records) show(r);
    seen = Math.max(seen, history.nextSeq - 1);
    historyDone = true;
    for (const r of live.splice(0)) show(r);

    // until Ctrl-C (or the board goes away)
    const gone = client.closed.then((e) => Promise.reject(e));
    await Promise.race([interrupted, gone]);
    printer.flush();
  });
}

export function register(program) {
  boardOptions(
    program
      .command("logs")
      .description("show the output modules left in the board's log (all modules, or one)")
      .argument("[name]", "only this module's records")
      .option("-f, --follow", "then keep printing new records until Ctrl-C"),
  ).action(action);
}
