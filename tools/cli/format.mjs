// Words and numbers for people: sizes, the board's enums by name.

/** 1536 -> "1.5 KiB". */
export function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** The engine features a DeviceInfo.features word says, by name. */
export function featureNames(wire, bits) {
  const names = { TailCall: "tail-call", ExtendedConst: "extended-const", CustomPageSizes: "custom-page-sizes", Wasi: "wasi" };
  return Object.entries(names)
    .filter(([key]) => bits & wire.EngineFeature[key])
    .map(([, name]) => name);
}

const RESET_REASONS = ["power-on", "software", "watchdog", "panic"];

/** core/hal.ts ResetReason by name. */
export function resetReasonName(reason) {
  return RESET_REASONS[reason] ?? `reason ${reason}`;
}

const MODULE_STATES = ["stored", "running", "exited", "trapped", "stopped", "backoff"];

/** core/protocol ModuleState by name. */
export function moduleStateName(state) {
  return MODULE_STATES[state] ?? `state ${state}`;
}
