// The repository type-checks as strict TypeScript, and core/ is Static TypeScript.
import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

function run(cmd: string, args: string[]): { code: number; out: string } {
  const r = spawnSync(cmd, args, { cwd: root, encoding: "utf8" });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

describe("type checks", () => {
  it("tsc --noEmit passes on the whole repository", () => {
    const r = run(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json", "--noEmit"]);
    expect(r.out.replace(/^npm warn.*\n/gm, "")).toBe("");
    expect(r.code).toBe(0);
  });

  it("the tools and core/ have no unused locals or parameters", () => {
    // (the STS test programs may: unused values are legal STS and some tests are about them)
    const r = run(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json", "--noEmit", "--noUnusedLocals", "--noUnusedParameters"]);
    const ours = r.out.split("\n").filter((l) => /^(tools|core)\//.test(l));
    expect(ours).toEqual([]);
  });

  it("every file in core/ passes stc check", () => {
    const files = readdirSync(path.join(root, "core"), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts"))
      .map((f) => path.join("core", f));
    expect(files.length).toBeGreaterThan(0);
    const r = run(process.execPath, ["tools/stc/bin.mjs", "check", ...files]);
    expect(r.out).toContain("OK");
    expect(r.code).toBe(0);
  });
});
