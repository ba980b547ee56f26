// Guidance: which single instruction to show for a frame report, how to keep
// it from flickering, and when to take the photo. Pure logic with an injected
// clock, so it runs (and is tested) under node as well as in the browser.

/**
 * Instruction keys, most urgent first. A frame report's failing codes map to
 * one of these; the first that applies is shown. i18n.js has the texts.
 */
export const Instruction = Object.freeze({
  START: 'start', // no report yet
  FIND: 'find', // 819: no document
  ONE_ONLY: 'one_only', // 824: several documents
  WHOLE: 'whole', // 821 / 823: part of the document is outside the frame
  CLOSER: 'closer', // 822 / 818: document too small / too few pixels
  BACK_OFF: 'back_off', // 825: document touching the edges
  PHOTO_SIDE: 'photo_side', // 820: portrait not visible
  GLARE: 'glare', // 829: reflections
  LIGHT: 'light', // 828: too dark or too bright
  DARK: 'dark', // 828 with a low luma mean
  BRIGHT: 'bright', // 828 with a high luma mean
  BLUR: 'blur', // 826 / 827: blurry
  STEADY: 'steady', // passing but not yet stable
  HOLD: 'hold', // ready: capturing
});

// codeInstruction maps each endpoint code to what the person should do.
const codeInstruction = new Map([
  [819, Instruction.FIND],
  [824, Instruction.ONE_ONLY],
  [821, Instruction.WHOLE],
  [823, Instruction.WHOLE],
  [822, Instruction.CLOSER],
  [825, Instruction.BACK_OFF],
  [820, Instruction.PHOTO_SIDE],
  [829, Instruction.GLARE],
  [828, Instruction.LIGHT],
  [826, Instruction.BLUR],
  [827, Instruction.BLUR],
  [818, Instruction.CLOSER],
]);

// The luma mean (0..255) splits 828 into "too dark" and "too bright".
const LUMA_MID = 128;

/**
 * instructionFor picks the one instruction for a FrameReport: the first of
 * its failing codes (they come in priority order) that has an instruction;
 * "steady" when it passes but the quad still moves; "hold" when ready.
 * @param {{codes?: number[], stable?: boolean, ready?: boolean, metrics?: object}|null} report
 * @returns {string} an Instruction value
 */
export function instructionFor(report) {
  if (!report) return Instruction.START;
  for (const code of report.codes ?? []) {
    const key = codeInstruction.get(code);
    if (key === Instruction.LIGHT) return exposureInstruction(report.metrics);
    if (key) return key;
  }
  if (report.ready) return Instruction.HOLD;
  return Instruction.STEADY;
}

function exposureInstruction(metrics) {
  const luma = metrics?.luma_mean;
  if (typeof luma !== 'number' || !Number.isFinite(luma)) return Instruction.LIGHT;
  return luma < LUMA_MID ? Instruction.DARK : Instruction.BRIGHT;
}

/** Overlay tones for the detected quad. */
export const Tone = Object.freeze({ PASS: 'pass', WARN: 'warn', FAIL: 'fail' });

// Codes the person fixes by small moves or by light: the quad is amber.
// Everything else (cropped, outside, several documents) is red.
const softCodes = new Set([818, 820, 822, 825, 826, 827, 828, 829]);

/**
 * toneFor tells how to draw the quad: green when the frame would pass,
 * amber when only small corrections are needed, red otherwise.
 * @param {{codes?: number[]}|null} report
 * @returns {string} a Tone value
 */
export function toneFor(report) {
  const codes = report?.codes ?? [];
  if (codes.length === 0) return report ? Tone.PASS : Tone.FAIL;
  return codes.every((c) => softCodes.has(c)) ? Tone.WARN : Tone.FAIL;
}

/**
 * Hysteresis keeps one instruction on screen long enough to be read: a new
 * candidate replaces the shown one only after it has been the candidate for
 * `settleMs`, and never before the shown one has stayed `minShowMs`. "hold"
 * (ready) is shown at once: it must not lag behind the capture.
 */
export class Hysteresis {
  /**
   * @param {{settleMs?: number, minShowMs?: number, immediate?: string[]}} [opts]
   */
  constructor({ settleMs = 350, minShowMs = 1200, immediate = [Instruction.HOLD] } = {}) {
    if (!(settleMs >= 0) || !(minShowMs >= 0)) {
      throw new RangeError('Hysteresis: settleMs and minShowMs must be >= 0');
    }
    this.settleMs = settleMs;
    this.minShowMs = minShowMs;
    this.immediate = new Set(immediate);
    this.shown = null;
    this.shownSince = 0;
    this.candidate = null;
    this.candidateSince = 0;
  }

  /**
   * update feeds the instruction wanted now and returns the one to show.
   * @param {string} wanted
   * @param {number} now milliseconds, monotonic
   * @returns {string}
   */
  update(wanted, now) {
    if (this.shown === null || wanted === this.shown) {
      if (this.shown === null) this.show(wanted, now);
      this.candidate = null;
      return this.shown;
    }
    if (wanted !== this.candidate) {
      this.candidate = wanted;
      this.candidateSince = now;
    }
    const settled = now - this.candidateSince >= this.settleMs;
    const readLongEnough = now - this.shownSince >= this.minShowMs;
    if (this.immediate.has(wanted) || (settled && readLongEnough)) {
      this.show(wanted, now);
      this.candidate = null;
    }
    return this.shown;
  }

  show(key, now) {
    this.shown = key;
    this.shownSince = now;
  }

  /** reset forgets the shown instruction (new capture). */
  reset() {
    this.shown = null;
    this.candidate = null;
  }
}

/**
 * AutoCapture decides when to take the photo: after the frames have been
 * `ready` (passing and stable) for `windowMs` and at least `minFrames`
 * frames. One non-ready frame inside the window is forgiven (`graceFrames`),
 * because a single noisy detection should not restart the count; more
 * restart it.
 */
export class AutoCapture {
  /**
   * @param {{windowMs?: number, minFrames?: number, graceFrames?: number}} [opts]
   */
  constructor({ windowMs = 600, minFrames = 3, graceFrames = 1 } = {}) {
    if (!(windowMs >= 0) || !(minFrames >= 1) || !(graceFrames >= 0)) {
      throw new RangeError('AutoCapture: windowMs >= 0, minFrames >= 1, graceFrames >= 0');
    }
    this.windowMs = windowMs;
    this.minFrames = minFrames;
    this.graceFrames = graceFrames;
    this.reset();
  }

  /** reset starts over (after a capture or a retake). */
  reset() {
    this.since = null; // time of the first ready frame of the streak
    this.frames = 0;
    this.misses = 0;
  }

  /**
   * update feeds one analysed frame and says whether to capture now.
   * @param {boolean} ready the frame's `ready`
   * @param {number} now milliseconds, monotonic
   * @returns {boolean}
   */
  update(ready, now) {
    if (!ready) {
      if (this.since !== null && this.misses < this.graceFrames) {
        this.misses++;
        return false;
      }
      this.reset();
      return false;
    }
    if (this.since === null) this.since = now;
    this.frames++;
    return this.frames >= this.minFrames && now - this.since >= this.windowMs;
  }

  /**
   * progress is how far the streak is towards a capture, 0..1, for a ring
   * or bar on screen.
   * @param {number} now
   * @returns {number}
   */
  progress(now) {
    if (this.since === null) return 0;
    const byTime = this.windowMs === 0 ? 1 : (now - this.since) / this.windowMs;
    const byFrames = this.frames / this.minFrames;
    return Math.max(0, Math.min(1, byTime, byFrames));
  }
}
