// `wasmcu safe`: the way out of a module that makes the board unusable: stops
// every module and clears every autostart flag (docs/protocol.md, SAFE).
import { boardOptions, say, withBoard } from "../board.mjs";

export function register(program) {
  boardOptions(program.command("safe").description("stop every module and clear autostart (when a module makes the board misbehave)")).action((opts) =>
    withBoard(opts, async (ctx) => {
      await ctx.client.safe();
      ctx.result = { safe: true };
      if (!ctx.json) say("safe mode: modules stopped, autostart cleared (install --autostart to set it again)");
    }),
  );
}
