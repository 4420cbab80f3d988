// Recorded spec results (tools/spec/expected.json): per backend and script,
// the passed / failed / skipped counts of the last accepted run. A run
// regresses when a script passes fewer, fails more, or has no record; it
// improves when it passes more (then `npm run spec -- --update-expected`).
import { writeFileSync } from "node:fs";

/**
 * Compares one backend's results with its records. `full`: the run covered
 * every script, so a record without a script is reported too.
 * Returns { regressions: string[], notes: Map<name, string> }.
 */
export function compareExpected(records, scripts, results, full) {
  const regressions = [];
  const notes = new Map();
  for (const s of scripts) {
    const r = results.get(s.name);
    const e = records[s.name];
    if (e === undefined) {
      regressions.push(`${s.name}: no record (a new script: run with --update-expected)`);
      notes.set(s.name, "NEW (no record)");
      continue;
    }
    const worse = [];
    if (r.passed < e.passed) worse.push(`passed ${r.passed} < ${e.passed}`);
    if (r.failed > e.failed) worse.push(`failed ${r.failed} > ${e.failed}`);
    if (worse.length) {
      regressions.push(`${s.name}: ${worse.join(", ")}`);
      notes.set(s.name, `REGRESSION (${worse.join(", ")})`);
    } else if (r.passed > e.passed || r.failed < e.failed) {
      notes.set(s.name, `better (recorded ${e.passed} passed, ${e.failed} failed)`);
    }
  }
  if (full) {
    for (const name of Object.keys(records)) {
      if (!scripts.some((s) => s.name === name)) regressions.push(`${name}: recorded but no longer in the testsuite`);
    }
  }
  return { regressions, notes };
}

/** Puts one backend's results into `data` (replacing all its records when the run was full). */
export function mergeExpected(data, backend, scripts, results, full) {
  const old = full ? {} : (data[backend] ?? {});
  for (const s of scripts) {
    const r = results.get(s.name);
    old[s.name] = { passed: r.passed, failed: r.failed, skipped: r.skipped };
  }
  data[backend] = old;
}

/** One line per script, so that a change reads well in a diff. */
export function writeExpected(file, data) {
  const lines = ["{"];
  const backends = Object.keys(data).sort();
  backends.forEach((b, bi) => {
    lines.push(`  ${JSON.stringify(b)}: {`);
    const names = Object.keys(data[b]).sort();
    names.forEach((n, ni) => {
      const r = data[b][n];
      lines.push(`    ${JSON.stringify(n)}: { "passed": ${r.passed}, "failed": ${r.failed}, "skipped": ${r.skipped} }${ni + 1 < names.length ? "," : ""}`);
    });
    lines.push(`  }${bi + 1 < backends.length ? "," : ""}`);
  });
  lines.push("}");
  writeFileSync(file, lines.join("\n") + "\n");
}
