// Unit tests of rules.js: data-vakt-states / -texts / -fill / -stroke / -visible (node --test it/src/test/js/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RuleError, colourFor, compileRules, hasRules, isVisible, keyMatches, lookup, matches, parseColourRules,
  parseCondition, parseStates, parseTexts, parseVisible,
} from '../../../../server/src/main/resources/webroot/app/js/rules.js';

test('states map values to state names', () => {
  const states = parseStates('0=off;1=on; 2 = alarm ');
  assert.deepEqual(states.map((s) => [s.key, s.target]), [['0', 'off'], ['1', 'on'], ['2', 'alarm']]);
  assert.equal(lookup(states, 1), 'on');
  assert.equal(lookup(states, '2'), 'alarm');
  assert.equal(lookup(states, 1.0), 'on');
  assert.equal(lookup(states, true), 'on');
  assert.equal(lookup(states, 3), undefined);
  assert.equal(lookup(states, null), undefined);
});

test('keys compare as numbers, or as text for words', () => {
  assert.ok(keyMatches('1.0', 1));
  assert.ok(keyMatches('-5', -5));
  assert.ok(keyMatches('auto', 'auto'));
  assert.ok(!keyMatches('auto', 'Auto'));
  assert.ok(!keyMatches('1', 'one'));
  const modes = parseStates('auto=green;manual=amber');
  assert.equal(lookup(modes, 'manual'), 'amber');
});

test('state names are words; bad entries are reported', () => {
  assert.throws(() => parseStates('0=off state'), RuleError);
  assert.throws(() => parseStates('0off'), /value=name/);
  assert.throws(() => parseStates('a b=off'), /not a number or a word/);
  assert.throws(() => parseStates(''), /empty/);
  assert.throws(() => parseStates(';;'), /empty/);
});

test('texts may hold anything but a semicolon', () => {
  const texts = parseTexts('0=Stopped;1=Running (auto = on)');
  assert.equal(lookup(texts, 0), 'Stopped');
  assert.equal(lookup(texts, 1), 'Running (auto = on)');
  assert.equal(lookup(texts, '1'), 'Running (auto = on)');
});

test('conditions', () => {
  const cases = [
    ['<18', 17.9, true], ['<18', 18, false], ['<=18', 18, true], ['>24', 24.1, true], ['>24', 24, false],
    ['>=24', 24, true], ['=1', 1, true], ['=1', 0, false], ['!=0', 3, true], ['!=0', 0, false],
    ['18..24', 18, true], ['18..24', 24, true], ['18..24', 24.01, false], ['-5..5', -5, true],
    ['= -1.5', -1.5, true], ['>=0', true, true], ['=1', '1', true],
  ];
  for (const [text, value, expected] of cases) {
    assert.equal(matches(parseCondition(text), value), expected, `${text} with ${value}`);
  }
  assert.equal(matches(parseCondition('!=0'), 'text'), false);
  assert.equal(matches(parseCondition('!=0'), null), false);
  assert.throws(() => parseCondition('~5'), /not a condition/);
  assert.throws(() => parseCondition('24..18'), /backwards/);
  assert.throws(() => parseCondition('=abc'), RuleError);
});

test('colour rules: first match wins, a bare colour last is the default', () => {
  const rules = parseColourRules('<18:#2563eb;18..24:#16a34a;#dc2626');
  assert.equal(colourFor(rules, 12), '#2563eb');
  assert.equal(colourFor(rules, 18), '#2563eb'.replace('#2563eb', '#16a34a'));
  assert.equal(colourFor(rules, 21), '#16a34a');
  assert.equal(colourFor(rules, 30), '#dc2626');
  assert.equal(colourFor(rules, null), null, 'no value: the drawing keeps its own colour');
  const noDefault = parseColourRules('=1:green ; =0:none');
  assert.equal(colourFor(noDefault, 1), 'green');
  assert.equal(colourFor(noDefault, 0), 'none');
  assert.equal(colourFor(noDefault, 2), null);
  assert.equal(colourFor(parseColourRules('>0:#abc;#11223344'), -1), '#11223344');
});

test('bad colour rules are reported', () => {
  assert.throws(() => parseColourRules('#dc2626;<18:#2563eb'), /must come last/);
  assert.throws(() => parseColourRules('<18:blue-ish'), /not a colour/);
  assert.throws(() => parseColourRules('<18:#12345'), /not a colour/);
  assert.throws(() => parseColourRules('<18:rgb(1,2,3)'), /not a colour/);
  assert.throws(() => parseColourRules('about 18:#123'), /not a condition/);
  assert.throws(() => parseColourRules(''), /empty/);
});

test('visible when any condition matches; no value hides', () => {
  const visible = parseVisible('=1;>=10');
  assert.equal(isVisible(visible, 1), true);
  assert.equal(isVisible(visible, 12), true);
  assert.equal(isVisible(visible, 0), false);
  assert.equal(isVisible(visible, null), false);
  assert.throws(() => parseVisible('on'), /not a condition/);
});

test('compileRules parses every rule attribute once and collects errors', () => {
  const attributes = {
    'data-vakt-states': '0=off;1=on',
    'data-vakt-fill': '=1:#16a34a;#9ca3af',
    'data-vakt-visible': 'bad',
  };
  const compiled = compileRules((name) => attributes[name] ?? null);
  assert.equal(lookup(compiled.states, 1), 'on');
  assert.equal(colourFor(compiled.fill, 0), '#9ca3af');
  assert.equal(compiled.stroke, null);
  assert.equal(compiled.texts, null);
  assert.equal(compiled.visible, null);
  assert.equal(compiled.errors.length, 1);
  assert.match(compiled.errors[0], /data-vakt-visible/);
  assert.ok(hasRules(compiled));
  assert.ok(!hasRules(compileRules(() => null)));
});
