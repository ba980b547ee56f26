// Type declarations of @idpreflight/preflight (preflight.js). The Go side
// (wasm/) produces the JSON behind Report and FrameReport; its field names
// are the CLI's `--format json` names.

/** A rejection code of the OCR endpoint (818–829). */
export type Code = 818 | 819 | 820 | 821 | 822 | 823 | 824 | 825 | 826 | 827 | 828 | 829;

/** [x, y] in image pixels. */
export type Point = [number, number];
/** Corners top-left, top-right, bottom-right, bottom-left of the document; may lie outside the image. */
export type Quad = [Point, Point, Point, Point];

export interface CheckOptions {
  /** Side submitted (default "front"); only the front carries the portrait (820). */
  side?: "front" | "back";
  /** The endpoint's document_type (default "identification_card"). */
  documentType?: "identification_card" | "passport";
  /** Threshold profile (default "DESKTOP"). */
  device?: "IOS" | "ANDROID" | "DESKTOP";
}

export type FrameOptions = CheckOptions;

export interface RecompressOptions extends CheckOptions {
  /** Byte budget of the output (default 2 000 000, the endpoint's limit). */
  maxBytes?: number;
  /** Check the output for 818/826/827 (info.checks; default true). It decodes the output in Go. */
  verify?: boolean;
}

export interface Region { X: number; Y: number; W: number; H: number }

export interface Issue {
  code: Code;
  /** The endpoint's own message for the code. */
  message: string;
  /** "fail": the endpoint would reject; "warn": close to a limit. */
  severity: "fail" | "warn";
  /** What was measured … */
  value: number;
  /** … against which limit. */
  threshold: number;
  detail?: string;
  regions?: Region[];
}

export interface DocumentInfo {
  /** Every document found, the main one first. */
  quads: Quad[];
  type?: "identification_card" | "passport";
  area_fraction: number;
  visible_fraction: number;
  score: number;
  dpi?: number;
}

/** The result of check: the CLI's `--format json` report (without `file`). */
export interface Report {
  valid: boolean;
  error_code?: Code;
  error?: string;
  issues: Issue[];
  document?: DocumentInfo;
  metrics: Record<string, number>;
  width: number;
  height: number;
  side: "front" | "back";
  document_type: "identification_card" | "passport";
  device: "IOS" | "ANDROID" | "DESKTOP";
  engine: string;
  timings_ms: Record<string, number>;
}

/** The result of analyzeFrame: guidance for one live camera frame. */
export interface FrameReport {
  width: number;
  height: number;
  /** [[x, y] × 4] per document, the main one first. */
  quads: Quad[];
  /** Failing codes, in priority order. */
  codes: Code[];
  issues: Issue[];
  metrics: {
    sharpness?: number;
    luma_mean?: number;
    glare_fraction?: number;
    area_fraction?: number;
    [name: string]: number | undefined;
  };
  /** The main quad stayed steady over the last frames. */
  stable: boolean;
  /** No failing code and stable: a good moment to auto-capture. */
  ready: boolean;
  /** Analysis time of this frame in the worker, ms. */
  ms: number;
  /** Time per stage (track, detect, geometry, rectify, sharpness, exposure, glare, total), ms. */
  timings_ms: Record<string, number>;
}

/** One encode the policy ran: the whole image, or a probe sample of it. */
export interface Attempt {
  quality: number;
  scale: number;
  bytes: number;
  probe?: boolean;
  pixels?: number;
}

/** What recompress did (preflight.Info in Go). */
export interface RecompressInfo {
  /** "untouched" (compliant JPEG returned as is), "stripped" or "re-encoded". */
  action: "untouched" | "stripped" | "re-encoded";
  input_format: string;
  input_bytes: number;
  output_bytes: number;
  max_bytes: number;
  /** Upright input size, and the output's. */
  input_width: number;
  input_height: number;
  width: number;
  height: number;
  /** JPEG quality of the output (for an untouched JPEG, estimated from its tables). */
  quality: number;
  /** Output width / upright input width. */
  scale: number;
  /** Whole-image encodes (1–2); attempts lists probes too. */
  encodes: number;
  attempts?: Attempt[];
  encoder?: string;
  orientation: number;
  /** The resolution floor forced a quality under the policy's floor. */
  below_floor?: boolean;
  /** Whether the output passes 818, 826 and 827 (absent when verify is false). */
  checks?: Partial<Record<"818" | "826" | "827", boolean>>;
}

export interface Preflight {
  /** Full check of an encoded photo (JPEG, PNG, WebP, …); JPEG facts such as DQT come from the bytes. The bytes are copied, not moved. */
  check(bytes: Uint8Array, options?: CheckOptions): Promise<Report>;
  /**
   * Fast check of one live frame (RGBA, width × height, e.g. from getImageData). Frames
   * are analysed one at a time with shared state (stability hint): await each call before
   * sending the next frame. When the array owns its whole buffer, the buffer is
   * transferred to the worker and the array is detached afterwards.
   */
  analyzeFrame(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number, options?: FrameOptions): Promise<FrameReport>;
  /** Forget previous frames (the stability hint starts over), e.g. when the side changes. */
  resetFrames(): Promise<void>;
  /**
   * Fit a photo under maxBytes with the shared Go policy and the browser's decoder and JPEG
   * encoder (createImageBitmap + OffscreenCanvas.convertToBlob; 1–2 whole encodes after
   * small probes). A compliant JPEG comes back unchanged (the same Blob when a Blob was given).
   */
  recompress(input: Blob | Uint8Array, options?: RecompressOptions): Promise<{ blob: Blob; info: RecompressInfo }>;
  /** Stop the worker; pending calls are rejected. */
  terminate(): void;
}

export interface CreateOptions {
  /** URL of preflight-worker.js (default: next to preflight.js). */
  workerURL?: string | URL;
  /** URL of preflight.wasm (default: next to preflight-worker.js). */
  wasmURL?: string | URL;
}

/** Start the worker, load the WebAssembly module and resolve when it is ready. Rejects when either cannot be loaded. */
export function createPreflight(options?: CreateOptions): Promise<Preflight>;
