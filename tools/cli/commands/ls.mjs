// `wasmcu ls`: the modules the board holds, installed or running.
import { boardOptions, withBoard } from "../board.mjs";
import { moduleStateName } from "../format.mjs";

export function register(program) {
  boardOptions(program.command("ls").description("list the modules on the board")).action((opts) =>
    withBoard(opts, async (ctx) => {
      const entries = (await ctx.client.list()).map((e) => ({
        name: e.name,
        size: e.size,
        state: moduleStateName(e.state),
        autostart: e.autostart,
        installed: e.persisted,
        lastExit: e.lastExit,
        caps: e.caps,
        sha256: Buffer.from(e.sha256).toString("hex"),
      }));
      if (ctx.json) {
        ctx.result = { modules: entries };
        return;
      }
      if (entries.length === 0) {
        process.stdout.write("no modules on the board (`wasmcu install FILE.wasm` stores one)\n");
        return;
      }
      const rows = [
        ["NAME", "SIZE", "STATE", "AUTOSTART", "WHERE", "LAST EXIT", "SHA-256", "CAPABILITIES"],
        ...entries.map((e) => [e.name, String(e.size), e.state, e.autostart ? "yes" : "no", e.installed ? "flash" : "RAM", String(e.lastExit), e.sha256.slice(0, 12), e.caps || "-"]),
      ];
      const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
      for (const r of rows) process.stdout.write(`${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("  ")}\n`);
    }),
  );
}
