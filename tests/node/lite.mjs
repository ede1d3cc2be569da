// xlwings Lite's Python side, run in Node with the npm `pyodide` package: no Excel, no network.
//
//   node tests/node/lite.mjs MAIN.PY WIEL.whl…      (requests as JSON lines on stdin)
//
// Each wheel is unpacked into Pyodide's site-packages, as an installer puts it; nothing is fetched
// from a CDN or PyPI. Then lite_runtime.py (next to this file) does what Lite's runtime does: the
// environment before xlwings is imported, main.py loaded as module "main", xlwings.server's
// custom_functions_meta / custom_functions_call.
//
// Output: one JSON line when ready ({"klaar": true, timings in seconds}), then one per request:
//   {"soort": "meta"}                  → xlwings' custom_functions_meta of main
//   {"soort": "roep", "body": {...}}   → custom_functions_call with that request body
//   {"soort": "modules"}               → the names in sys.modules
//   {"soort": "python", "code": "..."} → the value of a Python expression in main's namespace
import { loadPyodide } from "pyodide";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

const [mainPad, ...wielen] = process.argv.slice(2);
const t0 = performance.now();
// print() goes to stderr: stdout carries only the JSON answers.
const pyodide = await loadPyodide({ stdout: (tekst) => process.stderr.write(tekst + "\n") });
const boot = (performance.now() - t0) / 1000;
const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
for (const wiel of wielen) {
  pyodide.unpackArchive(new Uint8Array(readFileSync(wiel)), "wheel", { extractDir: sitePackages });
}
const runtime = pyodide.runPython(readFileSync(new URL("lite_runtime.py", import.meta.url), "utf8") + "\nstart");
const tijden = JSON.parse(runtime(readFileSync(mainPad, "utf8")));
const verzoek = pyodide.globals.get("verzoek");
process.stdout.write(JSON.stringify({ klaar: true, boot_s: boot, ...tijden }) + "\n");
for await (const regel of createInterface({ input: process.stdin })) {
  if (regel.trim()) process.stdout.write((await verzoek(regel)) + "\n");
}
