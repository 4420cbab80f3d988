// `wasmcu info`: what the board is and has (the handshake's DeviceInfo).
import { boardOptions, withBoard } from "../board.mjs";
import { bytes, featureNames, resetReasonName } from "../format.mjs";

async function action(opts) {
  await withBoard(opts, async (ctx) => {
    const { client, port, wire } = ctx;
    const i = await client.info();
    const info = {
      port: port.path,
      foundBy: port.via,
      board: i.board,
      firmware: i.firmware,
      protocol: i.protoVersion,
      features: featureNames(wire, i.features),
      ram: { total: i.ramTotal, free: i.ramFree },
      flash: { total: i.flashTotal, free: i.flashFree },
      upload: { maxChunk: i.maxChunk, window: i.window },
      resetReason: resetReasonName(i.resetReason),
      uptimeMs: i.uptimeMs,
      safeMode: i.safeMode,
      modulesRunning: i.modulesRunning,
    };
    if (ctx.json) {
      ctx.result = info;
      return;
    }
    const rows = [
      ["board", `${info.board} on ${info.port} (${port.what})`],
      ["firmware", `wasmcu ${info.firmware}, protocol ${info.protocol}`],
      ["engine", info.features.length ? `Wasm 2.0 + ${info.features.join(", ")}` : "Wasm 2.0"],
      ["RAM", `${bytes(info.ram.free)} free of ${bytes(info.ram.total)}`],
      ["flash", `${bytes(info.flash.free)} free of ${bytes(info.flash.total)}`],
      ["uploads", `${info.upload.maxChunk}-byte chunks, ${info.upload.window} in flight`],
      ["last reset", `${info.resetReason}, up ${(info.uptimeMs / 1000).toFixed(1)} s`],
      ["safe mode", info.safeMode ? "on (nothing autostarts)" : "off"],
      ["running", `${info.modulesRunning} module${info.modulesRunning === 1 ? "" : "s"}`],
    ];
    for (const [k, v] of rows) process.stdout.write(`${k.padEnd(11)} ${v}\n`);
  });
}

export function register(program) {
  boardOptions(program.command("info").description("show the board: firmware, engine features, free RAM and flash")).action(action);
}
