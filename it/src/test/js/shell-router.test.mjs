// Hash routes (router.js) and the bar's countdown words (connection-bar.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashFor, isPublic, parseHash } from '../../../../server/src/main/resources/webroot/app/js/router.js';
import { inWords } from '../../../../server/src/main/resources/webroot/app/js/connection-bar.js';

const FOLDER = 'TGFuZHNrcm9uYS5WZW50aWxhdGlvbg==';
const NODE = 'TGFuZHNrcm9uYS5WZW50aWxhdGlvbi5BSFUxLkZpbGU=';

test('routes of the contract', () => {
  assert.deepEqual(parseHash(''), { name: 'folder', folderId: null });
  assert.deepEqual(parseHash('#/'), { name: 'folder', folderId: null });
  assert.deepEqual(parseHash('#/login'), { name: 'login' });
  assert.deepEqual(parseHash('#/diagnostics'), { name: 'diagnostics' });
  assert.deepEqual(parseHash(`#/${encodeURIComponent(FOLDER)}`), { name: 'folder', folderId: FOLDER });
  assert.deepEqual(parseHash(`#/${FOLDER}`), { name: 'folder', folderId: FOLDER }, 'unencoded = works too');
  assert.deepEqual(parseHash(`#/${encodeURIComponent(FOLDER)}/${encodeURIComponent(NODE)}`), { name: 'node', folderId: FOLDER, nodePath: NODE });
});

test('Base64 with "/" and "+" survives because each part is URL-encoded', () => {
  const id = 'ab/c+d==';
  const route = { name: 'node', folderId: id, nodePath: '+/+/' };
  assert.deepEqual(parseHash(hashFor(route)), route);
  assert.deepEqual(parseHash(hashFor({ name: 'folder', folderId: id })), { name: 'folder', folderId: id });
});

test('anything else is unknown (shown as "not found"), never an exception', () => {
  for (const hash of ['#x', '#/a/b/c', '#//', '#/%E0%A4%A', '#/a//b']) assert.equal(parseHash(hash).name, 'unknown', hash);
});

test('only the sign-in and diagnostics pages are open without signing in', () => {
  assert.ok(isPublic(parseHash('#/login')));
  assert.ok(isPublic(parseHash('#/diagnostics')));
  assert.ok(!isPublic(parseHash('#/')));
  assert.ok(!isPublic(parseHash(`#/${FOLDER}`)));
});

test('the bar counts down in words', () => {
  assert.equal(inWords(0), 'now');
  assert.equal(inWords(-500), 'now');
  assert.equal(inWords(1), 'in 1 s');
  assert.equal(inWords(7_200), 'in 8 s');
  assert.equal(inWords(60_000), 'in 1 min');
  assert.equal(inWords(65_000), 'in 1 min 5 s');
});
