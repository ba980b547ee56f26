// node-worker.mjs — lets the browser package run under node for tests: a
// Worker class with the browser's shape (onmessage/onerror/postMessage/
// terminate) backed by worker_threads, and the worker-side shim that gives
// the worker module `self` and a fetch that reads file: URLs.
import { Worker as ThreadWorker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { readFile } from "node:fs/promises";

/** A browser-shaped Worker running a module worker script in a node thread. */
export class NodeWebWorker {
  #thread;
  constructor(url) {
    this.#thread = new ThreadWorker(new URL(import.meta.url), { workerData: { url: String(url) } });
    this.#thread.on("message", (data) => this.onmessage?.({ data }));
    this.#thread.on("error", (err) => this.onerror?.({ message: err.message, preventDefault() {} }));
    this.#thread.on("messageerror", () => this.onmessageerror?.({}));
  }
  postMessage(msg, transfer) { this.#thread.postMessage(msg, transfer); }
  terminate() { this.#thread.terminate(); }
}

if (!isMainThread && workerData?.url) {
  globalThis.self = globalThis;
  self.postMessage = (msg, transfer) => parentPort.postMessage(msg, transfer);
  // A browser queues messages until the worker script has run; do the same.
  const early = [];
  parentPort.on("message", (data) => (self.onmessage ? self.onmessage({ data }) : early.push(data)));
  const netFetch = globalThis.fetch;
  globalThis.fetch = async (url, init) => {
    const u = new URL(url);
    if (u.protocol !== "file:") return netFetch(url, init);
    try {
      return new Response(await readFile(u), { headers: { "content-type": "application/wasm" } });
    } catch {
      return new Response(null, { status: 404 });
    }
  };
  await import(workerData.url);
  for (const data of early.splice(0)) self.onmessage?.({ data });
}
