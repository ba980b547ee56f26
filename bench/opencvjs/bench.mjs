// bench.mjs — analyzeFrame (Go wasm, dist/web/preflight.wasm) against
// OpenCV.js 4.6 (grayscale → Gaussian blur → Canny → findContours →
// approxPolyDP, plus the variance of the Laplacian) on the same 640×480
// RGBA frames, in one node process, interleaved frame by frame so that
// both see the same machine load. Each call is timed twice: wall clock
// (performance.now) and the process's CPU time (process.cpuUsage), which
// leaves out the time the process waits for a core on a busy machine.
// Prints medians and the ratio, twice: "stream" keeps analyzeFrame's
// state between frames as a camera page does (consecutive frames: the
// document is tracked), "cold" resets it before every frame (every frame
// detected from scratch, like OpenCV.js). Ratios are given per repeat as
// min / median / max over the repeats.
//
//   node bench.mjs FRAMES_DIR [--reps 5]     (FRAMES_DIR holds *.rgba, 640×480)
//   PREFLIGHT_WASM=other.wasm node bench.mjs FRAMES_DIR
import { readdirSync, readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const W = 640, H = 480;
const [dir, ...rest] = process.argv.slice(2);
const reps = Number(rest[rest.indexOf("--reps") + 1] ?? 5) || 5;
if (!dir) throw new Error("usage: node bench.mjs FRAMES_DIR [--reps N]");
const frames = readdirSync(dir).filter((f) => f.endsWith(".rgba")).sort()
  .map((f) => new Uint8ClampedArray(readFileSync(join(dir, f))))
  .filter((px) => px.length === 4 * W * H);
if (frames.length === 0) throw new Error(`no ${W}x${H} .rgba frames in ${dir}`);

const dist = new URL("../../dist/web/", import.meta.url);
// PREFLIGHT_WASM=path times another build (e.g. an earlier commit's)
// against the same OpenCV.js, for before/after comparisons.
const wasmPath = process.env.PREFLIGHT_WASM ? new URL(`file://${resolve(process.env.PREFLIGHT_WASM)}`) : new URL("preflight.wasm", dist);

// --- ours: the Go wasm module, called the way the worker calls it ---
await import(new URL("wasm_exec.js", dist));
const go = new globalThis.Go();
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), go.importObject);
go.run(instance);
const pf = globalThis.idpreflight;
const opts = JSON.stringify({ documentType: "identification_card" });
// cpuMS is the process's user+system CPU time in milliseconds.
const cpuMS = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
async function ours(px) {
  const t = performance.now(), c = cpuMS();
  const r = await pf.analyzeFrame(px, W, H, opts);
  return [performance.now() - t, r, cpuMS() - c];
}

// --- theirs: OpenCV.js ---
const require = createRequire(import.meta.url);
let cv = require("@techstark/opencv-js");
if (cv instanceof Promise) cv = await cv;
else if (!cv.Mat) await new Promise((ok) => { cv.onRuntimeInitialized = ok; });
const src = new cv.Mat(H, W, cv.CV_8UC4), gray = new cv.Mat(), blur = new cv.Mat(), edges = new cv.Mat();
const lap = new cv.Mat(), mean = new cv.Mat(), std = new cv.Mat(), hier = new cv.Mat();
function theirs(px) {
  const t = performance.now(), c = cpuMS();
  src.data.set(px);
  cv.cvtColor(src, gray, cv.COLOR_RGBA2GRAY);
  cv.GaussianBlur(gray, blur, new cv.Size(5, 5), 0);
  cv.Canny(blur, edges, 75, 200);
  const contours = new cv.MatVector();
  cv.findContours(edges, contours, hier, cv.RETR_LIST, cv.CHAIN_APPROX_SIMPLE);
  let quads = 0;
  for (let i = 0; i < contours.size(); i++) {
    const c = contours.get(i), approx = new cv.Mat();
    cv.approxPolyDP(c, approx, 0.02 * cv.arcLength(c, true), true);
    if (approx.rows === 4) quads++;
    approx.delete(); c.delete();
  }
  contours.delete();
  cv.Laplacian(gray, lap, cv.CV_64F);
  cv.meanStdDev(lap, mean, std);
  const variance = std.doubleAt(0, 0) ** 2;
  return [performance.now() - t, { quads, variance }, cpuMS() - c];
}

const median = (a) => { const s = [...a].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
for (const px of frames.slice(0, 3)) { await ours(px.slice()); theirs(px); } // warm-up (JIT, buffers)

// One repeat runs every frame twice through ours ("stream", then "cold")
// and, paired with each call, once through OpenCV.js; the order within a
// pair alternates from frame to frame so that neither side always runs on
// the other's warm caches. Each repeat gives its own medians and ratios:
// their spread over the repeats says how far one run can be trusted.
const modes = ["stream", "cold"];
const runs = []; // runs[r][mode] = { ours: [], theirs: [], oursCPU: [], theirsCPU: [], goMS: [] }
const stages = {}; // stage name → ms per detected (cold) frame
let found = 0, tracked = 0;
for (let r = 0; r < reps; r++) {
  const run = {};
  for (const mode of modes) {
    const t = run[mode] = { ours: [], theirs: [], oursCPU: [], theirsCPU: [], goMS: [] };
    await pf.resetFrames();
    for (const [i, px] of frames.entries()) {
      if (mode === "cold") await pf.resetFrames();
      let a, rep, ca, b, cb;
      if (i % 2 === 0) { [a, rep, ca] = await ours(px); [b, , cb] = theirs(px); }
      else { [b, , cb] = theirs(px); [a, rep, ca] = await ours(px); }
      t.ours.push(a); t.oursCPU.push(ca); t.goMS.push(rep.ms);
      t.theirs.push(b); t.theirsCPU.push(cb);
      if (mode === "cold") {
        for (const [k, v] of Object.entries(rep.timings_ms ?? {})) (stages[k] ??= []).push(v);
      }
      if (r === 0 && mode === "stream") {
        if (rep.quads.length > 0) found++;
        if (rep.metrics.tracked) tracked++;
      }
    }
  }
  runs.push(run);
}
pf.exit();
for (const m of [src, gray, blur, edges, lap, mean, std, hier]) m.delete();

const r2 = (v) => +v.toFixed(2);
// spread is min / median / max of one number over the repeats.
const spread = (f) => { const v = runs.map(f).sort((x, y) => x - y); return { min: r2(v[0]), median: r2(median(v)), max: r2(v[v.length - 1]) }; };
function summary(mode) {
  const all = (k) => runs.flatMap((run) => run[mode][k]);
  return {
    ours_median_ms: r2(median(all("ours"))), ours_go_median_ms: r2(median(all("goMS"))),
    ours_median_cpu_ms: r2(median(all("oursCPU"))),
    opencvjs_median_ms: r2(median(all("theirs"))), opencvjs_median_cpu_ms: r2(median(all("theirsCPU"))),
    // Per repeat: median of ours / median of OpenCV.js's paired calls.
    ratio_ours_over_opencvjs: spread((run) => median(run[mode].ours) / median(run[mode].theirs)),
    cpu_ratio_ours_over_opencvjs: spread((run) => median(run[mode].oursCPU) / median(run[mode].theirsCPU)),
  };
}
const gz = (p) => gzipSync(readFileSync(p), { level: 9 }).length;
const cvPath = require.resolve("@techstark/opencv-js");
const m = (a) => +median(a).toFixed(2);
const res = {
  frames: frames.length, reps, size: `${W}x${H}`,
  load_average: (await import("node:os")).loadavg().map((v) => +v.toFixed(1)),
  stream: { ...summary("stream"), frames_with_quad: `${found}/${frames.length}`, frames_tracked: `${tracked}/${frames.length}` },
  cold: summary("cold"),
  // Where a detected frame's time goes (Go's clock, median ms per stage).
  cold_stage_median_ms: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, r2(median(v))])),
  preflight_wasm_gzip_bytes: gz(wasmPath),
  preflight_wasm_bytes: statSync(wasmPath).size,
  opencv_js_gzip_bytes: gz(cvPath),
};
console.log(JSON.stringify(res, null, 2));
// OpenCV.js's Emscripten runtime keeps handles open and rethrows from its
// process hooks at teardown; leave explicitly.
process.exit(0);
