// `wasmcu start <name>`: starts a module installed on the board.
import { boardOptions, say, withBoard } from "../board.mjs";

export function register(program) {
  boardOptions(program.command("start").description("start a module installed on the board").argument("<name>", "the module's name (see `wasmcu ls`)")).action(
    (name, opts) =>
      withBoard(opts, async (ctx) => {
        await ctx.client.start(name);
        ctx.result = { name, started: true };
        if (!ctx.json) say(`started ${name} (\`wasmcu logs ${name} --follow\` shows its output)`);
      }),
  );
}
