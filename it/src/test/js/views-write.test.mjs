// Unit tests of the write dialog's checks (write-dialog.js validate): what is refused before anything is sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validate } from '../../../../server/src/main/resources/webroot/app/js/write-dialog.js';

const real = { dataType: 'real', min: 14, max: 26, unit: '°C' };

test('reals within the range pass, normalised', () => {
  assert.deepEqual(validate('21.50', real), { ok: true, value: '21.5', number: 21.5 });
  assert.deepEqual(validate(' 14 ', real), { ok: true, value: '14', number: 14 });
  assert.deepEqual(validate('26', real), { ok: true, value: '26', number: 26 });
});

test('out of range, not a number, or empty is refused with the reason', () => {
  assert.deepEqual(validate('30', real), { ok: false, reason: '30 is above the maximum, 26 °C.' });
  assert.deepEqual(validate('13.9', real), { ok: false, reason: '13.9 is below the minimum, 14 °C.' });
  assert.equal(validate('21,5', real).ok, false);
  assert.match(validate('21,5', real).reason, /point as decimal separator/);
  assert.equal(validate('', real).reason, 'Enter a number.');
  assert.equal(validate('20', real, true).reason, 'Enter a number.', 'the browser saw unparseable input');
  assert.equal(validate('abc', { dataType: 'real', min: null, max: null }).ok, false);
});

test('integers must be whole', () => {
  const integer = { dataType: 'integer', min: null, max: null };
  assert.deepEqual(validate('7', integer), { ok: true, value: '7', number: 7 });
  assert.equal(validate('7.5', integer).reason, '7.5 is not a whole number.');
});

test('digitals are 0 or 1; strings anything', () => {
  const digital = { dataType: 'digital', min: null, max: null };
  assert.deepEqual(validate('1', digital), { ok: true, value: '1', number: 1 });
  assert.equal(validate('2', digital).ok, false);
  assert.equal(validate('', digital).reason, 'Choose 0 or 1.');
  const string = { dataType: 'string' };
  assert.deepEqual(validate('  note; with = signs ', string), { ok: true, value: '  note; with = signs ' });
  assert.deepEqual(validate('', string), { ok: true, value: '' });
});
