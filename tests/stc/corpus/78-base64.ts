// Base64 encoding and decoding with lookup tables (an array of one-character strings and a reverse Int16Array).
import type { i32, u8 } from "../../../core/types";

const ALPHABET: string[] = [
  "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z",
  "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z",
  "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "+", "/",
];
// ASCII codes of the alphabet, to build the reverse table
const CODES = new Uint8Array(64);
for (let i = 0; i < 26; i++) {
  CODES[i] = 65 + i;
  CODES[i + 26] = 97 + i;
}
for (let i = 0; i < 10; i++) {
  CODES[i + 52] = 48 + i;
}
CODES[62] = 43;
CODES[63] = 47;
const REVERSE = new Int16Array(128);
REVERSE.fill(-1);
for (let i = 0; i < 64; i++) {
  REVERSE[CODES[i]] = i;
}

function encode(data: Uint8Array): string {
  let out = "";
  let i: i32 = 0;
  while (i + 2 < data.length) {
    const n: i32 = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    out = out + ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
    i += 3;
  }
  const rest: i32 = (data.length - i) | 0;
  if (rest === 1) {
    const n: i32 = data[i] << 16;
    out = out + ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63] + "==";
  } else if (rest === 2) {
    const n: i32 = (data[i] << 16) | (data[i + 1] << 8);
    out = out + ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + "=";
  }
  return out;
}
// decodes base64 given as ASCII codes (61 is '=')
function decode(codes: Uint8Array): Uint8Array {
  let pad: i32 = 0;
  if (codes.length > 0 && codes[codes.length - 1] === 61) {
    pad++;
  }
  if (codes.length > 1 && codes[codes.length - 2] === 61) {
    pad++;
  }
  const outLen: i32 = (Math.imul((codes.length / 4) | 0, 3) - pad) | 0;
  const out = new Uint8Array(outLen);
  let o: i32 = 0;
  for (let i = 0; i < codes.length; i += 4) {
    let n: i32 = 0;
    for (let k = 0; k < 4; k++) {
      const c: u8 = codes[i + k];
      const v: i32 = c === 61 ? 0 : REVERSE[c];
      n = (n << 6) | v;
    }
    for (let k = 0; k < 3; k++) {
      if (o < outLen) {
        out[o] = (n >> (16 - 8 * k)) & 0xff;
        o++;
      }
    }
  }
  return out;
}
function asciiOf(s: i32[]): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    out[i] = s[i];
  }
  return out;
}

const samples: i32[][] = [[], [0x66], [0x66, 0x6f], [0x66, 0x6f, 0x6f], [0x66, 0x6f, 0x6f, 0x62], [0x66, 0x6f, 0x6f, 0x62, 0x61], [0x66, 0x6f, 0x6f, 0x62, 0x61, 0x72], [0, 255, 128, 1]];
for (const s of samples) {
  console.log("[" + encode(asciiOf(s)) + "]");
}
const all = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  all[i] = i;
}
console.log(encode(all));
// "Zm9vYmFy" -> "foobar"
const decoded = decode(asciiOf([0x5a, 0x6d, 0x39, 0x76, 0x59, 0x6d, 0x46, 0x79]));
let codes = "";
for (const b of decoded) {
  codes = codes + b + " ";
}
console.log("decoded", decoded.length, codes);
const padded = decode(asciiOf([0x5a, 0x6d, 0x38, 0x3d]));
console.log("decoded 'Zm8='", padded.length, padded[0], padded[1]);
