// Power cuts: each store operation (an install, a replace, a remove, an
// autostart change, the copy when the autostart bits are used up, an install
// that first moves modules together) is cut at every one of its flash programs
// and erases, with the torn operation writing none, one, half or all of its
// bytes. After the next mount the store must hold exactly the state before the
// operation or the state after it, every module whole (its bytes read back
// match its SHA-256), the free space exactly what the modules leave, and a
// second mount must change nothing. A cut during that mount's own repairs must
// not change the outcome either.
import { describe, expect, it } from "vitest";
import { ModuleStore, StoreError } from "../../core/device/store.ts";
import { TOGGLE_BITS } from "../../core/device/store-layout.ts";
import { PowerCut, SimFlash, installFlash } from "../../ports/sim/flash.mjs";
import { accountedFree, check, installOk, moduleBytes, mount, newFlash, saveOk, stateOf, text, trojanBytes, type Entry, type Spec } from "./store-helpers.ts";

const SIZE = 64 * 1024;
/**
 * How a cut operation is torn: none of its bytes, one, half (null), all (the
 * cut falls right after it); the first ones or the last ones.
 */
const TORN: { tornBytes: number | null; tornFrom: "start" | "end" }[] = [
  { tornBytes: 0, tornFrom: "start" },
  { tornBytes: 1, tornFrom: "start" },
  { tornBytes: null, tornFrom: "start" },
  { tornBytes: 1 << 20, tornFrom: "start" },
  { tornBytes: 1, tornFrom: "end" },
  { tornBytes: null, tornFrom: "end" },
  { tornBytes: -1, tornFrom: "end" },
  { tornBytes: -512, tornFrom: "end" },
  // an erase that spares only the header body and the commit word: a dead extent's header alive again, if the
  // store erased a header without breaking its magic first
  { tornBytes: -516, tornFrom: "end" },
];

interface Scenario {
  name: string;
  setup(store: ModuleStore): void;
  action(store: ModuleStore): void;
  /** also cut the repairing mount after each cut of the action */
  cutRepairs: boolean;
  /** the ways to tear (default TORN) */
  torn?: typeof TORN;
  /**
   * An operation on several entries, each atomic on its own (a folder remove
   * removes its files one by one): a cut may also leave a state between the
   * old and the new one, every entry whole.
   */
  stepwise?: boolean;
}

// blink's bytes hold committed store headers where its blocks begin (see trojanBytes)
const blink: Spec = { name: "blink", bytes: trojanBytes(1, 12000), caps: "gpio=25 clock", autostart: true };
const hello: Spec = { name: "hello", bytes: moduleBytes(2, 700), args: "a b" };

function setAutostart(store: ModuleStore, name: string, on: boolean): void {
  const err = new StoreError();
  check(store.setAutostart(text(name), on, err), err, "setAutostart");
}

const scenarios: Scenario[] = [
  {
    name: "an install",
    setup: (s) => {
      installOk(s, blink);
      installOk(s, hello);
    },
    action: (s) => installOk(s, { name: "new", bytes: trojanBytes(3, 9000), caps: "random" }, 700),
    cutRepairs: true,
  },
  {
    name: "a replace",
    setup: (s) => {
      installOk(s, blink);
      installOk(s, hello);
    },
    action: (s) => installOk(s, { name: "blink", bytes: moduleBytes(4, 6000), caps: "gpio=2", autostart: false }, 1024),
    cutRepairs: true,
  },
  {
    name: "a remove",
    setup: (s) => {
      installOk(s, blink);
      installOk(s, hello);
    },
    action: (s) => {
      const err = new StoreError();
      check(s.remove(text("blink"), err), err, "remove");
    },
    cutRepairs: true,
  },
  {
    name: "an autostart change",
    setup: (s) => {
      installOk(s, blink);
      installOk(s, hello);
      setAutostart(s, "blink", false);
    },
    action: (s) => setAutostart(s, "blink", true),
    cutRepairs: false,
  },
  {
    name: "an autostart change that copies the module (toggle bits used up)",
    setup: (s) => {
      installOk(s, blink);
      installOk(s, hello);
      for (let i = 0; i < TOGGLE_BITS; i++) setAutostart(s, "blink", i % 2 === 1);
    },
    action: (s) => setAutostart(s, "blink", false),
    cutRepairs: true,
  },
  {
    name: "a file save (a new file of a module's folder)",
    setup: (s) => {
      installOk(s, blink);
      saveOk(s, "blink", "old.txt", moduleBytes(30, 100));
    },
    action: (s) => saveOk(s, "blink", "new.txt", trojanBytes(31, 5000)),
    cutRepairs: true,
  },
  {
    name: "a file save that replaces the file",
    setup: (s) => {
      installOk(s, hello);
      saveOk(s, "hello", "data.bin", moduleBytes(32, 3000));
    },
    action: (s) => saveOk(s, "hello", "data.bin", moduleBytes(33, 2000)),
    cutRepairs: true,
  },
  {
    name: "a folder remove",
    setup: (s) => {
      installOk(s, hello);
      saveOk(s, "hello", "a", moduleBytes(34, 10));
      saveOk(s, "hello", "b", moduleBytes(35, 5000));
      saveOk(s, "blink", "c", moduleBytes(36, 10));
    },
    action: (s) => {
      const err = new StoreError();
      check(s.removeFolder(text("hello"), err), err, "removeFolder");
    },
    cutRepairs: true,
    stepwise: true,
  },
  {
    name: "a remove of a module with files in its folder (the folder goes with it, never alone)",
    setup: (s) => {
      installOk(s, hello);
      saveOk(s, "hello", "a", moduleBytes(37, 10));
      saveOk(s, "hello", "b", trojanBytes(38, 5000));
      installOk(s, blink);
      saveOk(s, "blink", "c", moduleBytes(39, 10));
    },
    // as the server's REMOVE does it
    action: (s) => {
      const err = new StoreError();
      check(s.remove(text("hello"), err), err, "remove");
      check(s.removeFolder(text("hello"), err), err, "removeFolder");
    },
    cutRepairs: true,
  },
  {
    name: "an install that moves modules together first",
    setup: (s) => {
      for (let i = 0; i < 6; i++) installOk(s, { name: "m" + i, bytes: trojanBytes(10 + i, 5000) });
      const err = new StoreError();
      for (const i of [0, 2, 4]) check(s.remove(text("m" + i), err), err, "remove");
    },
    // 12 blocks are free, in runs of 2, 2, 2 and 6: 7 blocks need a move
    action: (s) => installOk(s, { name: "wide", bytes: moduleBytes(20, 6 * 4096) }),
    cutRepairs: false,
    // many operations (two modules copied, then a large install): fewer ways to tear each
    torn: TORN.filter((t) => t.tornBytes === null || t.tornBytes === -516 || t.tornBytes === 1 << 20),
  },
];

const same = (a: Entry[], b: Entry[]): boolean => JSON.stringify(a) === JSON.stringify(b);
/** Whether `state` holds every entry of `after` and nothing that `before` did not hold. */
const between = (state: Entry[], before: Entry[], after: Entry[]): boolean => {
  const key = (e: Entry) => JSON.stringify(e);
  const had = new Set(before.map(key));
  const has = new Set(state.map(key));
  return state.every((e) => had.has(key(e))) && after.every((e) => has.has(key(e)));
};

/** Mounts `flash`, checks that the store is consistent and that a second mount agrees; returns its state. */
function recovered(flash: SimFlash): Entry[] {
  const store = mount(flash);
  const state = stateOf(store);
  expect(store.freeBytes()).toBe(accountedFree(store));
  const again = mount(flash);
  expect(stateOf(again)).toEqual(state);
  expect(again.repaired).toBe(0);
  return state;
}

describe("power cuts", () => {
  for (const sc of scenarios) {
    it(`leave the old or the new state: ${sc.name}`, () => {
      const base = newFlash(SIZE);
      const store = mount(base);
      sc.setup(store);
      const image = base.snapshot();
      const before = stateOf(store);

      const clean = newFlash(SIZE, image);
      const s = mount(clean);
      const start = clean.operations;
      sc.action(s);
      const operations = clean.operations - start;
      const after = stateOf(s);
      expect(after).not.toEqual(before);
      expect(recovered(clean)).toEqual(after);

      let olds = 0;
      let news = 0;
      for (let cut = 0; cut < operations; cut++) {
        for (const torn of sc.torn ?? TORN) {
          const flash = newFlash(SIZE, image);
          const victim = mount(flash);
          flash.cutAfter(cut, torn);
          expect(() => sc.action(victim), `cut ${cut}`).toThrow(PowerCut);
          flash.powerOn();
          const cutImage = flash.snapshot();
          const state = recovered(flash);
          const where = `cut at operation ${cut} of ${operations}, torn ${JSON.stringify(torn)}`;
          expect(same(state, before) || same(state, after) || (sc.stepwise === true && between(state, before, after)), where).toBe(true);
          if (same(state, before)) olds++;
          else news++;
          if (!sc.cutRepairs || torn.tornBytes !== null) continue;
          // the repairing mount is cut too, at each of its operations
          const trial = newFlash(SIZE, cutImage);
          mount(trial);
          for (let cut2 = 0; cut2 < trial.operations; cut2++) {
            const again = newFlash(SIZE, cutImage);
            installFlash(again);
            again.cutAfter(cut2);
            expect(() => new ModuleStore().mount(new StoreError()), `${where}, repair cut ${cut2}`).toThrow(PowerCut);
            again.powerOn();
            expect(recovered(again), `${where}, repair cut ${cut2}`).toEqual(state);
          }
        }
      }
      // both outcomes happen: early cuts keep the old state, late ones the new
      expect(olds).toBeGreaterThan(0);
      expect(news).toBeGreaterThan(0);
    });
  }

  it("keep the store usable: after a cut in an install, the same install succeeds", () => {
    const base = newFlash(SIZE);
    const store = mount(base);
    installOk(store, blink);
    const image = base.snapshot();
    const spec: Spec = { name: "again", bytes: moduleBytes(5, 30000) };
    for (const cut of [0, 3, 17, 40]) {
      const flash = newFlash(SIZE, image);
      const s = mount(flash);
      flash.cutAfter(cut);
      expect(() => installOk(s, spec)).toThrow(PowerCut);
      flash.powerOn();
      const r = mount(flash);
      installOk(r, spec);
      expect(stateOf(mount(flash)).map((e) => e.name)).toEqual(["again", "blink"]);
    }
  });
});
