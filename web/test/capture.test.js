import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analysisSize, frameWaiter } from '../capture.js';

test('analysisSize keeps the aspect and never upscales', () => {
  const cases = [
    { in: [1920, 1080], want: { w: 640, h: 360 } },
    { in: [960, 720], want: { w: 640, h: 480 } },
    { in: [720, 1280], want: { w: 360, h: 640 } },
    { in: [320, 240], want: { w: 320, h: 240 } },
    { in: [0, 0], want: { w: 1, h: 1 } },
  ];
  for (const c of cases) assert.deepEqual(analysisSize(...c.in), c.want, c.in.join('x'));
});

// fakeVideo presents frames on demand, as requestVideoFrameCallback does.
function fakeVideo() {
  const callbacks = [];
  return {
    requestVideoFrameCallback: (cb) => callbacks.push(cb),
    present() {
      const due = callbacks.splice(0);
      for (const cb of due) cb();
    },
    waiting: () => callbacks.length,
  };
}

const settled = async (p) => {
  let done = false;
  p.then(() => (done = true));
  await new Promise((r) => setTimeout(r, 0));
  return done;
};

test('frameWaiter resolves at once for a frame that came during the analysis', async () => {
  const v = fakeVideo();
  let running = true;
  const next = frameWaiter(v, () => running);
  v.present(); // arrives while frame 0 would be analysed
  assert.equal(await settled(next()), true);
  const p = next(); // nothing new: waits
  assert.equal(await settled(p), false);
  v.present();
  assert.equal(await settled(p), true);
  running = false;
  v.present(); // the last callback does not ask for more
  assert.equal(v.waiting(), 0);
});

test('frameWaiter falls back to the next paint without requestVideoFrameCallback', async () => {
  let painted = 0;
  globalThis.requestAnimationFrame = (cb) => setTimeout(() => (painted++, cb()), 0);
  try {
    await frameWaiter({}, () => true)();
    assert.equal(painted, 1);
  } finally {
    delete globalThis.requestAnimationFrame;
  }
});
