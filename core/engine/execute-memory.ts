// The instructions behind the interpreter's EXT op (ops.ts): memory.size/
// grow/fill/copy/init, data.drop, the table operations, ref.func, and loads
// and stores on memories other than 0. They are rare in hot code, so they
// leave the main dispatch's opcodes to the frequent ones. Bulk operations
// check their whole range before writing anything (Wasm 2.0).
import type { i32, f64 } from "../types";
import { Trap } from "./types";
import { Instance, MemInst, TableInst, Thread } from "./runtime";
import { Op } from "./ops";
import { elemRef } from "./instantiate";
import { accessLog2 } from "./compile-memory";

/** A reallocation leaves at most this much room for later grows. */
const MAX_HEADROOM: f64 = 16 * 1024 * 1024;

/**
 * memory.grow: the old size in pages, or -1 when the new size passes the
 * declared maximum, 2^32 bytes, or Limits.maxMemoryBytes. When the buffer is
 * too small, a new one replaces it (MemInst's views follow; the old one is
 * freed), with room to grow from the second reallocation on (a memory that
 * grows once, as most do, gets none): an eighth more, at most MAX_HEADROOM,
 * never past what the memory may reach; so many small grows copy the memory a
 * few dozen times, not once each, and a board pays at most an eighth of its
 * memory's RAM for the room.
 */
export function memoryGrow(mem: MemInst, delta: i32, maxBytes: f64): i32 {
  const old = mem.pages;
  const pages = old + (delta >>> 0);
  if (mem.maxPages >= 0 && pages > mem.maxPages) return -1;
  const pageBytes = 1 << mem.pageSizeLog2;
  const bytes: f64 = pages * pageBytes;
  if (bytes > 4294967296 || bytes > maxBytes) return -1;
  if (pages === old) return old | 0;
  let buf = mem.buf;
  if (bytes > buf.byteLength) {
    let reach: f64 = maxBytes;
    if (mem.maxPages >= 0 && mem.maxPages * pageBytes < reach) reach = mem.maxPages * pageBytes;
    let capacity: f64 = mem.reallocations > 0 ? bytes + Math.floor(bytes / 8) : bytes;
    mem.reallocations++;
    if (capacity > bytes + MAX_HEADROOM) capacity = bytes + MAX_HEADROOM;
    if (capacity > reach) capacity = reach;
    if (capacity < bytes) capacity = bytes;
    // capacity <= maxBytes < 2^32: exact; the old buffer is freed (MemInst.reserve)
    mem.reserve(capacity >>> 0);
    buf = mem.buf;
  }
  mem.setBuffer(buf, pages >>> 0, bytes >>> 0);
  return old | 0;
}

export function memoryFill(mem: MemInst, d: i32, value: i32, n: i32): i32 {
  const start = d >>> 0;
  const count = n >>> 0;
  if (start + count > mem.byteLength) return Trap.MemoryOutOfBounds;
  mem.bytes.fill(value & 0xff, start, start + count);
  return Trap.None;
}

export function memoryCopy(dst: MemInst, src: MemInst, d: i32, s: i32, n: i32): i32 {
  const to = d >>> 0;
  const from = s >>> 0;
  const count = n >>> 0;
  if (from + count > src.byteLength || to + count > dst.byteLength) return Trap.MemoryOutOfBounds;
  if (dst === src) dst.bytes.copyWithin(to, from, from + count);
  else dst.bytes.set(src.bytes.subarray(from, from + count), to);
  return Trap.None;
}

export function memoryInit(inst: Instance, seg: i32, mem: MemInst, d: i32, s: i32, n: i32): i32 {
  const data = inst.module.datas[seg];
  const length: i32 = inst.dataDropped[seg] !== 0 ? 0 : data.dataLength;
  const to = d >>> 0;
  const from = s >>> 0;
  const count = n >>> 0;
  if (from + count > length || to + count > mem.byteLength) return Trap.MemoryOutOfBounds;
  const start = data.dataStart + from;
  mem.bytes.set(inst.module.bytes.subarray(start, start + count), to);
  return Trap.None;
}

// ---------------------------------------------------------------- tables

/** table.grow: the old size, or -1 past the table's maximum or Limits.maxTableElements. */
export function tableGrow(table: TableInst, init: i32, delta: i32, maxElements: f64): i32 {
  const old = table.size;
  const grown = old + (delta >>> 0);
  if (table.max >= 0 && grown > table.max) return -1;
  if (grown > maxElements || grown > 4294967295) return -1;
  if (grown === old) return old | 0;
  const size = grown >>> 0;
  const elems = new Int32Array(size);
  elems.set(table.elems.subarray(0, old));
  elems.fill(init, old, size);
  table.elems = elems;
  table.size = size;
  return old | 0;
}

export function tableFill(table: TableInst, i: i32, value: i32, n: i32): i32 {
  const start = i >>> 0;
  const count = n >>> 0;
  if (start + count > table.size) return Trap.TableOutOfBounds;
  table.elems.fill(value, start, start + count);
  return Trap.None;
}

export function tableCopy(dst: TableInst, src: TableInst, d: i32, s: i32, n: i32): i32 {
  const to = d >>> 0;
  const from = s >>> 0;
  const count = n >>> 0;
  if (from + count > src.size || to + count > dst.size) return Trap.TableOutOfBounds;
  if (dst === src) dst.elems.copyWithin(to, from, from + count);
  else dst.elems.set(src.elems.subarray(from, from + count), to);
  return Trap.None;
}

export function tableInit(inst: Instance, seg: i32, table: TableInst, d: i32, s: i32, n: i32): i32 {
  const elem = inst.module.elems[seg];
  const length: i32 = inst.elemDropped[seg] !== 0 ? 0 : elem.count;
  const to = d >>> 0;
  const from = s >>> 0;
  const count = n >>> 0;
  if (from + count > length || to + count > table.size) return Trap.TableOutOfBounds;
  for (let k = 0; k < count; k++) table.elems[to + k] = elemRef(inst, elem, (from + k) | 0);
  return Trap.None;
}

// ---------------------------------------------------------------- other memories

/**
 * A load (Wasm opcode 0x28 .. 0x35) from `mem` at addr + offset into word w
 * of the frame (and w + 1 for 64-bit results). The rare path: memory 0 has its own ops.
 */
export function loadOther(frame: Int32Array, mem: MemInst, opcode: i32, w: i32, addr: i32, offset: i32): i32 {
  const ea = (addr >>> 0) + (offset >>> 0);
  const size = accessBytes(opcode);
  if (ea + size > mem.byteLength) return Trap.MemoryOutOfBounds;
  const v = mem.view;
  let low: i32 = 0;
  let high: i32 = 0;
  switch (opcode) {
    case 0x28:
    case 0x2a:
      frame[w] = v.getInt32(ea, true);
      return Trap.None;
    case 0x29:
    case 0x2b:
      low = v.getInt32(ea, true);
      high = v.getInt32(ea + 4, true);
      frame[w] = low;
      frame[w + 1] = high;
      return Trap.None;
    case 0x2c:
      frame[w] = v.getInt8(ea);
      return Trap.None;
    case 0x2d:
      frame[w] = v.getUint8(ea);
      return Trap.None;
    case 0x2e:
      frame[w] = v.getInt16(ea, true);
      return Trap.None;
    case 0x2f:
      frame[w] = v.getUint16(ea, true);
      return Trap.None;
    case 0x30:
      low = v.getInt8(ea);
      high = low >> 31;
      break;
    case 0x31:
      low = v.getUint8(ea);
      break;
    case 0x32:
      low = v.getInt16(ea, true);
      high = low >> 31;
      break;
    case 0x33:
      low = v.getUint16(ea, true);
      break;
    case 0x34:
      low = v.getInt32(ea, true);
      high = low >> 31;
      break;
    default:
      low = v.getInt32(ea, true);
      break;
  }
  frame[w] = low;
  frame[w + 1] = high;
  return Trap.None;
}

/** A store (Wasm opcode 0x36 .. 0x3e) to `mem` of the value in word w (and w + 1). */
export function storeOther(frame: Int32Array, mem: MemInst, opcode: i32, addr: i32, w: i32, offset: i32): i32 {
  const ea = (addr >>> 0) + (offset >>> 0);
  const size = accessBytes(opcode);
  if (ea + size > mem.byteLength) return Trap.MemoryOutOfBounds;
  const v = mem.view;
  switch (opcode) {
    case 0x37:
    case 0x39:
      v.setInt32(ea, frame[w], true);
      v.setInt32(ea + 4, frame[w + 1], true);
      break;
    case 0x3a:
    case 0x3c:
      v.setInt8(ea, (frame[w] << 24) >> 24);
      break;
    case 0x3b:
    case 0x3d:
      v.setInt16(ea, (frame[w] << 16) >> 16, true);
      break;
    default:
      v.setInt32(ea, frame[w], true);
      break;
  }
  return Trap.None;
}

/** The bytes a load or store opcode accesses. */
export function accessBytes(opcode: i32): i32 {
  return 1 << accessLog2(opcode);
}

/**
 * Runs the EXT instruction at pc (EXT, length, sub-opcode, operands) for the
 * frame R of instance inst; returns Trap.None or the trap.
 */
export function executeExt(t: Thread, inst: Instance, R: Int32Array, code: Int32Array, pc: i32): i32 {
  const p = (pc + 3) | 0;
  switch (code[pc + 2]) {
    case Op.EXT_MEMORY_SIZE:
      R[code[p]] = inst.mems[code[p + 1]].pages | 0;
      return Trap.None;
    case Op.EXT_MEMORY_GROW:
      R[code[p]] = memoryGrow(inst.mems[code[p + 2]], R[code[p + 1]], t.limits.maxMemoryBytes);
      return Trap.None;
    case Op.EXT_MEMORY_FILL:
      return memoryFill(inst.mems[code[p + 3]], R[code[p]], R[code[p + 1]], R[code[p + 2]]);
    case Op.EXT_MEMORY_COPY:
      return memoryCopy(inst.mems[code[p + 3]], inst.mems[code[p + 4]], R[code[p]], R[code[p + 1]], R[code[p + 2]]);
    case Op.EXT_MEMORY_INIT:
      return memoryInit(inst, code[p + 3], inst.mems[code[p + 4]], R[code[p]], R[code[p + 1]], R[code[p + 2]]);
    case Op.EXT_DATA_DROP:
      inst.dataDropped[code[p]] = 1;
      return Trap.None;
    case Op.EXT_TABLE_GET: {
      const table = inst.tables[code[p + 2]];
      const i = R[code[p + 1]] >>> 0;
      if (i >= table.size) return Trap.TableOutOfBounds;
      R[code[p]] = table.elems[i];
      return Trap.None;
    }
    case Op.EXT_TABLE_SET: {
      const table = inst.tables[code[p + 2]];
      const i = R[code[p]] >>> 0;
      if (i >= table.size) return Trap.TableOutOfBounds;
      table.elems[i] = R[code[p + 1]];
      return Trap.None;
    }
    case Op.EXT_TABLE_SIZE:
      R[code[p]] = inst.tables[code[p + 1]].size | 0;
      return Trap.None;
    case Op.EXT_TABLE_GROW:
      R[code[p]] = tableGrow(inst.tables[code[p + 3]], R[code[p + 1]], R[code[p + 2]], t.limits.maxTableElements);
      return Trap.None;
    case Op.EXT_TABLE_FILL:
      return tableFill(inst.tables[code[p + 3]], R[code[p]], R[code[p + 1]], R[code[p + 2]]);
    case Op.EXT_TABLE_COPY:
      return tableCopy(inst.tables[code[p + 3]], inst.tables[code[p + 4]], R[code[p]], R[code[p + 1]], R[code[p + 2]]);
    case Op.EXT_TABLE_INIT:
      return tableInit(inst, code[p + 3], inst.tables[code[p + 4]], R[code[p]], R[code[p + 1]], R[code[p + 2]]);
    case Op.EXT_ELEM_DROP:
      inst.elemDropped[code[p]] = 1;
      return Trap.None;
    case Op.EXT_REF_FUNC:
      R[code[p]] = (inst.funcs[code[p + 1]] + 1) | 0;
      return Trap.None;
    case Op.EXT_LOAD:
      return loadOther(R, inst.mems[code[p + 4]], code[p], code[p + 1], R[code[p + 2]], code[p + 3]);
    case Op.EXT_STORE:
      return storeOther(R, inst.mems[code[p + 4]], code[p], R[code[p + 1]], code[p + 2], code[p + 3]);
  }
  // compile.ts emits no other sub-opcode
  return Trap.Unreachable;
}
