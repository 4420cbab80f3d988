// Numeric enums (auto-increment, explicit and negative initialisers) and const enums, used as i32.
import type { i32 } from "../../../core/types";

enum Color {
  Red,
  Green,
  Blue,
}
enum Status {
  Ok = 200,
  Created,
  NotFound = 404,
  Teapot = 418,
  Negative = -1,
  AfterNegative,
}
const enum Flag {
  None = 0,
  Read = 1,
  Write = 2,
  Exec = 4,
  All = 7,
}
const enum Dir {
  North,
  East,
  South,
  West,
}

function colorName(c: Color): string {
  switch (c) {
    case Color.Red:
      return "red";
    case Color.Green:
      return "green";
    case Color.Blue:
      return "blue";
  }
  return "?";
}
function turnRight(d: Dir): Dir {
  switch (d) {
    case Dir.North:
      return Dir.East;
    case Dir.East:
      return Dir.South;
    case Dir.South:
      return Dir.West;
    default:
      return Dir.North;
  }
}
function flagsText(f: i32): string {
  let s = "";
  s = s + ((f & Flag.Read) !== 0 ? "r" : "-");
  s = s + ((f & Flag.Write) !== 0 ? "w" : "-");
  s = s + ((f & Flag.Exec) !== 0 ? "x" : "-");
  return s;
}

console.log(Color.Red, Color.Green, Color.Blue, colorName(Color.Green));
console.log(Status.Ok, Status.Created, Status.NotFound, Status.Teapot, Status.Negative, Status.AfterNegative);
const c: Color = Color.Blue;
const asInt: i32 = c;
console.log("as int", asInt, c === Color.Blue, c > Color.Red);
let d: Dir = Dir.North;
let route = "";
for (let i = 0; i < 6; i++) {
  route = route + d + " ";
  d = turnRight(d);
}
console.log("route", route);
const perms: i32[] = [Flag.None, Flag.Read, Flag.Read | Flag.Write, Flag.All, Flag.Exec | Flag.Read];
for (const p of perms) {
  console.log(p, flagsText(p));
}
const colors: Color[] = [Color.Blue, Color.Red, Color.Green];
let names = "";
for (const col of colors) {
  names = names + colorName(col) + ";";
}
console.log(names);
let st: Status = Status.Ok;
if (st === Status.Ok) {
  st = Status.NotFound;
}
console.log("status", st, `code ${st}`);
