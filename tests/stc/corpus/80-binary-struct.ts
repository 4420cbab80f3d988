// Parsing a binary format with DataView: a WebAssembly-like header, sections with LEB128 sizes, little-endian fields.
import type { i32, u32, u8 } from "../../../core/types";
import { hex32 } from "./lib/hex";

interface Section {
  id: u8;
  offset: i32;
  size: u32;
}

class Parser {
  view: DataView;
  pos: i32 = 0;
  constructor(view: DataView) {
    this.view = view;
  }
  u8(): u8 {
    const b = this.view.getUint8(this.pos);
    this.pos++;
    return b;
  }
  u32le(): u32 {
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }
  leb(): u32 {
    let result: u32 = 0;
    let shift: i32 = 0;
    while (true) {
      const b = this.u8();
      result = (result | ((b & 0x7f) << shift)) >>> 0;
      if ((b & 0x80) === 0) {
        return result;
      }
      shift += 7;
    }
  }
  atEnd(): boolean {
    return this.pos >= this.view.byteLength;
  }
}

const bytes: i32[] = [
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f,
  0x03, 0x02, 0x01, 0x00,
  0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x2a, 0x0b,
  0x00, 0x84, 0x01, 0x04, 0x6e, 0x61, 0x6d, 0x65,
];
// the custom section claims 132 bytes (0x84 0x01): pad the buffer so that it ends exactly there
const total: i32 = (bytes.length + 127) | 0;
const buf = new ArrayBuffer(total);
const raw = new Uint8Array(buf, 0, total);
for (let i = 0; i < bytes.length; i++) {
  raw[i] = bytes[i];
}
for (let i = bytes.length; i < total; i++) {
  raw[i] = i & 0xff;
}
const p = new Parser(new DataView(buf, 0, total));
const magic = p.u32le();
const version = p.u32le();
console.log("magic", hex32(magic), magic === 0x6d736100, "version", version);
const sections: Section[] = [];
while (!p.atEnd()) {
  const id = p.u8();
  const size = p.leb();
  sections.push({ id: id, offset: p.pos, size: size });
  p.pos = (p.pos + size) | 0;
}
for (const s of sections) {
  console.log("section", s.id, "at", s.offset, "size", s.size);
}
const code = sections[2];
const view = new DataView(buf, code.offset, code.size);
console.log("code section bytes", view.byteLength, "first", view.getUint8(0), "i32.const", view.getUint8(3), view.getInt8(4), "end", hex32(view.getUint8(5)));
