// `wasmcu reset`: restarts the board's firmware (RAM state lost, flash kept),
// by request over the link: no DTR/RTS toggling.
import { boardOptions, say, withBoard } from "../board.mjs";

export function register(program) {
  boardOptions(program.command("reset").description("restart the board (modules in RAM are lost; installed ones autostart again)")).action((opts) =>
    withBoard(opts, async (ctx) => {
      await ctx.client.reset();
      ctx.result = { reset: true };
      if (!ctx.json) say("the board is restarting");
    }),
  );
}
