// preflight.js — the main-thread front of idpreflight: every method runs
// in a Worker (preflight-worker.js) that hosts the Go WebAssembly build, so
// the page never blocks. Types: preflight.d.ts.
//
//   import { createPreflight } from "./preflight.js";
//   const pf = await createPreflight();
//   const report = await pf.check(new Uint8Array(await file.arrayBuffer()));

/** @type {import("./preflight").createPreflight} */
export async function createPreflight({ workerURL, wasmURL } = {}) {
  const base = globalThis.location?.href ?? import.meta.url;
  const url = workerURL ? new URL(workerURL, base) : new URL("./preflight-worker.js", import.meta.url);
  const worker = new Worker(url, { type: "module" });
  const rpc = new RPC(worker);
  try {
    await rpc.call("init", [{ wasmURL: wasmURL ? new URL(wasmURL, base).href : undefined }]);
  } catch (e) {
    worker.terminate();
    throw e;
  }
  return {
    check: (bytes, options) => rpc.call("check", [asBytes(bytes, "bytes"), options]),
    analyzeFrame: (rgba, width, height, options) => {
      const px = asBytes(rgba, "rgba");
      // The pixels move to the worker without a copy when they own their
      // whole buffer (as getImageData's do); the caller's array is then detached.
      const whole = px.byteOffset === 0 && px.byteLength === px.buffer.byteLength;
      return rpc.call("analyzeFrame", [px, width, height, options], whole ? [px.buffer] : []);
    },
    resetFrames: () => rpc.call("resetFrames", []),
    recompress: (input, options) =>
      rpc.call("recompress", [input instanceof Blob ? input : asBytes(input, "input"), options]),
    terminate: () => rpc.close(new Error("idpreflight: terminated")),
  };
}

// asBytes accepts the byte arrays the API documents and rejects the rest
// early, in the caller's stack.
function asBytes(v, what) {
  if (v instanceof Uint8Array || v instanceof Uint8ClampedArray) return v;
  throw new TypeError(`idpreflight: ${what} must be a Uint8Array or Uint8ClampedArray`);
}

// RPC numbers requests and settles them from the worker's answers.
class RPC {
  #worker;
  #next = 1;
  #pending = new Map();
  #closed = null;

  constructor(worker) {
    this.#worker = worker;
    worker.onmessage = (e) => {
      const { id, result, error } = e.data ?? {};
      const p = this.#pending.get(id);
      if (!p) return;
      this.#pending.delete(id);
      if (error) p.reject(Object.assign(new Error(error.message), { name: error.name ?? "Error" }));
      else p.resolve(result);
    };
    // A worker that fails to load or crashes fails every pending call.
    worker.onerror = (e) => {
      e.preventDefault?.();
      this.close(new Error(`idpreflight worker failed: ${e.message ?? e}`));
    };
    worker.onmessageerror = () => this.close(new Error("idpreflight worker: message could not be decoded"));
  }

  call(method, args, transfer = []) {
    if (this.#closed) return Promise.reject(this.#closed);
    return new Promise((resolve, reject) => {
      const id = this.#next++;
      this.#pending.set(id, { resolve, reject });
      try {
        this.#worker.postMessage({ id, method, args }, transfer);
      } catch (e) {
        this.#pending.delete(id);
        reject(e);
      }
    });
  }

  close(err) {
    if (this.#closed) return;
    this.#closed = err;
    this.#worker.terminate();
    for (const p of this.#pending.values()) p.reject(err);
    this.#pending.clear();
  }
}
