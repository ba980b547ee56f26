// The final payload of a capture and its upload: the fields the OCR
// endpoint's multipart form takes (frontside, backside, document_type,
// device), built from what the page captured.

/** The endpoint's upload limit per JPEG, in bytes. */
export const MAX_UPLOAD_BYTES = 2_000_000;

/**
 * guessDevice maps a user agent to the endpoint's device field. iPadOS 13+
 * reports itself as a Mac; a touch point count tells them apart.
 * @param {string} userAgent
 * @param {number} [maxTouchPoints]
 * @returns {"IOS"|"ANDROID"|"DESKTOP"}
 */
export function guessDevice(userAgent, maxTouchPoints = 0) {
  const ua = String(userAgent ?? '');
  if (/Android/i.test(ua)) return 'ANDROID';
  if (/iPhone|iPad|iPod/i.test(ua)) return 'IOS';
  if (/Macintosh/i.test(ua) && maxTouchPoints > 1) return 'IOS';
  return 'DESKTOP';
}

/** Which sides a document type needs, in capture order. */
export function sidesFor(documentType) {
  return documentType === 'identification_card' ? ['front', 'back'] : ['front'];
}

/**
 * Payload is what the page hands over at the end.
 * @typedef {{frontside: Blob, backside?: Blob, document_type: string,
 *   device: string, reports: {front?: object, back?: object}}} Payload
 */

/**
 * buildPayload checks that every side the type needs is there and under the
 * limit, and returns the payload.
 * @param {{documentType: string, device: string,
 *   sides: Record<string, {blob: Blob, report: object}>}} captured
 * @returns {Payload}
 */
export function buildPayload({ documentType, device, sides }) {
  const payload = { document_type: documentType, device, reports: {} };
  for (const side of sidesFor(documentType)) {
    const got = sides[side];
    if (!got?.blob) throw new Error(`payload: the ${side} side is missing`);
    if (got.blob.size > MAX_UPLOAD_BYTES) {
      throw new Error(`payload: the ${side} side is ${got.blob.size} bytes, over ${MAX_UPLOAD_BYTES}`);
    }
    payload[side === 'front' ? 'frontside' : 'backside'] = got.blob;
    payload.reports[side] = got.report;
  }
  return payload;
}

/**
 * toFormData lays the payload out as the endpoint's multipart form.
 * @param {Payload} payload
 * @returns {FormData}
 */
export function toFormData(payload) {
  const form = new FormData();
  form.append('frontside', payload.frontside, 'frontside.jpg');
  if (payload.backside) form.append('backside', payload.backside, 'backside.jpg');
  form.append('document_type', payload.document_type);
  form.append('device', payload.device);
  return form;
}

/**
 * postPayload sends the payload as multipart to url and returns the parsed
 * JSON answer (or the text when it is not JSON). A non-2xx answer is an
 * error carrying `status` and `body`.
 * @param {string} url
 * @param {Payload} payload
 * @param {{headers?: Record<string,string>, fetch?: typeof fetch, signal?: AbortSignal}} [opts]
 */
export async function postPayload(url, payload, { headers = {}, fetch: doFetch = globalThis.fetch, signal } = {}) {
  const res = await doFetch(url, { method: 'POST', body: toFormData(payload), headers, signal });
  const text = await res.text();
  let body = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  if (!res.ok) {
    const err = new Error(`POST ${url}: HTTP ${res.status}`);
    err.status = res.status;
    err.body = body;
    throw err;
  }
  return body;
}
