// `wasmcu run <module.wasm> [args...]`: checks the module here, uploads it
// with mode run (RAM only, nothing persists), and streams its output until it
// ends: its stdout to our stdout untouched, its stderr to our stderr; exits
// with its exit code, 134 after a trap. Ctrl-C stops it on the board.
// `--detach` returns once it started.
import { allowOption, boardOptions, EXIT, say, withBoard } from "../board.mjs";
import { recordJson, RecordPrinter } from "../records.mjs";
import { moduleName, prepareModule, uploadWithProgress } from "../upload.mjs";
import { ModuleFollower } from "../../link/follow.mjs";

const EXIT_KIND = { 0: "exited", 1: "trapped", 2: "stopped", 3: "refused" };
/** 128 + SIGINT, as a shell reports a program ended by Ctrl-C. */
const EXIT_INTERRUPTED = 130;

async function action(file, args, opts) {
  const name = moduleName(file, opts.name);
  let module;
  await withBoard(
    opts,
    async (ctx) => {
      const { client } = ctx;
      const printer = new RecordPrinter();
      const output = [];
      // listen before uploading: a short module may be done before the commit's OK arrives
      const follower = new ModuleFollower(client, name, (r) => (ctx.json ? output.push(recordJson(r)) : printer.print(r)));
      await follower.start();

      const upload = await uploadWithProgress(client, module.bytes, { name, mode: "run", caps: module.caps, args, onCommitted: () => follower.arm() }, ctx);
      if (opts.detach) {
        follower.stop();
        ctx.result = { name, started: true, upload };
        if (!ctx.json) say(`${name} is running on the board (\`wasmcu logs ${name} --follow\` shows its output, \`wasmcu stop ${name}\` stops it)`);
        return EXIT.OK;
      }

      let interrupted = false;
      const onInterrupt = () => {
        if (interrupted) process.exit(EXIT_INTERRUPTED); // a second Ctrl-C: leave at once
        interrupted = true;
        say(`stopping ${name} on the board (Ctrl-C again to leave without waiting)`);
        client.stop(name).catch((e) => say(`could not stop ${name}: ${e.message}`));
      };
      process.on("SIGINT", onInterrupt);
      const { exit: end, lost } = await Promise.race([follower.exited, client.closed.then((e) => Promise.reject(e))]).finally(() =>
        process.off("SIGINT", onInterrupt),
      );
      printer.flush();
      if (lost > 0) say(`${lost} log record${lost === 1 ? " was" : "s were"} gone from the board's log before they could be shown`);

      const kind = EXIT_KIND[end.kind] ?? `kind ${end.kind}`;
      ctx.result = { name, upload, exit: { kind, code: end.code, message: end.message }, output };
      switch (kind) {
        case "exited":
          return end.code;
        case "trapped":
          say(`trap: ${end.message}`);
          return EXIT.TRAP;
        case "stopped":
          if (interrupted) return EXIT_INTERRUPTED;
          say(`${name} was stopped on the board${end.message ? `: ${end.message}` : ""}`);
          return EXIT.FAILED;
        default:
          say(`the board refused to start ${name}: ${end.message}`);
          return EXIT.FAILED;
      }
    },
    {
      // before the board is even looked for: an invalid module never needs one
      before: async () => {
        module = await prepareModule(file, opts.allow, { check: opts.check });
      },
    },
  );
}

export function register(program) {
  const command = program
    .command("run")
    .description("run a module on the board from RAM (nothing is kept) and show its output until it ends")
    .argument("<module>", "the .wasm file")
    .argument("[args...]", "the module's arguments (its argv[0] is its name)")
    .option("--name <name>", "the module's name on the board (default: the file's name without .wasm)")
    .option("--no-check", "send the module without checking it here first (to see what the board itself says)")
    .option("--detach", "return once the module started (see its output with `wasmcu logs NAME --follow`)");
  allowOption(boardOptions(command))
    // everything after <module> is the module's, options included
    .passThroughOptions()
    .addHelpText(
      "after",
      `
exit status: the module's exit code; 134 when it trapped; 130 when Ctrl-C
stopped it; 65 when it is invalid (checked here, nothing sent); 1 when the
board refused it; 2 usage; 3 no board; 4 the board does not answer.`,
    )
    .action(action);
}
