// preflight-worker.js — the Worker behind preflight.js. It loads
// wasm_exec.js and preflight.wasm (the Go build of idpreflight) and answers
// messages {id, method, args} with {id, result} or {id, error: {message}}.
// Start it as a module worker: new Worker(url, {type: "module"}).
//
// The Go side analyses; the browser decodes, resizes and encodes JPEG for
// recompress (createImageBitmap + OffscreenCanvas.convertToBlob), so Go
// never encodes here.
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

// recompress runs the shared Go policy with the browser's encoder.
async function recompress(go, input, opts) {
  const blob = input instanceof Blob ? input : new Blob([input], { type: "image/jpeg" });
  const bytes = input instanceof Blob ? new Uint8Array(await input.arrayBuffer()) : input;
  const res = await go.recompress(bytes, options(opts), browserEncoder(blob));
  const out = res.bytes ? new Blob([res.bytes], { type: "image/jpeg" }) : blob;
  return { blob: out, info: res.info };
}

// browserEncoder decodes the source once per size with createImageBitmap
// (EXIF orientation applied, high-quality resize) and encodes with
// OffscreenCanvas.convertToBlob: the browser's own libjpeg-turbo.
export function browserEncoder(source) {
  return {
    async encode(width, height, quality) {
      const bmp = await createImageBitmap(source, {
        imageOrientation: "from-image", resizeWidth: width, resizeHeight: height, resizeQuality: "high",
      });
      try {
        const canvas = new OffscreenCanvas(width, height);
        canvas.getContext("2d").drawImage(bmp, 0, 0);
        const out = await canvas.convertToBlob({ type: "image/jpeg", quality });
        return new Uint8Array(await out.arrayBuffer());
      } finally {
        bmp.close();
      }
    },
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
