// Runs `wasmcu` (tools/cli/bin.mjs) in a child process without blocking this
// one, where a scripted board or a simulator may live.
import { spawn } from "node:child_process";
import { join } from "node:path";

export const root = join(import.meta.dirname, "../..");

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `wasmcu <command> --port <port> --timeout <ms> <rest...>`: the port and
 * timeout go right after the command, since options after a module belong to
 * the module. port null: args as they are. WASMCU_PORT is emptied, so that
 * nothing but --port finds a board. interruptWhen: send SIGINT (Ctrl-C) once
 * the output so far makes it return true.
 */
export function wasmcu(args: string[], port: string | null, { timeoutMs = 2000, interruptWhen }: { timeoutMs?: number; interruptWhen?: (run: CliRun) => boolean } = {}): Promise<CliRun> {
  const [command, ...rest] = args;
  const all = port === null ? args : [command, "--port", port, "--timeout", String(timeoutMs), ...rest];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, "tools/cli/bin.mjs"), ...all], { cwd: root, env: { ...process.env, WASMCU_PORT: "" } });
    let stdout = "";
    let stderr = "";
    let interrupted = false;
    // Ctrl-C, once what has been printed so far satisfies interruptWhen
    const check = () => {
      if (interruptWhen && !interrupted && interruptWhen({ status: null, stdout, stderr })) {
        interrupted = true;
        child.kill("SIGINT");
      }
    };
    child.stdout.on("data", (d) => {
      stdout += d;
      check();
    });
    child.stderr.on("data", (d) => {
      stderr += d;
      check();
    });
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
