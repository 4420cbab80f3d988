// `wasmcu stop <name>`: stops a running module (an installed one stays installed).
import { boardOptions, say, withBoard } from "../board.mjs";

export function register(program) {
  boardOptions(program.command("stop").description("stop a module running on the board").argument("<name>", "the module's name (see `wasmcu ls`)")).action(
    (name, opts) =>
      withBoard(opts, async (ctx) => {
        await ctx.client.stop(name);
        ctx.result = { name, stopped: true };
        if (!ctx.json) say(`stopped ${name}`);
      }),
  );
}
