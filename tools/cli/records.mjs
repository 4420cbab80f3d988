// Printing a board's LOG records (run, logs). A module's stdout goes to our
// stdout and its stderr to our stderr, byte for byte; its `log` records and
// the supervisor's words about it go to stderr as lines ("<name>: text",
// "board: text"; `notesToStdout` sends those to stdout, as `logs` does so
// that a redirected history keeps them). With `prefix`, every line says which module it comes from
// (logs without a name: several modules interleave), so output is cut into
// lines per module and stream.

const LOG_STREAM = { Stdout: 1, Stderr: 2, Log: 3, Supervisor: 4 };
const fromUtf8 = new TextDecoder();

export const STREAM_NAMES = { 1: "stdout", 2: "stderr", 3: "log", 4: "supervisor" };

/** A record as JSON: its text decoded (a lossy UTF-8 reading of the bytes). */
export function recordJson(r) {
  return { seq: r.seq, name: r.name, stream: STREAM_NAMES[r.stream] ?? r.stream, text: fromUtf8.decode(r.data) };
}

export class RecordPrinter {
  constructor({ prefix = false, notesToStdout = false, stdout = process.stdout, stderr = process.stderr } = {}) {
    this.prefix = prefix;
    this.notesToStdout = notesToStdout;
    this.stdout = stdout;
    this.stderr = stderr;
    this.partial = new Map(); // "name\0stream" -> the start of a line not yet ended
  }

  print(r) {
    const out = r.stream === LOG_STREAM.Stdout ? this.stdout : this.stderr;
    if (r.stream === LOG_STREAM.Log || r.stream === LOG_STREAM.Supervisor) {
      const notes = this.notesToStdout ? this.stdout : this.stderr;
      const text = fromUtf8.decode(r.data).replace(/\r?\n$/, "");
      if (r.stream === LOG_STREAM.Log) notes.write(`${r.name}: ${text}\n`);
      else notes.write(r.name === "" ? `board: ${text}\n` : `board: ${r.name}: ${text}\n`);
      return;
    }
    if (!this.prefix) {
      out.write(r.data);
      return;
    }
    const key = `${r.name}\0${r.stream}`;
    const lines = ((this.partial.get(key) ?? "") + fromUtf8.decode(r.data)).split("\n");
    this.partial.set(key, lines.pop());
    for (const line of lines) out.write(`${r.name}| ${line}\n`);
  }

  /** Prints what is left of unended lines. */
  flush() {
    for (const [key, rest] of this.partial) {
      if (rest === "") continue;
      const [name, stream] = key.split("\0");
      (Number(stream) === LOG_STREAM.Stdout ? this.stdout : this.stderr).write(`${name}| ${rest}\n`);
    }
    this.partial.clear();
  }
}
