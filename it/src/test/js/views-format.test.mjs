// Unit tests of format.js: how live values, units and times are written (node --test it/src/test/js/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  NO_VALUE, decimalsOf, fixed, formatTimestamp, formatValue, formatWithUnit, parseTimestamp, progressText,
  resultValue, shortJson, stepFor, toNumber, unitText, withUnit,
} from '../../../../server/src/main/resources/webroot/app/js/format.js';

test('number formats name their decimals', () => {
  assert.equal(decimalsOf('0'), 0);
  assert.equal(decimalsOf('0.0'), 1);
  assert.equal(decimalsOf('0.000'), 3);
  assert.equal(decimalsOf(''), null);
  assert.equal(decimalsOf(null), null);
  assert.equal(decimalsOf('#.##'), null);
});

test('numbers are rounded to the format, always with a point, never -0', () => {
  assert.equal(formatValue(21.456, { format: '0.0' }), '21.5');
  assert.equal(formatValue(21, { format: '0.00' }), '21.00');
  assert.equal(formatValue(99.5, { format: '0' }), '100');
  assert.equal(formatValue(-0.04, { format: '0.0' }), '0.0');
  assert.equal(formatValue(-0.4, { format: '0' }), '0');
  assert.equal(formatValue(-1.25, { format: '0.0' }), '-1.3');
  assert.equal(fixed(-0.001, 2), '0.00');
});

test('without a format a value shows as sent', () => {
  assert.equal(formatValue(21.456), '21.456');
  assert.equal(formatValue(7, { dataType: 'integer' }), '7');
  assert.equal(formatValue('12.50'), '12.50');
});

test('digitals are 0 or 1 whatever they arrive as', () => {
  assert.equal(formatValue(1, { dataType: 'digital' }), '1');
  assert.equal(formatValue(0, { dataType: 'digital' }), '0');
  assert.equal(formatValue(true, { dataType: 'digital' }), '1');
  assert.equal(formatValue(false, { dataType: 'digital', format: '0.0' }), '0');
});

test('strings stay strings, missing values are a dash', () => {
  assert.equal(formatValue('Filter change due', { dataType: 'string' }), 'Filter change due');
  assert.equal(formatValue('007', { dataType: 'string', format: '0.0' }), '007');
  assert.equal(formatValue(null), NO_VALUE);
  assert.equal(formatValue(undefined, { format: '0.0' }), NO_VALUE);
  assert.equal(formatValue({ a: 1 }), '{"a":1}');
});

test('units: none and empty mean no unit', () => {
  assert.equal(unitText('°C'), '°C');
  assert.equal(unitText('none'), '');
  assert.equal(unitText('None'), '');
  assert.equal(unitText(''), '');
  assert.equal(unitText(undefined), '');
  assert.equal(withUnit('21.5', '°C'), '21.5 °C');
  assert.equal(withUnit('21.5', 'none'), '21.5');
  assert.equal(withUnit(NO_VALUE, '°C'), NO_VALUE);
  assert.equal(formatWithUnit(45.2, '% efficiency', { format: '0' }), '45 % efficiency');
});

test('toNumber reads numbers, booleans and numeric text only', () => {
  assert.equal(toNumber(3), 3);
  assert.equal(toNumber(' 4.5 '), 4.5);
  assert.equal(toNumber(true), 1);
  assert.equal(toNumber('five'), null);
  assert.equal(toNumber(Number.NaN), null);
});

test('server timestamps are UTC without a suffix', () => {
  assert.equal(parseTimestamp('2026-11-21T20:11:28'), Date.UTC(2026, 10, 21, 20, 11, 28));
  assert.equal(parseTimestamp('2026-11-21T20:11:28Z'), Date.UTC(2026, 10, 21, 20, 11, 28));
  assert.equal(parseTimestamp(''), null);
  assert.equal(parseTimestamp('yesterday'), null);
  assert.equal(parseTimestamp(null), null);
});

test('times show local hh:mm:ss today and the date before that', () => {
  const ms = Date.UTC(2026, 10, 21, 20, 11, 28);
  const local = new Date(ms);
  const hh = String(local.getHours()).padStart(2, '0');
  const mm = String(local.getMinutes()).padStart(2, '0');
  assert.equal(formatTimestamp('2026-11-21T20:11:28', ms + 1000), `${hh}:${mm}:28`);
  assert.match(formatTimestamp('2026-11-21T20:11:28', ms + 3 * 86_400_000), /^2026-11-2\d \d\d:\d\d:28$/);
  assert.equal(formatTimestamp(null), NO_VALUE);
});

test('input steps follow the format', () => {
  assert.equal(stepFor('0.0', 'real'), '0.1');
  assert.equal(stepFor('0.00', 'real'), '0.01');
  assert.equal(stepFor('0', 'real'), '1');
  assert.equal(stepFor('', 'real'), 'any');
  assert.equal(stepFor('0.0', 'integer'), '1');
});

test('progress reports read as steps', () => {
  assert.equal(progressText({ args: [{ step: 2, of: 5 }], kwargs: {} }), 'step 2 of 5');
  assert.equal(progressText({ args: [{ step: 1, of: 3, sum: 1 }] }), 'step 1 of 3 · sum 1');
  assert.equal(progressText({ args: [{ step: 1, of: 3, message: 'fans', at: { a: 1 } }] }), 'step 1 of 3: fans · at {"a":1}');
  assert.equal(progressText({ args: ['heating up'] }), 'heating up');
  assert.equal(progressText({ args: [], kwargs: { message: 'half way' } }), 'half way');
  assert.equal(progressText({ args: [{ temperature: 21 }] }), '{"temperature":21}');
  assert.equal(progressText(undefined), 'working…');
});

test('results and long JSON are shortened for a notice', () => {
  assert.deepEqual(resultValue({ args: [{ sum: 6 }], kwargs: {} }), { sum: 6 });
  assert.deepEqual(resultValue({ args: [], kwargs: { a: 1 } }), { a: 1 });
  assert.equal(resultValue({ args: [], kwargs: {} }), undefined);
  assert.equal(shortJson({ sum: 6 }), '{"sum":6}');
  const long = shortJson({ text: 'x'.repeat(500) }, 40);
  assert.equal(long.length, 40);
  assert.ok(long.endsWith('…'));
  assert.equal(shortJson(undefined), 'done');
});
