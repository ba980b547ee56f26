import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messages, pickLanguage, translator, defaultLanguage } from '../i18n.js';
import { Instruction } from '../guidance.js';

test('pickLanguage takes the first supported base language', () => {
  const cases = [
    { in: ['es-MX', 'en-US'], want: 'es' },
    { in: ['fr-FR', 'es'], want: 'es' },
    { in: ['en-GB'], want: 'en' },
    { in: 'ES_es', want: 'es' },
    { in: ['de', 'fr'], want: defaultLanguage },
    { in: [], want: defaultLanguage },
    { in: undefined, want: defaultLanguage },
  ];
  for (const c of cases) assert.equal(pickLanguage(c.in), c.want, JSON.stringify(c.in));
});

test('every language has the same keys, none empty', () => {
  const enKeys = Object.keys(messages.en).sort();
  for (const [lang, table] of Object.entries(messages)) {
    assert.deepEqual(Object.keys(table).sort(), enKeys, lang);
    for (const [k, v] of Object.entries(table)) assert.ok(v.trim().length > 0, `${lang}.${k}`);
  }
});

test('every instruction and every code has a message', () => {
  const keys = [...Object.values(Instruction)];
  for (let code = 818; code <= 829; code++) keys.push(`code.${code}`);
  for (const k of keys) assert.ok(Object.hasOwn(messages.en, k), k);
});

test('translator fills placeholders and falls back', () => {
  const t = translator('es');
  assert.equal(t('closer'), 'Acérquese');
  assert.equal(t('state.send_failed', { error: 'HTTP 500' }), 'No se pudo enviar: HTTP 500');
  assert.equal(t('size', {}), '{kb} KB');
  assert.equal(t('no.such.key'), 'no.such.key');
  assert.equal(translator('xx')('closer'), 'Move closer');
});
