// `wasmcu rm <name>`: removes a module from the board (stopping it first if it runs).
import { boardOptions, say, withBoard } from "../board.mjs";

export function register(program) {
  boardOptions(program.command("rm").description("remove a module from the board (it is stopped first)").argument("<name>", "the module's name (see `wasmcu ls`)")).action(
    (name, opts) =>
      withBoard(opts, async (ctx) => {
        await ctx.client.remove(name);
        ctx.result = { name, removed: true };
        if (!ctx.json) say(`removed ${name}`);
      }),
  );
}
