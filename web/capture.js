// The capture page's controller: camera, live guidance on analysed frames,
// auto-capture, the full check of the still, review, front/back sides and
// the final payload. It owns the DOM inside the element it is mounted on.
//
// Events dispatched on that element (all bubble):
//   preflight:state     {state}                       the screen changed
//   preflight:instruction {key, text}                 the live instruction changed
//   preflight:capture   {side, blob, report, info}    a side was checked
//   preflight:complete  {payload}                     every side accepted
//   preflight:submitted {response} / preflight:error {error}

import { createPreflight } from './preflight.js';
import { createServerEngine } from './server-engine.js';
import { instructionFor, toneFor, Tone, Hysteresis, AutoCapture } from './guidance.js';
import { pickLanguage, translator } from './i18n.js';
import { guessDevice, sidesFor, buildPayload, postPayload, MAX_UPLOAD_BYTES } from './payload.js';

/** The long side of the frames analysed live, in pixels. */
export const ANALYSIS_LONG_SIDE = 640;

/** Screens of the page, the value of the root's data-state. */
export const State = Object.freeze({
  LOADING: 'loading', // loading the engine and the camera
  LIVE: 'live', // camera on, guidance running
  FILE: 'file', // no camera: file input only
  CHECKING: 'checking', // checking a still
  REVIEW: 'review', // showing a checked still
  DONE: 'done', // every side accepted
  ERROR: 'error', // the engine could not load
});

// toneColour draws the quad; the instruction text carries the same meaning
// for people who do not see colour.
const toneColour = { [Tone.PASS]: '#2ecc40', [Tone.WARN]: '#ffb300', [Tone.FAIL]: '#ff4136' };

const JPEG_QUALITY = 0.92;

/**
 * mountCapture builds the capture UI inside root and starts it.
 * @param {HTMLElement} root
 * @param {{documentType?: string, endpoint?: string, headers?: Record<string,string>,
 *   lang?: string, device?: string, camera?: boolean, onComplete?: (payload) => void,
 *   preflight?: object, workerURL?: string|URL, wasmURL?: string|URL}} [options]
 * @returns {Promise<CaptureController>}
 */
export async function mountCapture(root, options = {}) {
  const c = new CaptureController(root, options);
  await c.start();
  return c;
}

/** CaptureController runs one capture session; see mountCapture. */
export class CaptureController {
  constructor(root, options = {}) {
    this.root = root;
    this.options = options;
    this.documentType = options.documentType === 'passport' ? 'passport' : 'identification_card';
    this.lang = options.lang ?? pickLanguage(globalThis.navigator?.languages ?? globalThis.navigator?.language);
    this.t = translator(this.lang);
    this.device = options.device ?? guessDevice(globalThis.navigator?.userAgent, globalThis.navigator?.maxTouchPoints);
    this.sides = sidesFor(this.documentType);
    this.sideIndex = 0;
    this.captured = {};
    this.hysteresis = new Hysteresis();
    this.auto = new AutoCapture();
    this.state = null;
    this.stream = null;
    this.pending = null; // the still under review: {blob, report, info}
    this.loopGen = 0; // counts live runs; a run stops when it is not the last
    this.stats = newStats();
    this.ui = render(root, this.t);
    this.bindUI();
  }

  get side() {
    return this.sides[this.sideIndex];
  }

  /** start loads the engine and the camera. */
  async start() {
    this.setState(State.LOADING, this.t('state.loading'));
    try {
      this.pf = this.options.preflight ?? (await this.loadEngine());
    } catch (err) {
      this.setState(State.ERROR, this.t('state.engine_failed', { error: err?.message ?? String(err) }));
      this.emit('preflight:error', { error: err });
      return;
    }
    await this.begin();
  }

  // begin starts the first side: live when there is a camera and an
  // engine that analyses frames, else with the file input.
  async begin() {
    // Live guidance needs analyzeFrame; the server stand-in has none.
    const live = typeof this.pf.analyzeFrame === 'function' && this.options.camera !== false;
    if (!live || !(await this.openCamera())) {
      this.setState(State.FILE, this.t('state.no_camera'));
      return;
    }
    this.goLive();
  }

  /** restart forgets every side captured and starts over. */
  async restart() {
    this.stopCamera();
    this.captured = {};
    this.pending = null;
    this.payload = null;
    this.sideIndex = 0;
    this.stats = newStats();
    this.ui.notice.textContent = '';
    await this.begin();
  }

  // loadEngine starts the WebAssembly engine, or, when it cannot load, the
  // /v1 API of the `preflight serve` that served the page.
  async loadEngine() {
    try {
      return await createPreflight({ workerURL: this.options.workerURL, wasmURL: this.options.wasmURL });
    } catch (err) {
      this.emit('preflight:error', { error: err });
      try {
        return await createServerEngine(globalThis.location?.href);
      } catch {
        throw err; // the engine's failure says more than the stand-in's
      }
    }
  }

  async openCamera() {
    const md = globalThis.navigator?.mediaDevices;
    if (!md?.getUserMedia) return false;
    try {
      // Ask high; the browser picks the best mode the camera has.
      this.stream = await md.getUserMedia({
        audio: false,
        video: { facingMode: { ideal: 'environment' }, width: { ideal: 3840 }, height: { ideal: 2160 } },
      });
    } catch {
      return false;
    }
    const v = this.ui.video;
    v.srcObject = this.stream;
    await v.play().catch(() => {});
    if (!v.videoWidth) await new Promise((r) => v.addEventListener('loadedmetadata', r, { once: true }));
    this.ui.viewport.style.aspectRatio = `${v.videoWidth} / ${v.videoHeight}`;
    return true;
  }

  goLive() {
    this.hysteresis.reset();
    this.auto.reset();
    this.stats = newStats();
    // The worker's stability history belongs to the previous side / try.
    this.pf.resetFrames?.();
    this.setState(State.LIVE, this.t('start'));
    this.loop(++this.loopGen);
  }

  // loop analyses one frame at a time while the state is live; frames that
  // arrive while the worker is busy are skipped, so guidance never lags.
  // gen ends a loop left over from a previous go at this side.
  async loop(gen) {
    const v = this.ui.video;
    const running = () => this.state === State.LIVE && gen === this.loopGen;
    let work = null;
    let failures = 0;
    const opts = { side: this.side, documentType: this.documentType, device: this.device };
    const nextFrame = frameWaiter(v, running);
    while (running()) {
      await nextFrame();
      if (!running()) break;
      // The size can change mid-run (a phone turned), so it is read per frame.
      const { w, h } = analysisSize(v.videoWidth, v.videoHeight);
      if (work?.width !== w || work?.height !== h) {
        work = makeCanvas(w, h);
        this.ui.overlay.width = w;
        this.ui.overlay.height = h;
      }
      // The frame is held at full resolution until the next one, so that
      // the still taken is the frame judged ready, not a later one (the
      // document may have moved, or a fake camera's video looped).
      const frame = await grabFrame(v);
      const ctx = work.getContext('2d', { willReadFrequently: true });
      ctx.drawImage(frame, 0, 0, w, h);
      const { data } = ctx.getImageData(0, 0, w, h);
      let report;
      try {
        report = await this.pf.analyzeFrame(data, w, h, opts);
        failures = 0;
      } catch (err) {
        frame.close?.();
        // Report the first failure of a run, not one per frame.
        if (failures++ === 0) this.emit('preflight:error', { error: err });
        continue;
      }
      const fire = running() && this.onFrame(report, performance.now());
      if (fire) await this.captureStill(frame);
      frame.close?.();
    }
  }

  // onFrame updates the overlay, the instruction and the auto-capture
  // window; it returns true when the photo should be taken now.
  onFrame(report, now) {
    const s = this.stats;
    s.frames++;
    s.firstFrameAt ??= now;
    s.lastFrameAt = now;
    s.analyseMs += report.ms ?? 0;
    s.stableSince = report.stable ? (s.stableSince ?? now) : null;
    drawQuads(this.ui.overlay, report);
    // A slow analyser leaves the outline behind the video: it fades while
    // it grows old, so a stale outline does not look like a live one.
    this.ui.overlay.animate?.([{ opacity: 1 }, { opacity: 1, offset: 0.4 }, { opacity: 0.3 }], { duration: 1500, fill: 'forwards' });
    const shown = this.hysteresis.update(instructionFor(report), now);
    if (shown !== this.root.dataset.instruction) {
      this.root.dataset.instruction = shown;
      this.emit('preflight:instruction', { key: shown, text: this.t(shown) });
    }
    this.setInstruction(this.t(shown));
    const fire = this.auto.update(Boolean(report.ready), now);
    this.ui.progress.style.setProperty('--progress', String(this.auto.progress(now)));
    this.ui.root.dataset.tone = toneFor(report);
    if (fire) {
      s.readySince = this.auto.since;
      s.stableAtCapture = s.stableSince;
      s.capturedAt = now;
    }
    return fire;
  }

  // captureStill takes the full-resolution frame and checks it.
  // frame is the analysed frame (an ImageBitmap); the manual button takes
  // the video's current one.
  async captureStill(frame = this.ui.video) {
    const w = frame.videoWidth ?? frame.width;
    const h = frame.videoHeight ?? frame.height;
    const full = makeCanvas(w, h);
    full.getContext('2d').drawImage(frame, 0, 0);
    this.setState(State.CHECKING, this.t('state.checking'));
    const blob = await canvasToJPEG(full, JPEG_QUALITY);
    await this.checkStill(blob);
  }

  // checkStill recompresses under the upload limit and checks the bytes that
  // would be uploaded, then shows the review.
  // fromFile says the input was chosen by the person, so a failure most
  // likely means a file that is not a photo.
  async checkStill(input, fromFile = false) {
    this.setState(State.CHECKING, this.t('state.checking'));
    const t0 = performance.now();
    let out;
    try {
      const { blob, info } = await this.shrink(input);
      const bytes = new Uint8Array(await blob.arrayBuffer());
      const report = await this.pf.check(bytes, { side: this.side, documentType: this.documentType, device: this.device });
      out = { blob, info, report };
    } catch (err) {
      this.emit('preflight:error', { error: err });
      this.showReview(null, fromFile ? this.t('state.read_failed') : this.t('state.check_failed', { error: err?.message ?? String(err) }));
      return;
    }
    this.stats.checkMs = performance.now() - t0;
    this.pending = out;
    this.emit('preflight:capture', { side: this.side, ...out });
    this.showReview(out);
  }

  // shrink recompresses under the upload limit. A JPEG already under it is
  // used as it is when the engine cannot recompress, since there is
  // nothing to gain; anything else needs the engine.
  async shrink(input) {
    try {
      return await this.pf.recompress(input, { maxBytes: MAX_UPLOAD_BYTES });
    } catch (err) {
      if (input.type !== 'image/jpeg' || input.size > MAX_UPLOAD_BYTES) throw err;
      this.emit('preflight:error', { error: err });
      return { blob: input, info: { action: 'untouched', input_format: 'jpeg', input_bytes: input.size, output_bytes: input.size, max_bytes: MAX_UPLOAD_BYTES } };
    }
  }

  showReview(out, failure) {
    const ui = this.ui;
    const valid = Boolean(out?.report?.valid);
    ui.use.hidden = !valid;
    if (ui.preview.src) URL.revokeObjectURL(ui.preview.src);
    ui.preview.hidden = !out;
    if (out) ui.preview.src = URL.createObjectURL(out.blob);
    ui.preview.alt = this.t(`side.${this.side}`);
    const reasons = (out?.report?.issues ?? []).filter((is) => is.severity === 'fail');
    ui.reasons.replaceChildren(
      ...reasons.map((is) => {
        const li = document.createElement('li');
        li.textContent = this.t(`code.${is.code}`);
        li.dataset.code = String(is.code);
        return li;
      }),
    );
    ui.size.textContent = out ? this.t('size', { kb: Math.round(out.blob.size / 1000) }) : '';
    this.root.dataset.valid = String(valid);
    // The live region says the verdict and the main reason (all are listed).
    let verdict = failure ?? this.t(valid ? 'state.accepted' : 'state.rejected');
    if (!failure && reasons.length) verdict += ' ' + this.t(`code.${reasons[0].code}`);
    this.setState(State.REVIEW, verdict);
    (valid ? ui.use : ui.retake).focus();
  }

  // accept keeps the reviewed still and moves to the next side or finishes.
  async accept() {
    if (!this.pending?.report?.valid) return;
    this.captured[this.side] = this.pending;
    this.pending = null;
    if (this.sideIndex + 1 < this.sides.length) {
      this.sideIndex++;
      this.ui.notice.textContent = this.t('next.back');
      if (this.stream) this.goLive();
      else this.setState(State.FILE, this.t('next.back'));
      return;
    }
    await this.finish();
  }

  retake() {
    this.pending = null;
    if (this.stream) this.goLive();
    else this.setState(State.FILE, this.t('btn.file'));
  }

  async finish() {
    const payload = buildPayload({ documentType: this.documentType, device: this.device, sides: this.captured });
    this.stopCamera();
    this.payload = payload;
    this.ui.thumbs.replaceChildren(
      ...this.sides.map((side) => {
        const fig = document.createElement('figure');
        const img = document.createElement('img');
        img.src = URL.createObjectURL(this.captured[side].blob);
        img.alt = this.t(`side.${side}`);
        const cap = document.createElement('figcaption');
        cap.textContent = this.t(`side.${side}`);
        fig.append(img, cap);
        return fig;
      }),
    );
    this.ui.notice.textContent = '';
    this.setState(State.DONE, this.t('state.done'));
    this.emit('preflight:complete', { payload });
    this.options.onComplete?.(payload);
    if (!this.options.endpoint) return;
    this.setInstruction(this.t('state.sending'));
    try {
      const response = await postPayload(this.options.endpoint, payload, { headers: this.options.headers });
      this.setInstruction(this.t('state.sent'));
      this.emit('preflight:submitted', { response });
    } catch (err) {
      this.setInstruction(this.t('state.send_failed', { error: err.message }));
      this.emit('preflight:error', { error: err });
    }
  }

  stopCamera() {
    for (const tr of this.stream?.getTracks() ?? []) tr.stop();
    this.stream = null;
  }

  bindUI() {
    const ui = this.ui;
    ui.captureNow.addEventListener('click', () => {
      if (this.state !== State.LIVE) return;
      this.stats.capturedAt = performance.now();
      this.stats.manual = true;
      this.captureStill();
    });
    ui.file.addEventListener('change', () => {
      const f = ui.file.files?.[0];
      ui.file.value = '';
      if (f) this.checkStill(f, true);
    });
    ui.use.addEventListener('click', () => this.accept());
    ui.retake.addEventListener('click', () => this.retake());
    ui.restart.addEventListener('click', () => this.restart());
  }

  setState(state, announce) {
    this.state = state;
    const type = this.t(`type.${this.documentType}`);
    this.ui.sideLabel.textContent = state === State.DONE ? type : `${type} · ${this.t(`side.${this.side}`)}`;
    this.root.dataset.state = state;
    for (const [name, el] of Object.entries(this.ui.screens)) el.hidden = !screenShows(name, state);
    this.ui.fileRow.hidden = !(state === State.LIVE || state === State.FILE);
    this.ui.captureNow.hidden = state !== State.LIVE;
    if (announce !== undefined) this.setInstruction(announce);
    this.emit('preflight:state', { state });
  }

  setInstruction(text) {
    if (this.ui.status.textContent !== text) this.ui.status.textContent = text;
  }

  emit(type, detail) {
    // Errors also go to the console, where integrators look first.
    if (type === 'preflight:error') console.warn('idpreflight:', detail.error);
    this.root.dispatchEvent(new CustomEvent(type, { detail, bubbles: true }));
  }

  /**
   * summary returns the live-run measurements: frames analysed per second,
   * the mean analysis time, and the time from the document being steady
   * (stable quad, then ready) to the capture.
   */
  summary() {
    const s = this.stats;
    const span = (s.lastFrameAt ?? 0) - (s.firstFrameAt ?? 0);
    return {
      frames: s.frames,
      fps: span > 0 ? ((s.frames - 1) * 1000) / span : 0,
      analyseMsMean: s.frames ? s.analyseMs / s.frames : 0,
      stableToCaptureMs: s.stableAtCapture != null ? s.capturedAt - s.stableAtCapture : null,
      readyToCaptureMs: s.readySince != null ? s.capturedAt - s.readySince : null,
      checkMs: s.checkMs ?? null,
      manual: Boolean(s.manual),
    };
  }
}

function newStats() {
  return { frames: 0, analyseMs: 0, firstFrameAt: null, lastFrameAt: null, stableSince: null, readySince: null, stableAtCapture: null, capturedAt: null, checkMs: null, manual: false };
}

// screenShows says which screen sections are visible in a state.
function screenShows(screen, state) {
  switch (screen) {
    case 'live':
      return state === State.LIVE || state === State.LOADING || state === State.CHECKING;
    case 'review':
      return state === State.REVIEW;
    case 'done':
      return state === State.DONE;
    case 'fileOnly':
      return state === State.FILE || state === State.ERROR;
  }
  return false;
}

/**
 * analysisSize scales a video size so its long side is ANALYSIS_LONG_SIDE
 * (never up), keeping the aspect ratio.
 * @returns {{w: number, h: number}}
 */
export function analysisSize(width, height, longSide = ANALYSIS_LONG_SIDE) {
  const scale = Math.min(1, longSide / Math.max(width, height, 1));
  return { w: Math.max(1, Math.round(width * scale)), h: Math.max(1, Math.round(height * scale)) };
}

function makeCanvas(w, h) {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(w, h);
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  return c;
}

function canvasToJPEG(canvas, quality) {
  if (canvas.convertToBlob) return canvas.convertToBlob({ type: 'image/jpeg', quality });
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('JPEG encoding failed'))), 'image/jpeg', quality));
}

// grabFrame holds the video's current frame at full resolution: an
// ImageBitmap where the browser has them (a cheap GPU copy), else the
// video element itself.
async function grabFrame(video) {
  if (typeof createImageBitmap !== 'function') return video;
  try {
    return await createImageBitmap(video);
  } catch {
    return video;
  }
}

// frameWaiter returns a function that resolves as soon as the video has
// a frame not analysed yet: at once when one arrived during the last
// analysis, else at the next one. Without requestVideoFrameCallback it
// waits for the next paint. Its callbacks stop when running() turns false.
export function frameWaiter(video, running) {
  if (!video.requestVideoFrameCallback) return () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  let presented = 0;
  let seen = 0;
  let wake = null;
  const tick = () => {
    presented++;
    wake?.();
    wake = null;
    if (running()) video.requestVideoFrameCallback(tick);
  };
  video.requestVideoFrameCallback(tick);
  return () => {
    if (presented > seen) {
      seen = presented;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      wake = () => {
        seen = presented;
        resolve();
      };
    });
  };
}

function drawQuads(canvas, report) {
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const quads = report.quads ?? [];
  const sx = canvas.width / (report.width || canvas.width);
  const sy = canvas.height / (report.height || canvas.height);
  const line = Math.max(3, canvas.width / 160);
  quads.forEach((q, i) => {
    if (!Array.isArray(q) || q.length !== 4) return;
    ctx.beginPath();
    q.forEach(([x, y], k) => (k === 0 ? ctx.moveTo(x * sx, y * sy) : ctx.lineTo(x * sx, y * sy)));
    ctx.closePath();
    ctx.lineWidth = line;
    ctx.setLineDash(i === 0 ? [] : [line * 2, line * 2]);
    ctx.strokeStyle = i === 0 ? toneColour[toneFor(report)] : toneColour[Tone.FAIL];
    ctx.stroke();
  });
}

// render lays out the page inside root and returns its parts.
function render(root, t) {
  root.classList.add('pf');
  root.innerHTML = `
    <header class="pf-head">
      <h1>${esc(t('title'))}</h1>
      <p class="pf-side" data-ref="sideLabel"></p>
      <p class="pf-notice" data-ref="notice"></p>
    </header>
    <p class="pf-status" role="status" aria-live="polite" aria-atomic="true" data-ref="status"></p>
    <section class="pf-live" data-ref="live">
      <div class="pf-viewport" data-ref="viewport">
        <video data-ref="video" playsinline muted autoplay aria-hidden="true"></video>
        <canvas data-ref="overlay" aria-hidden="true"></canvas>
      </div>
      <div class="pf-progress" data-ref="progress" aria-hidden="true"><span></span></div>
      <div class="pf-actions">
        <button type="button" class="pf-primary" data-ref="captureNow">${esc(t('btn.capture'))}</button>
      </div>
    </section>
    <section class="pf-review" data-ref="review" hidden>
      <ul class="pf-reasons" data-ref="reasons"></ul>
      <img data-ref="preview" alt="" />
      <p class="pf-size" data-ref="size"></p>
      <div class="pf-actions">
        <button type="button" class="pf-primary" data-ref="use">${esc(t('btn.use'))}</button>
        <button type="button" data-ref="retake">${esc(t('btn.retake'))}</button>
      </div>
    </section>
    <section class="pf-done" data-ref="done" hidden>
      <div class="pf-thumbs" data-ref="thumbs"></div>
      <div class="pf-actions">
        <button type="button" data-ref="restart">${esc(t('btn.restart'))}</button>
      </div>
    </section>
    <section class="pf-fileonly" data-ref="fileOnly" hidden></section>
    <div class="pf-actions pf-file" data-ref="fileRow">
      <label class="pf-filebutton">
        <input type="file" accept="image/*" capture="environment" data-ref="file" />
        <span>${esc(t('btn.file'))}</span>
      </label>
    </div>`;
  const ui = { root };
  for (const el of root.querySelectorAll('[data-ref]')) ui[el.dataset.ref] = el;
  ui.screens = { live: ui.live, review: ui.review, done: ui.done, fileOnly: ui.fileOnly };
  return ui;
}

function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
