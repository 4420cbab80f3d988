import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// `npm test` runs every test file under tests/ and, once it exists, the
// hardware-in-the-loop suite under hil-tests/ (against the simulator unless
// WASMCU_TARGET says otherwise).
//
// Many tests spawn gcc, compiled programs or Node, so they are CPU-bound child
// processes: one worker per core (vitest's own default is cores - 1, which is a
// single worker on a 2-core CI machine). Tests that compile C are slow on such
// machines, hence the generous timeouts. `--maxWorkers` on the command line
// overrides this.
const workers = Math.max(2, availableParallelism());

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "hil-tests/**/*.test.ts"],
    // the C engine, the native firmware and the examples, built once before the files start
    globalSetup: ["tests/global-setup.ts"],
    exclude: ["**/node_modules/**", "build/**"],
    environment: "node",
    pool: "forks",
    fileParallelism: true,
    maxWorkers: workers,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // Print the slowest files so the suite stays well under ~10 minutes.
    slowTestThreshold: 10_000,
  },
});
