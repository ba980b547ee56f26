// Messages in English and Spanish, chosen from the browser's languages.
// Instruction keys come from guidance.js; "code.8xx" explain a rejection in
// the person's words (the endpoint's own English text is kept in reports).

const en = {
  'title': 'Photograph your document',
  'side.front': 'Front side',
  'side.back': 'Back side',
  'type.identification_card': 'ID card',
  'type.passport': 'Passport',
  'start': 'Starting the camera…',
  'find': 'Show your document to the camera',
  'one_only': 'Only one document, please',
  'whole': 'Fit the whole document in the frame',
  'closer': 'Move closer',
  'back_off': 'Move back a little',
  'photo_side': 'Show the side with your photo',
  'glare': 'Tilt the document to remove the glare',
  'light': 'Find better light',
  'dark': 'Too dark: find more light',
  'bright': 'Too bright: move out of direct light',
  'blur': 'Hold still, the picture is blurry',
  'steady': 'Hold still',
  'hold': 'Hold it there, taking the photo…',
  'state.loading': 'Loading the checker…',
  'state.checking': 'Checking the photo…',
  'state.accepted': 'This photo will be accepted.',
  'state.rejected': 'This photo would be rejected.',
  'state.done': 'All done. Thank you!',
  'state.sending': 'Sending…',
  'state.sent': 'Sent.',
  'state.send_failed': 'Sending failed: {error}',
  'state.no_camera': 'No camera is available. Take or choose a photo instead.',
  'state.engine_failed': 'The checker could not be loaded: {error}',
  'state.read_failed': 'This file could not be read as a photo.',
  'state.check_failed': 'The photo could not be checked: {error}',
  'btn.use': 'Use this photo',
  'btn.retake': 'Retake',
  'btn.capture': 'Take photo now',
  'btn.file': 'Choose a photo instead',
  'btn.restart': 'Start again',
  'next.back': 'Now turn the document over: back side.',
  'size': '{kb} KB',
  'code.818': 'The photo is not detailed enough. Move closer or use more light.',
  'code.819': 'No document was found in the photo.',
  'code.820': 'The portrait on the document is not visible.',
  'code.821': 'Part of the document is cut off.',
  'code.822': 'The document is too small in the photo. Move closer.',
  'code.823': 'The document edges are outside the photo.',
  'code.824': 'There is more than one document in the photo.',
  'code.825': 'The document is too close to the edges of the photo.',
  'code.826': 'The document is blurry.',
  'code.827': 'The photo is compressed too much.',
  'code.828': 'The document is too bright or too dark.',
  'code.829': 'There are reflections on the document.',
};

const es = {
  'title': 'Fotografíe su documento',
  'side.front': 'Anverso',
  'side.back': 'Reverso',
  'type.identification_card': 'Documento de identidad',
  'type.passport': 'Pasaporte',
  'start': 'Iniciando la cámara…',
  'find': 'Muestre su documento a la cámara',
  'one_only': 'Solo un documento, por favor',
  'whole': 'Encuadre el documento completo',
  'closer': 'Acérquese',
  'back_off': 'Aléjese un poco',
  'photo_side': 'Muestre el lado con su foto',
  'glare': 'Incline el documento para quitar el reflejo',
  'light': 'Busque mejor luz',
  'dark': 'Demasiado oscuro: busque más luz',
  'bright': 'Demasiada luz: evite la luz directa',
  'blur': 'No se mueva, la imagen está borrosa',
  'steady': 'No se mueva',
  'hold': 'Manténgalo así, tomando la foto…',
  'state.loading': 'Cargando el verificador…',
  'state.checking': 'Comprobando la foto…',
  'state.accepted': 'Esta foto será aceptada.',
  'state.rejected': 'Esta foto sería rechazada.',
  'state.done': 'Listo. ¡Gracias!',
  'state.sending': 'Enviando…',
  'state.sent': 'Enviado.',
  'state.send_failed': 'No se pudo enviar: {error}',
  'state.no_camera': 'No hay cámara disponible. Tome o elija una foto.',
  'state.engine_failed': 'No se pudo cargar el verificador: {error}',
  'state.read_failed': 'Este archivo no se puede leer como foto.',
  'state.check_failed': 'No se pudo comprobar la foto: {error}',
  'btn.use': 'Usar esta foto',
  'btn.retake': 'Repetir',
  'btn.capture': 'Tomar la foto ahora',
  'btn.file': 'Elegir una foto',
  'btn.restart': 'Empezar de nuevo',
  'next.back': 'Ahora dé la vuelta al documento: reverso.',
  'size': '{kb} KB',
  'code.818': 'La foto no tiene suficiente detalle. Acérquese o use más luz.',
  'code.819': 'No se encontró ningún documento en la foto.',
  'code.820': 'No se ve la foto del titular en el documento.',
  'code.821': 'Una parte del documento queda cortada.',
  'code.822': 'El documento se ve demasiado pequeño. Acérquese.',
  'code.823': 'Los bordes del documento quedan fuera de la foto.',
  'code.824': 'Hay más de un documento en la foto.',
  'code.825': 'El documento está demasiado cerca de los bordes de la foto.',
  'code.826': 'El documento está borroso.',
  'code.827': 'La foto está demasiado comprimida.',
  'code.828': 'El documento está demasiado claro u oscuro.',
  'code.829': 'Hay reflejos en el documento.',
};

/** The message tables by language; every table has the same keys. */
export const messages = Object.freeze({ en: Object.freeze(en), es: Object.freeze(es) });

/** The language used when none of the browser's is available. */
export const defaultLanguage = 'en';

/**
 * pickLanguage returns the first supported language among the browser's
 * preferences ("es-MX" → "es"), else the default.
 * @param {readonly string[]|string|undefined} preferred e.g. navigator.languages
 * @returns {string}
 */
export function pickLanguage(preferred) {
  const list = typeof preferred === 'string' ? [preferred] : preferred ?? [];
  for (const tag of list) {
    const base = String(tag).toLowerCase().split(/[-_]/)[0];
    if (Object.hasOwn(messages, base)) return base;
  }
  return defaultLanguage;
}

/**
 * translator returns t(key, params): the message for key in lang with
 * {name} placeholders filled; a key missing from lang falls back to English,
 * and an unknown key is returned as is so a gap shows instead of crashing.
 * @param {string} lang
 * @returns {(key: string, params?: Record<string, string|number>) => string}
 */
export function translator(lang) {
  const table = messages[lang] ?? messages[defaultLanguage];
  return (key, params = {}) => {
    const text = table[key] ?? messages[defaultLanguage][key] ?? key;
    return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
  };
}
