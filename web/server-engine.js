// A stand-in for the WebAssembly engine when it cannot load (old browser,
// binary built without `make wasm`): the same check and recompress calls,
// answered by `preflight serve`'s /v1 API. It has no analyzeFrame, so the
// page offers the file input (which opens the camera app on phones)
// instead of live guidance.

/**
 * createServerEngine returns {check, recompress, terminate} backed by the
 * /v1 API under base, after /v1/health answers.
 * @param {string|URL} base the page's base URL, e.g. location.href
 * @param {{fetch?: typeof fetch}} [opts]
 */
export async function createServerEngine(base, { fetch: doFetch = globalThis.fetch } = {}) {
  const url = (path, params = {}) => {
    const u = new URL(path, base);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, String(v));
    return u;
  };
  const health = await doFetch(url('v1/health'));
  if (!health.ok) throw new Error(`no preflight server at ${url('v1/health')}: HTTP ${health.status}`);
  const post = async (u, body) => {
    const res = await doFetch(u, { method: 'POST', body, headers: { 'Content-Type': 'application/octet-stream' } });
    if (!res.ok) {
      const msg = await res.json().then((j) => j.error, () => `HTTP ${res.status}`);
      throw new Error(msg);
    }
    return res;
  };
  return {
    engine: 'server',
    async check(bytes, { side, documentType, device } = {}) {
      const res = await post(url('v1/check', { side, type: documentType, device }), bytes);
      return res.json();
    },
    async recompress(input, { maxBytes } = {}) {
      const res = await post(url('v1/compress', { max_bytes: maxBytes }), input);
      const info = JSON.parse(res.headers.get('X-Preflight-Recompress') ?? '{}');
      return { blob: new Blob([await res.arrayBuffer()], { type: 'image/jpeg' }), info };
    },
    terminate() {},
  };
}
