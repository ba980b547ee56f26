import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServerEngine } from '../server-engine.js';

// fakeServer answers like `preflight serve` and records the requests.
function fakeServer({ healthy = true } = {}) {
  const calls = [];
  const fetch = async (u, init = {}) => {
    const url = new URL(u);
    calls.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), method: init.method ?? 'GET', body: init.body });
    if (url.pathname.endsWith('/v1/health')) return new Response('{}', { status: healthy ? 200 : 404 });
    if (url.pathname.endsWith('/v1/check')) {
      if (init.body.length === 0) return Response.json({ error: 'no image in the request' }, { status: 400 });
      return Response.json({ valid: false, error_code: 819 });
    }
    if (url.pathname.endsWith('/v1/compress')) {
      return new Response(new Uint8Array([0xff, 0xd8, 0xff]), { headers: { 'X-Preflight-Recompress': '{"output_bytes":3}' } });
    }
    return new Response('', { status: 404 });
  };
  return { fetch, calls };
}

test('check and recompress go to the /v1 API with the options in the query', async () => {
  const srv = fakeServer();
  const pf = await createServerEngine('http://kiosk:8080/app/', { fetch: srv.fetch });
  const rep = await pf.check(new Uint8Array([1, 2, 3]), { side: 'back', documentType: 'passport', device: 'IOS' });
  assert.deepEqual(rep, { valid: false, error_code: 819 });
  const { blob, info } = await pf.recompress(new Uint8Array([4]), { maxBytes: 1000 });
  assert.equal(blob.size, 3);
  assert.equal(blob.type, 'image/jpeg');
  assert.deepEqual(info, { output_bytes: 3 });
  assert.deepEqual(
    srv.calls.map((c) => [c.method, c.path, c.query]),
    [
      ['GET', '/app/v1/health', {}],
      ['POST', '/app/v1/check', { side: 'back', type: 'passport', device: 'IOS' }],
      ['POST', '/app/v1/compress', { max_bytes: '1000' }],
    ],
  );
  assert.equal(pf.analyzeFrame, undefined);
});

test('server errors become rejected promises with the server message', async () => {
  const pf = await createServerEngine('http://kiosk/', { fetch: fakeServer().fetch });
  await assert.rejects(pf.check(new Uint8Array()), /no image in the request/);
});

test('no server: creation fails', async () => {
  await assert.rejects(createServerEngine('http://static/', { fetch: fakeServer({ healthy: false }).fetch }), /HTTP 404/);
});
