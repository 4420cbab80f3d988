// `npm run stc-demo`: the one-source-two-targets demonstration.
// Compiles examples/sts/hello.ts with stc to C, builds it with gcc and runs
// it; runs the same source under Node (esbuild bundle); prints both outputs and
// whether they are the same bytes (exit 1 if not).
import { join } from "node:path";
import { StepError, bundle, gcc, gccStrict, rel, root, runProgram, stcBuild } from "./lib/sts-run.mjs";

const entry = join(root, "examples/sts/hello.ts");
const cFile = join(root, "build/hello.c");
const binary = join(root, "build/hello");
const jsFile = join(root, "build/hello.mjs");

function show(title, r) {
  console.log(`\n== ${title} (${r.ms.toFixed(0)} ms, exit ${r.status})`);
  process.stdout.write(r.stdout.endsWith("\n") || r.stdout === "" ? r.stdout : r.stdout + "\n");
  if (r.stderr) process.stdout.write(`-- stderr:\n${r.stderr}`);
}

// Node first: it needs only esbuild, so it shows the program even while the
// C side cannot build.
await bundle(entry, jsFile);
const node = runProgram(jsFile);

let c;
try {
  stcBuild(entry, cFile);
  gcc(cFile, binary, ["-O2", ...gccStrict]);
  c = runProgram(binary);
} catch (e) {
  if (!(e instanceof StepError)) throw e;
  show(`Node: ${rel(entry)} via esbuild -> ${rel(jsFile)}`, node);
  console.error(`\n== C: ${e.message}`);
  process.exit(1);
}

console.log(`${rel(entry)}, compiled two ways:`);
console.log(`  C:    node tools/stc/bin.mjs build ${rel(entry)} -o ${rel(cFile)} && gcc -std=c99 -O2 -Wall -Wextra -Werror ${rel(cFile)} -o ${rel(binary)} -lm`);
console.log(`  Node: esbuild --bundle ${rel(entry)} --outfile=${rel(jsFile)} && node ${rel(jsFile)}`);
show(`C: ${rel(binary)}`, c);
show(`Node: node ${rel(jsFile)}`, node);

const same = c.stdout === node.stdout && c.status === node.status;
if (same) {
  console.log(`\n== same output: yes (${Buffer.byteLength(c.stdout)} bytes, ${c.stdout.split("\n").length - 1} lines)`);
} else {
  const a = c.stdout.split("\n");
  const b = node.stdout.split("\n");
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  console.log(`\n== same output: NO (exit ${c.status} vs ${node.status}; first difference on line ${i + 1})`);
  console.log(`  C:    ${JSON.stringify(a[i] ?? "<end>")}`);
  console.log(`  Node: ${JSON.stringify(b[i] ?? "<end>")}`);
  process.exit(1);
}
