// Unit tests of live-state.js: element paths, states, the advise indirection, batching and stale marks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LiveModel, STATES, adviseByChild, adviseTargets, contentRoot, describe, parseElementPath, stateOf, stateOfType,
} from '../../../../server/src/main/resources/webroot/app/js/live-state.js';

test('element paths of lists and views', () => {
  assert.deepEqual(parseElementPath('Cwl.Advise.A[3]'), { root: 'Cwl', k: 3 });
  assert.deepEqual(parseElementPath('Cwv.Advise.A[12]'), { root: 'Cwv', k: 12 });
  assert.equal(parseElementPath('Cwl.AdviseRefs.A[3]'), null);
  assert.equal(parseElementPath('Cwl.Advise.A[-1]'), null);
  assert.equal(parseElementPath('Cwl.Advise.A[x]'), null);
  assert.equal(parseElementPath(undefined), null);
});

test('update types map to states', () => {
  assert.equal(stateOfType('Response'), 'normal');
  assert.equal(stateOfType('Update'), 'normal');
  assert.equal(stateOfType('Pending'), 'pending');
  assert.equal(stateOfType('ErrorUnreachable'), 'unreachable');
  assert.equal(stateOfType('ErrorNotExist'), 'not-existing');
  assert.equal(stateOfType('UnknownError'), 'error');
  assert.equal(stateOfType('Expired'), 'error');
  assert.equal(stateOf(null, { readable: true }), 'pending');
  assert.equal(stateOf({ type: 'Update' }, { readable: false }), 'no-access');
  assert.deepEqual([...STATES].sort(), ['error', 'no-access', 'normal', 'not-existing', 'pending', 'unreachable']);
});

// a list whose first entry is a heading without binding, and whose advise order differs from the row order
const LIST = {
  Cwl: {
    type: 'PublishedVariables',
    attributes: { Name: 'L', Title: 'L', Description: '', Comment: '' },
    children: [{ attributes: { Title: 'Heading' } }, { attributes: { Title: 'B' } }, { attributes: { Title: 'A' } }],
    Advise: { A: ['0:0', '1:0'] },
    AdviseRefs: { A: [[1], [0]] },
    ElementRefs: [[[1], 4], [[2], 4]],
  },
};

test('the advise index is found through AdviseRefs and ElementRefs, not assumed to be the row', () => {
  assert.equal(contentRoot(LIST), 'Cwl');
  assert.deepEqual(adviseTargets(LIST).get(0), [{ childPath: [2], attributeIndex: 4 }]);
  assert.deepEqual(adviseTargets(LIST).get(1), [{ childPath: [1], attributeIndex: 4 }]);
  const byChild = adviseByChild(LIST);
  assert.equal(byChild.get(0), undefined, 'the heading has no binding');
  assert.equal(byChild.get(1), 1);
  assert.equal(byChild.get(2), 0);
  assert.equal(contentRoot({ Cwv: {} }), 'Cwv');
  assert.deepEqual([...adviseTargets({}).keys()], []);
});

function harness(bindings) {
  const rendered = [];
  const frames = [];
  const model = new LiveModel({
    bindings,
    render: (k, entry) => rendered.push([k, entry.state, entry.value, entry.stale]),
    schedule: (callback) => frames.push(callback),
    now: () => Date.UTC(2026, 10, 21, 12, 0, 0),
  });
  const frame = () => {
    const pending = frames.splice(0);
    pending.forEach((callback) => callback());
  };
  return { model, rendered, frames, frame };
}

const READABLE = { readable: true, writable: false, dataType: 'real' };

test('before any message every readable element is pending; unreadable ones are no-access', () => {
  const { model, rendered } = harness([READABLE, { ...READABLE, readable: false }]);
  assert.equal(model.flush(), 2, 'the renderer draws the initial states itself, before showing the table');
  assert.deepEqual(rendered, [[0, 'pending', null, false], [1, 'no-access', null, false]]);
});

test('a burst renders once per frame and the latest value wins', () => {
  const { model, rendered, frames, frame } = harness([READABLE, READABLE]);
  frame();
  rendered.length = 0;
  model.receive({ data: { data: { path: 'Cwv.Advise.A[0]', value: 20, type: 'Update', timeStamp: '2026-11-21T12:00:00' } } });
  model.receive({ data: { data: { path: 'Cwv.Advise.A[0]', value: 21, type: 'Update', timeStamp: '2026-11-21T12:00:01' } } });
  model.receive({ data: { data: { path: 'Cwv.Advise.A[1]', value: 5, type: 'Response', timeStamp: '2026-11-21T12:00:01' } } });
  assert.equal(frames.length, 1, 'one frame scheduled for the burst');
  assert.equal(rendered.length, 0, 'nothing drawn before the frame');
  frame();
  assert.deepEqual(rendered, [[0, 'normal', 21, false], [1, 'normal', 5, false]]);
});

test('error states keep the last value and say since when', () => {
  const { model, frame } = harness([READABLE]);
  model.update({ path: 'Cwl.Advise.A[0]', value: 20.5, type: 'Update', timeStamp: '2026-11-21T12:00:00' });
  model.update({ path: 'Cwl.Advise.A[0]', value: null, type: 'ErrorUnreachable', timeStamp: '2026-11-21T12:03:04' });
  frame();
  const entry = model.entry(0);
  assert.equal(entry.state, 'unreachable');
  assert.equal(entry.value, 20.5);
  assert.equal(entry.hasValue, true);
  assert.equal(entry.since, Date.UTC(2026, 10, 21, 12, 3, 4));
  assert.match(describe(entry.state, entry.since), /^Unreachable since \d\d:\d\d:04/);
});

test('pending from the server has no value', () => {
  const { model } = harness([READABLE]);
  model.update({ path: 'Cwl.Advise.A[0]', value: null, type: 'Pending', timeStamp: '2026-11-21T12:00:09' });
  assert.equal(model.entry(0).state, 'pending');
  assert.equal(model.entry(0).hasValue, false);
  assert.match(describe('pending', model.entry(0).since), /^Pending since \d\d:\d\d:09/);
});

test('stale while the connection is not open, cleared per element by its next value', () => {
  const { model, rendered, frame } = harness([READABLE, READABLE]);
  model.update({ path: 'Cwv.Advise.A[0]', value: 1, type: 'Update' });
  model.update({ path: 'Cwv.Advise.A[1]', value: 2, type: 'Update' });
  frame();
  rendered.length = 0;
  model.setConnectionOpen(false);
  frame();
  assert.deepEqual(rendered, [[0, 'normal', 1, true], [1, 'normal', 2, true]]);
  rendered.length = 0;
  model.setConnectionOpen(true);
  frame();
  assert.deepEqual(rendered, [], 'opening alone does not make old values fresh');
  model.update({ path: 'Cwv.Advise.A[1]', value: 3, type: 'Update' });
  frame();
  assert.deepEqual(rendered, [[1, 'normal', 3, false]]);
  assert.equal(model.entry(0).stale, true);
  assert.match(describe('normal', 0, true), /Connection lost/);
});

test('updates for unknown paths are ignored, unknown indexes still tracked', () => {
  const { model } = harness([READABLE]);
  assert.equal(model.update({ path: 'nonsense', value: 1, type: 'Update' }), false);
  assert.equal(model.receive({ data: null, errors: [{ message: 'Invalid path' }] }), false);
  assert.equal(model.update({ path: 'Cwv.Advise.A[7]', value: 1, type: 'Update' }), true);
  assert.equal(model.entry(7).state, 'normal');
});
