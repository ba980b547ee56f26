// The JS API end to end under node: preflight.js → worker → Go wasm.
// Needs `make wasm` (dist/web); run with `make test-js`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { NodeWebWorker } from "./node-worker.mjs";

const dist = new URL("../../dist/web/", import.meta.url);
globalThis.Worker = NodeWebWorker;
const { createPreflight } = await import(new URL("preflight.js", dist));

// A 320×200 JPEG of a light card on a dark desk, made by ImageMagick
// (installed by `make deps`).
const jpeg = new Uint8Array(execFileSync("convert", [
  "-size", "320x200", "xc:#303030", "-fill", "#e0e0d0", "-draw", "rectangle 60,40 260,166",
  "-quality", "90", "jpeg:-",
]));

// A noisy 320×200 JPEG (tens of kB), for budgets that force an encode.
const noisy = new Uint8Array(execFileSync("convert", [
  "-size", "320x200", "xc:gray50", "+noise", "Gaussian", "-quality", "95", "jpeg:-",
]));

function frame(w, h, v = 120) {
  const px = new Uint8ClampedArray(4 * w * h).fill(v);
  for (let i = 3; i < px.length; i += 4) px[i] = 255;
  return px;
}

let pf;
before(async () => { pf = await createPreflight(); });
after(() => pf?.terminate());

test("check returns the CLI's report for JPEG bytes", async () => {
  const rep = await pf.check(jpeg, { side: "back", documentType: "passport", device: "IOS" });
  assert.equal(rep.width, 320);
  assert.equal(rep.height, 200);
  assert.equal(rep.side, "back");
  assert.equal(rep.document_type, "passport");
  assert.equal(rep.device, "IOS");
  assert.equal(rep.engine, "pure-go");
  assert.equal(typeof rep.valid, "boolean");
  assert.ok(Array.isArray(rep.issues));
  assert.equal(rep.valid, !rep.issues.some((i) => i.severity === "fail"));
  if (!rep.valid) assert.equal(rep.error_code, rep.issues[0].code);
  assert.ok(rep.timings_ms.decode >= 0);
  assert.equal(jpeg.byteLength > 0, true, "check copies, it does not detach the caller's bytes");
});

test("check rejects bytes that are no image with a clear message", async () => {
  await assert.rejects(pf.check(new Uint8Array([1, 2, 3, 4])), (e) => {
    assert.ok(e instanceof Error);
    assert.match(e.message, /idpreflight\.check: .*unsupported image format/);
    return true;
  });
});

test("check rejects a truncated JPEG as corrupt", async () => {
  await assert.rejects(pf.check(jpeg.slice(0, 40)), /corrupt image/);
});

test("check rejects non-byte input before the worker", async () => {
  assert.throws(() => pf.check("photo.jpg"), TypeError);
});

test("options with unknown values are rejected", async () => {
  await assert.rejects(pf.check(jpeg, { side: "left" }), /side "left"/);
  await assert.rejects(pf.analyzeFrame(frame(8, 8), 8, 8, { device: "PALM" }), /device "PALM"/);
});

test("analyzeFrame reports a frame and moves the pixels", async () => {
  const px = frame(640, 480);
  const fr = await pf.analyzeFrame(px, 640, 480, { documentType: "identification_card" });
  assert.equal(fr.width, 640);
  assert.equal(fr.height, 480);
  assert.ok(Array.isArray(fr.quads));
  assert.ok(Array.isArray(fr.codes));
  assert.ok(Array.isArray(fr.issues));
  assert.equal(typeof fr.metrics, "object");
  assert.equal(typeof fr.stable, "boolean");
  assert.equal(fr.ready, fr.stable && fr.codes.length === 0);
  assert.ok(fr.ms >= 0);
  assert.equal(px.byteLength, 0, "the whole-buffer array was transferred");
  // A uniform frame has no document in it.
  assert.deepEqual(fr.codes, [819]);
  assert.equal(fr.ready, false);
});

test("analyzeFrame copies a view that does not own its buffer", async () => {
  const big = frame(16, 9);
  const view = big.subarray(0, 4 * 16 * 8);
  const fr = await pf.analyzeFrame(view, 16, 8);
  assert.equal(fr.height, 8);
  assert.equal(big.byteLength, 4 * 16 * 9);
});

test("analyzeFrame rejects a buffer too short for its size", async () => {
  await assert.rejects(pf.analyzeFrame(frame(10, 10), 640, 480), /rgba has 400 bytes, a 640x480 frame needs 1228800/);
  await assert.rejects(pf.analyzeFrame(frame(10, 10), 0, 10), /frame size 0x10/);
});

test("a Go panic rejects the Promise and the instance keeps working", async () => {
  // A width that is no number makes syscall/js panic inside Go.
  await assert.rejects(pf.analyzeFrame(frame(8, 8), "wide", 8), (e) => {
    assert.ok(e instanceof Error);
    assert.match(e.message, /idpreflight\.analyzeFrame: internal error \(Go panic\)/);
    return true;
  });
  const fr = await pf.analyzeFrame(frame(8, 8), 8, 8);
  assert.equal(fr.width, 8);
});

test("recompress returns a compliant JPEG unchanged", async () => {
  const { blob, info } = await pf.recompress(jpeg, { maxBytes: 2_000_000 });
  assert.ok(blob instanceof Blob);
  assert.equal(blob.size, jpeg.byteLength);
  assert.deepEqual(new Uint8Array(await blob.arrayBuffer()), jpeg);
  assert.equal(info.action, "untouched");
  assert.equal(info.input_bytes, jpeg.byteLength);
  assert.equal(info.encodes, 0);
  assert.equal(typeof info.checks["827"], "boolean", "verified by default");
});

test("recompress accepts a Blob", async () => {
  const { blob, info } = await pf.recompress(new Blob([jpeg], { type: "image/jpeg" }), { verify: false });
  assert.equal(blob.size, jpeg.byteLength);
  assert.equal(info.action, "untouched");
  assert.equal(info.checks, undefined);
});

test("recompress without a browser encoder says what is missing", async () => {
  // Over budget, so it must encode: node has no createImageBitmap.
  assert.ok(noisy.byteLength > 20_000);
  await assert.rejects(pf.recompress(noisy, { maxBytes: 20_000 }), /needs createImageBitmap and OffscreenCanvas/);
});

test("recompress rejects bad input", async () => {
  await assert.rejects(pf.recompress(new Uint8Array([9, 9, 9])), /unsupported image format/);
  await assert.rejects(pf.recompress(jpeg, { maxBytes: 5 }), /max bytes 5/);
  assert.throws(() => pf.recompress("photo.jpg"), TypeError);
});

test("terminate rejects pending and later calls", async () => {
  const p2 = await createPreflight();
  const pending = p2.check(jpeg);
  p2.terminate();
  await assert.rejects(pending, /terminated/);
  await assert.rejects(p2.check(jpeg), /terminated/);
});

test("createPreflight rejects when the wasm cannot be loaded", async () => {
  await assert.rejects(createPreflight({ wasmURL: new URL("missing.wasm", dist) }), /HTTP 404/);
});
