import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guessDevice, sidesFor, buildPayload, toFormData, postPayload, MAX_UPLOAD_BYTES } from '../payload.js';

test('guessDevice reads the user agent', () => {
  const cases = [
    { ua: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126 Mobile', want: 'ANDROID' },
    { ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15', want: 'IOS' },
    { ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15', touch: 5, want: 'IOS' },
    { ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15', touch: 0, want: 'DESKTOP' },
    { ua: 'Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/156', want: 'DESKTOP' },
    { ua: undefined, want: 'DESKTOP' },
  ];
  for (const c of cases) assert.equal(guessDevice(c.ua, c.touch), c.want, c.ua);
});

test('sidesFor: cards have two sides, passports one', () => {
  assert.deepEqual(sidesFor('identification_card'), ['front', 'back']);
  assert.deepEqual(sidesFor('passport'), ['front']);
});

const jpeg = (n) => new Blob([new Uint8Array(n)], { type: 'image/jpeg' });

test('buildPayload takes the sides the type needs and guards the limit', () => {
  const sides = { front: { blob: jpeg(10), report: { valid: true } }, back: { blob: jpeg(20), report: { valid: true } } };
  const card = buildPayload({ documentType: 'identification_card', device: 'DESKTOP', sides });
  assert.equal(card.frontside.size, 10);
  assert.equal(card.backside.size, 20);
  assert.deepEqual(Object.keys(card.reports), ['front', 'back']);
  const pass = buildPayload({ documentType: 'passport', device: 'IOS', sides });
  assert.equal(pass.backside, undefined);
  assert.throws(() => buildPayload({ documentType: 'identification_card', device: 'IOS', sides: { front: sides.front } }), /back side is missing/);
  assert.throws(
    () => buildPayload({ documentType: 'passport', device: 'IOS', sides: { front: { blob: jpeg(MAX_UPLOAD_BYTES + 1) } } }),
    /over 2000000/,
  );
});

test('toFormData lays out the endpoint fields', () => {
  const p = { frontside: jpeg(3), backside: jpeg(4), document_type: 'identification_card', device: 'ANDROID' };
  const f = toFormData(p);
  assert.deepEqual([...f.keys()], ['frontside', 'backside', 'document_type', 'device']);
  assert.equal(f.get('frontside').name, 'frontside.jpg');
  assert.equal(f.get('device'), 'ANDROID');
  const noBack = toFormData({ ...p, backside: undefined });
  assert.equal(noBack.has('backside'), false);
});

test('postPayload parses the answer and fails on HTTP errors', async () => {
  const p = { frontside: jpeg(3), document_type: 'passport', device: 'IOS' };
  const calls = [];
  const fake = (status, text) => async (url, init) => {
    calls.push({ url, init });
    return new Response(text, { status });
  };
  assert.deepEqual(await postPayload('/ocr', p, { fetch: fake(200, '{"valid":true}'), headers: { Authorization: 'Bearer x' } }), { valid: true });
  assert.equal(calls[0].init.method, 'POST');
  assert.equal(calls[0].init.headers.Authorization, 'Bearer x');
  assert.ok(calls[0].init.body instanceof FormData);
  assert.equal(await postPayload('/ocr', p, { fetch: fake(200, 'ok') }), 'ok');
  await assert.rejects(postPayload('/ocr', p, { fetch: fake(401, '{"detail":"expired"}') }), (err) => {
    assert.equal(err.status, 401);
    assert.deepEqual(err.body, { detail: 'expired' });
    return true;
  });
});
