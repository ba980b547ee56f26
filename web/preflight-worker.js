// preflight-worker.js — the Worker behind preflight.js. It loads
// wasm_exec.js and preflight.wasm (the Go build of idpreflight) and answers
// messages {id, method, args} with {id, result} or {id, error: {message}}.
// Start it as a module worker: new Worker(url, {type: "module"}).
//
// The Go side analyses and decides; the browser decodes, resizes and
// encodes JPEG for recompress (createImageBitmap +
// OffscreenCanvas.convertToBlob), so Go never encodes here.
import "./wasm_exec.js"; // defines globalThis.Go

let api = null; // Promise of the global idpreflight object once Go runs
let exited = false;

// load fetches and starts preflight.wasm once.
function load(wasmURL) {
  api ??= (async () => {
    const url = wasmURL ?? new URL("./preflight.wasm", import.meta.url).href;
    const go = new globalThis.Go();
    const { instance } = await instantiate(url, go.importObject);
    go.run(instance).then(() => { exited = true; });
    const obj = globalThis.idpreflight;
    if (!obj) throw new Error(`${url} did not register idpreflight`);
    return obj;
  })();
  return api;
}

async function instantiate(url, imports) {
  const resp = await fetch(url);
  if (!resp.ok) throw new Error(`fetching ${url}: HTTP ${resp.status}`);
  // instantiateStreaming needs the application/wasm MIME type; fall back
  // to a buffer when a server sends another.
  if (WebAssembly.instantiateStreaming && resp.headers.get("content-type")?.startsWith("application/wasm")) {
    return WebAssembly.instantiateStreaming(resp, imports);
  }
  return WebAssembly.instantiate(await resp.arrayBuffer(), imports);
}

const options = (o) => JSON.stringify(o ?? {});

// methods maps each message method to the Go call; a result's ArrayBuffers
// are listed for transfer by transferables.
const methods = {
  init: async ({ wasmURL } = {}) => { const go = await load(wasmURL); return go.version(); },
  check: async (bytes, opts) => (await load()).check(bytes, options(opts)),
  analyzeFrame: async (rgba, width, height, opts) => (await load()).analyzeFrame(rgba, width, height, options(opts)),
  resetFrames: async () => (await load()).resetFrames(),
  recompress: async (input, opts) => recompress(await load(), input, opts),
};

// recompress runs the shared Go policy with the browser's decoder and
// encoder; a compliant JPEG comes back as the same Blob.
async function recompress(go, input, opts) {
  const blob = input instanceof Blob ? input : new Blob([input], { type: "image/jpeg" });
  const bytes = input instanceof Blob ? new Uint8Array(await input.arrayBuffer()) : input;
  const image = browserImage(blob);
  try {
    const res = await go.recompress(bytes, options(opts), image);
    return { blob: res.bytes ? new Blob([res.bytes], { type: "image/jpeg" }) : blob, info: res.info };
  } finally {
    image.close();
  }
}

// browserImage is the image the Go policy has encoded (see
// wasm/recompress.go): createImageBitmap decodes it once per size (EXIF
// orientation applied, high-quality resize) and
// OffscreenCanvas.convertToBlob encodes with the browser's libjpeg-turbo.
export function browserImage(source) {
  if (typeof createImageBitmap !== "function" || typeof OffscreenCanvas !== "function") {
    const missing = () => Promise.reject(new Error("recompress needs createImageBitmap and OffscreenCanvas (a browser Worker)"));
    return { name: "unavailable", encode: missing, encodeProbe: missing, pixels: missing, close() {} };
  }
  let cached = null; // {w, h, bitmap}: probes and the encode that follows share a size
  async function bitmapAt(w, h) {
    if (cached?.w === w && cached?.h === h) return cached.bitmap;
    cached?.bitmap.close();
    cached = null;
    const bitmap = await createImageBitmap(source, {
      imageOrientation: "from-image", resizeWidth: w, resizeHeight: h, resizeQuality: "high",
    });
    cached = { w, h, bitmap };
    return bitmap;
  }
  const jpeg = async (canvas, q) =>
    new Uint8Array(await (await canvas.convertToBlob({ type: "image/jpeg", quality: q / 100 })).arrayBuffer());
  return {
    name: "browser (OffscreenCanvas.convertToBlob)",
    async encode(w, h, q) {
      const canvas = new OffscreenCanvas(w, h);
      canvas.getContext("2d").drawImage(await bitmapAt(w, h), 0, 0);
      return jpeg(canvas, q);
    },
    // The probe mosaic: band i (tileW×tileH, top-left tiles[2i],
    // tiles[2i+1]) goes to column i % cols, row i / cols, as
    // preflight.ProbeLayout lays it out.
    async encodeProbe(tiles, cols, rows, tileW, tileH, w, h, q) {
      const bmp = await bitmapAt(w, h);
      const canvas = new OffscreenCanvas(cols * tileW, rows * tileH);
      const ctx = canvas.getContext("2d");
      for (let i = 0; i < tiles.length / 2; i++) {
        ctx.drawImage(bmp, tiles[2 * i], tiles[2 * i + 1], tileW, tileH, (i % cols) * tileW, Math.floor(i / cols) * tileH, tileW, tileH);
      }
      return jpeg(canvas, q);
    },
    async pixels(w, h) {
      const canvas = new OffscreenCanvas(w, h);
      const ctx = canvas.getContext("2d");
      ctx.drawImage(await bitmapAt(w, h), 0, 0);
      return ctx.getImageData(0, 0, w, h).data;
    },
    close() { cached?.bitmap.close(); cached = null; },
  };
}

// handle answers one message.
export async function handle({ id, method, args }) {
  try {
    if (exited) throw new Error("idpreflight: the Go program has exited; create a new Preflight");
    const fn = Object.hasOwn(methods, method) ? methods[method] : null;
    if (!fn) throw new Error(`idpreflight: unknown method ${JSON.stringify(method)}`);
    return { id, result: await fn(...(args ?? [])) };
  } catch (e) {
    return { id, error: { message: e?.message ?? String(e), name: e?.name ?? "Error" } };
  }
}

self.onmessage = async (e) => self.postMessage(await handle(e.data));
