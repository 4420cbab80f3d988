// A worker thread of the spec runner: runs the scripts it is sent on one
// backend and posts back their counts. Workers give the runner both cores
// and a way to stop a script that hangs the in-process engine (terminate).
import { parentPort, workerData } from "node:worker_threads";
import { pathToFileURL } from "node:url";
import { DriverBackend, EngineBackend, V8Backend } from "./backends.mjs";
import { runScript } from "./script.mjs";

const { backend: kind, sessionBundle, driver, requestTimeoutMs, strictErrors } = workerData;
const lib = sessionBundle ? await import(pathToFileURL(sessionBundle).href) : null;
const backend =
  kind === "js" ? new EngineBackend(lib) : kind === "c" ? new DriverBackend(lib, driver, requestTimeoutMs) : new V8Backend();

parentPort.on("message", async (script) => {
  try {
    parentPort.postMessage({ result: await runScript(script, backend, { strictErrors }) });
  } catch (e) {
    parentPort.postMessage({ error: `${script.name}: ${e && e.stack ? e.stack : e}` });
  }
});
