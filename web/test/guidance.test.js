import { test } from 'node:test';
import assert from 'node:assert/strict';
import { instructionFor, Instruction, toneFor, Tone, Hysteresis, AutoCapture } from '../guidance.js';

test('instructionFor picks the first code that has an instruction', () => {
  const cases = [
    { name: 'no report yet', report: null, want: Instruction.START },
    { name: 'no document', report: { codes: [819] }, want: Instruction.FIND },
    { name: 'several documents first', report: { codes: [824, 822] }, want: Instruction.ONE_ONLY },
    { name: 'cropped', report: { codes: [821, 826] }, want: Instruction.WHOLE },
    { name: 'outside', report: { codes: [823] }, want: Instruction.WHOLE },
    { name: 'too small', report: { codes: [822] }, want: Instruction.CLOSER },
    { name: 'low resolution', report: { codes: [818] }, want: Instruction.CLOSER },
    { name: 'near edges', report: { codes: [825] }, want: Instruction.BACK_OFF },
    { name: 'no portrait', report: { codes: [820] }, want: Instruction.PHOTO_SIDE },
    { name: 'glare', report: { codes: [829] }, want: Instruction.GLARE },
    { name: 'blur', report: { codes: [826] }, want: Instruction.BLUR },
    { name: 'dark', report: { codes: [828], metrics: { luma_mean: 30 } }, want: Instruction.DARK },
    { name: 'bright', report: { codes: [828], metrics: { luma_mean: 240 } }, want: Instruction.BRIGHT },
    { name: 'exposure unknown', report: { codes: [828], metrics: {} }, want: Instruction.LIGHT },
    { name: 'unknown code skipped', report: { codes: [999, 829] }, want: Instruction.GLARE },
    { name: 'passing, moving', report: { codes: [], stable: false, ready: false }, want: Instruction.STEADY },
    { name: 'ready', report: { codes: [], stable: true, ready: true }, want: Instruction.HOLD },
  ];
  for (const c of cases) assert.equal(instructionFor(c.report), c.want, c.name);
});

test('toneFor: green passes, amber for small fixes, red for framing', () => {
  const cases = [
    { report: { codes: [] }, want: Tone.PASS },
    { report: { codes: [826, 829] }, want: Tone.WARN },
    { report: { codes: [825] }, want: Tone.WARN },
    { report: { codes: [821] }, want: Tone.FAIL },
    { report: { codes: [824, 826] }, want: Tone.FAIL },
    { report: null, want: Tone.FAIL },
  ];
  for (const c of cases) assert.equal(toneFor(c.report), c.want, JSON.stringify(c.report));
});

test('Hysteresis holds an instruction and switches after it settles', () => {
  const h = new Hysteresis({ settleMs: 300, minShowMs: 1000 });
  const steps = [
    { t: 0, wanted: 'find', want: 'find' }, // first is shown at once
    { t: 100, wanted: 'closer', want: 'find' }, // new candidate
    { t: 200, wanted: 'find', want: 'find' }, // flicker back: candidate dropped
    { t: 300, wanted: 'closer', want: 'find' }, // candidate again, since 300
    { t: 700, wanted: 'closer', want: 'find' }, // settled but find shown < 1000 ms
    { t: 1000, wanted: 'closer', want: 'closer' }, // both conditions met
    { t: 1100, wanted: 'glare', want: 'closer' },
    { t: 1200, wanted: 'blur', want: 'closer' }, // candidate changes: restarts
    { t: 1450, wanted: 'blur', want: 'closer' },
    { t: 2100, wanted: 'blur', want: 'blur' },
    { t: 2150, wanted: 'hold', want: 'hold' }, // immediate
  ];
  for (const s of steps) assert.equal(h.update(s.wanted, s.t), s.want, `t=${s.t}`);
  h.reset();
  assert.equal(h.update('find', 5000), 'find');
});

test('Hysteresis rejects negative times', () => {
  assert.throws(() => new Hysteresis({ settleMs: -1 }), RangeError);
  assert.throws(() => new Hysteresis({ minShowMs: NaN }), RangeError);
});

test('AutoCapture fires after the window and the frame count', () => {
  const cases = [
    {
      name: 'steady ready frames',
      frames: [[true, 0], [true, 100], [true, 200], [true, 300], [true, 400], [true, 500], [true, 600]],
      want: [false, false, false, false, false, false, true],
    },
    {
      name: 'fast frames need the window',
      frames: [[true, 0], [true, 10], [true, 20], [true, 30], [true, 40], [true, 600]],
      want: [false, false, false, false, false, true],
    },
    {
      name: 'slow frames need the count',
      frames: [[true, 0], [true, 700], [true, 1400], [true, 2100], [true, 2800]],
      want: [false, false, false, false, true],
    },
    {
      name: 'one miss is forgiven',
      frames: [[true, 0], [true, 100], [false, 200], [true, 300], [true, 400], [true, 500], [true, 600]],
      want: [false, false, false, false, false, false, true],
    },
    {
      name: 'two misses restart',
      frames: [[true, 0], [true, 100], [false, 200], [false, 300], [true, 400], [true, 500], [true, 600], [true, 700], [true, 800], [true, 1000]],
      want: [false, false, false, false, false, false, false, false, false, true],
    },
    {
      name: 'never ready',
      frames: [[false, 0], [false, 1000], [false, 2000]],
      want: [false, false, false],
    },
  ];
  for (const c of cases) {
    const a = new AutoCapture({ windowMs: 600, minFrames: 5, graceFrames: 1 });
    const got = c.frames.map(([ready, t]) => a.update(ready, t));
    assert.deepEqual(got, c.want, c.name);
  }
});

test('AutoCapture progress grows to 1 and resets', () => {
  const a = new AutoCapture({ windowMs: 400, minFrames: 2 });
  assert.equal(a.progress(0), 0);
  a.update(true, 0);
  assert.equal(a.progress(200), 0.5);
  a.update(true, 200);
  assert.equal(a.progress(400), 1);
  a.reset();
  assert.equal(a.progress(500), 0);
  assert.throws(() => new AutoCapture({ minFrames: 0 }), RangeError);
});
