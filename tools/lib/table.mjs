// A plain-text table for the scripts' reports: columns padded to their widest
// cell, the columns listed in `right` aligned right (numbers), a dashed rule
// under the header.
export function printTable(header, body, right) {
  const all = [header, ...body];
  const w = header.map((_, i) => Math.max(...all.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (right.includes(i) ? String(c).padStart(w[i]) : String(c).padEnd(w[i]))).join("  ").trimEnd();
  console.log(line(header));
  console.log(w.map((n) => "-".repeat(n)).join("  "));
  for (const r of body) console.log(line(r));
}
