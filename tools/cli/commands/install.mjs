// `wasmcu install <module.wasm> [--autostart] [--name N]`: checks the module
// here, then stores it in the board's flash (atomically: whole or not at all).
// With --autostart the board starts it now and at every boot. A module the
// board already holds with the same SHA-256 is not sent again.
import { allowOption, boardOptions, say, withBoard } from "../board.mjs";
import { moduleName, prepareModule, uploadWithProgress } from "../upload.mjs";

async function action(file, opts) {
  const name = moduleName(file, opts.name);
  let module;
  await withBoard(
    opts,
    async (ctx) => {
      const { client } = ctx;
      const autostart = Boolean(opts.autostart);
      const upload = await uploadWithProgress(client, module.bytes, { name, mode: "install", autostart, caps: module.caps }, ctx);
      ctx.result = { name, size: module.bytes.length, caps: module.caps, autostart, upload };
      if (!ctx.json) {
        say(`installed ${name}${autostart ? ", started (and autostarts at boot)" : ` (\`wasmcu start ${name}\` runs it)`}`);
      }
    },
    {
      before: async () => {
        module = await prepareModule(file, opts.allow, { check: opts.check });
      },
    },
  );
}

export function register(program) {
  const command = program
    .command("install")
    .description("store a module in the board's flash (kept across resets); --autostart runs it now and at every boot")
    .argument("<module>", "the .wasm file")
    .option("--name <name>", "the module's name on the board (default: the file's name without .wasm)")
    .option("--no-check", "send the module without checking it here first (to see what the board itself says)")
    .option("--autostart", "start it now and at every boot");
  allowOption(boardOptions(command)).action(action);
}
