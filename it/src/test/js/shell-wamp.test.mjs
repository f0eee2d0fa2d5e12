// The WAMP caller (wamp.js) against a scripted router: ticket authentication with the access token, calls with
// progressive results and errors, GOODBYE on token expiry, calls waiting for a session, and rotation.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  ERRORS, helloMessage, MSG, parseWampMessage, randomId, WampConnection, WampError,
} from '../../../../server/src/main/resources/webroot/app/js/wamp.js';
import { FakeWebSocket, tick, until } from './shell-fakes.mjs';

beforeEach(() => FakeWebSocket.reset());

test('HELLO: realm1, a caller with progressive results and cancelling, ticket authentication', () => {
  assert.deepEqual(helloMessage(), [1, 'realm1', {
    roles: { caller: { features: { progressive_call_results: true, call_canceling: true } } },
    authmethods: ['ticket'],
  }]);
});

test('request ids are integers in [1, 2^53]', () => {
  assert.equal(randomId(() => 0), 1);
  assert.ok(randomId(() => 0.9999999999999999) <= 2 ** 53);
  for (let i = 0; i < 100; i++) assert.ok(Number.isSafeInteger(randomId()));
});

test('router messages are parsed into named objects', () => {
  assert.deepEqual(parseWampMessage('[2, 77, {"authid":"admin"}]'), { type: 'WELCOME', session: 77, details: { authid: 'admin' } });
  assert.deepEqual(parseWampMessage('[4, "ticket", {}]'), { type: 'CHALLENGE', method: 'ticket', extra: {} });
  assert.deepEqual(parseWampMessage('[6, {}, "vakt.close.token_expired"]'), { type: 'GOODBYE', details: {}, reason: 'vakt.close.token_expired' });
  assert.deepEqual(parseWampMessage('[50, 5, {"progress":true}, [1]]'), { type: 'RESULT', request: 5, details: { progress: true }, args: [1], kwargs: {} });
  assert.deepEqual(parseWampMessage('[8, 48, 5, {}, "wamp.error.runtime_error", ["boom"], {"x":1}]'),
    { type: 'ERROR', requestType: 48, request: 5, details: {}, error: 'wamp.error.runtime_error', args: ['boom'], kwargs: { x: 1 } });
  assert.equal(parseWampMessage('[36, 1, 2, {}]').type, 'OTHER');
  assert.throws(() => parseWampMessage('{"a":1}'));
  assert.throws(() => parseWampMessage('nope'));
});

test('WampError: the message is args[0] when it is a string, else the URI', () => {
  assert.equal(new WampError('wamp.error.runtime_error', ['boom']).message, 'boom');
  assert.equal(new WampError('wamp.error.canceled', [{ x: 1 }]).message, 'wamp.error.canceled');
});

function connection(t, over = {}) {
  const refreshed = [];
  let token = 'AT1';
  const wamp = new WampConnection({
    url: 'ws://h/arrigo/api/wamp',
    token: async () => token,
    refreshToken: async (stale) => { refreshed.push(stale); token = `AT${refreshed.length + 1}`; return token; },
    WebSocketImpl: FakeWebSocket, events: null, random: () => 0, ...over,
  });
  t.after(() => wamp.stop());
  return { wamp, refreshed, setToken: (v) => { token = v; } };
}

/** Play the router's side of the handshake on the newest socket. */
async function join(expectTicket) {
  await until(() => FakeWebSocket.last()?.readyState === 0);
  const ws = FakeWebSocket.last();
  ws.open();
  assert.equal(ws.requestedProtocol, 'wamp.2.json');
  assert.equal(ws.sent[0][0], MSG.HELLO);
  ws.receive([MSG.CHALLENGE, 'ticket', {}]);
  assert.deepEqual(ws.sent[1], [MSG.AUTHENTICATE, expectTicket, {}]);
  ws.receive([MSG.WELCOME, 1, { authid: 'admin', authrole: 'user', authextra: { expires_at: 'x' } }]);
  await tick();
  return ws;
}

test('ticket handshake, then a call with progressive results', async (t) => {
  const { wamp } = connection(t);
  wamp.start();
  const ws = await join('AT1');
  assert.equal(wamp.state, 'open');
  assert.equal(wamp.welcome.authid, 'admin');
  const progress = [];
  const call = wamp.call('accounts.demo.services.ssf.execute', ['VIEW', 'slowSum'], { n: 3 }, { onProgress: (p) => progress.push(p.args[0]) });
  await tick();
  const [, id, options, procedure, args, kwargs] = ws.sent[2];
  assert.equal(ws.sent[2][0], MSG.CALL);
  assert.deepEqual(options, { receive_progress: true });
  assert.equal(procedure, 'accounts.demo.services.ssf.execute');
  assert.deepEqual(args, ['VIEW', 'slowSum']);
  assert.deepEqual(kwargs, { n: 3 });
  ws.receive([MSG.RESULT, id, { progress: true }, [{ step: 1 }]]);
  ws.receive([MSG.RESULT, id, { progress: true }, [{ step: 2 }]]);
  ws.receive([MSG.RESULT, id, {}, [{ sum: 6 }], { extra: true }]);
  assert.deepEqual(await call, { args: [{ sum: 6 }], kwargs: { extra: true } });
  assert.deepEqual(progress, [{ step: 1 }, { step: 2 }]);
});

test('an ERROR rejects the call with a WampError; a lost connection rejects what is pending', async (t) => {
  const { wamp } = connection(t);
  wamp.start();
  const ws = await join('AT1');
  const failing = wamp.call('p.fail');
  const pending = wamp.call('p.slow');
  await tick();
  ws.receive([MSG.ERROR, MSG.CALL, ws.sent[2][1], {}, 'wamp.error.runtime_error', ['This function fails on purpose']]);
  await assert.rejects(failing, { name: 'WampError', error: 'wamp.error.runtime_error', message: 'This function fails on purpose' });
  ws.fail();
  await assert.rejects(pending, { error: ERRORS.connectionLost });
  assert.equal(wamp.state, 'reconnecting');
});

test('calls wait for a (re)connecting session, bounded', async (t) => {
  const { wamp } = connection(t, { timing: { callWaitMs: 100 } });
  wamp.start();
  const waiting = wamp.call('p.x');
  const ws = await join('AT1');
  await tick();
  assert.equal(ws.sent[2][3], 'p.x', 'sent once the session was welcomed');
  ws.receive([MSG.RESULT, ws.sent[2][1], {}, ['ok']]);
  assert.deepEqual((await waiting).args, ['ok']);
  ws.fail();
  await assert.rejects(wamp.call('p.y'), { error: ERRORS.offline });
});

test('GOODBYE vakt.close.token_expired: answer it, get a fresh token, join again', async (t) => {
  const { wamp, refreshed } = connection(t);
  wamp.start();
  const ws = await join('AT1');
  ws.receive([MSG.GOODBYE, { message: 'token expired' }, 'vakt.close.token_expired']);
  assert.deepEqual(ws.sent[ws.sent.length - 1], [MSG.GOODBYE, {}, 'wamp.close.goodbye_and_out']);
  await until(() => FakeWebSocket.instances.length === 2, 500);
  assert.deepEqual(refreshed, ['AT1']);
  await join('AT2');
  assert.equal(wamp.state, 'open');
});

test('ABORT wamp.error.authentication_failed also gets a fresh token', async (t) => {
  const { wamp, refreshed } = connection(t);
  wamp.start();
  await until(() => FakeWebSocket.last());
  const ws = FakeWebSocket.last();
  ws.open();
  ws.receive([MSG.CHALLENGE, 'ticket', {}]);
  ws.receive([MSG.ABORT, { message: 'access token expired' }, 'wamp.error.authentication_failed']);
  ws.serverClose(1000);
  await until(() => FakeWebSocket.instances.length === 2, 500);
  assert.deepEqual(refreshed, ['AT1']);
  assert.match(wamp.log[0].text, /authentication_failed: access token expired/);
});

test('rotation: new calls go to the new session, the old one leaves once its calls are answered', async (t) => {
  const { wamp, setToken } = connection(t);
  wamp.start();
  const old = await join('AT1');
  const slow = wamp.call('p.slow');
  await tick();
  setToken('AT-new');
  await wamp.rotate();
  const fresh = await join('AT-new');
  assert.equal(wamp.state, 'open');
  const quick = wamp.call('p.quick');
  await tick();
  assert.equal(fresh.sent[2][3], 'p.quick');
  assert.equal(old.sent.filter((m) => m[0] === MSG.GOODBYE).length, 0, 'the old session still has a call');
  old.receive([MSG.RESULT, old.sent[2][1], {}, ['slow done']]);
  assert.deepEqual((await slow).args, ['slow done']);
  assert.deepEqual(old.sent[old.sent.length - 1], [MSG.GOODBYE, {}, 'wamp.close.close_realm']);
  fresh.receive([MSG.RESULT, fresh.sent[2][1], {}, ['quick done']]);
  assert.deepEqual((await quick).args, ['quick done']);
});

test('an AbortSignal cancels the call', async (t) => {
  const { wamp } = connection(t);
  wamp.start();
  const ws = await join('AT1');
  const controller = new AbortController();
  const call = wamp.call('p.long', [], {}, { signal: controller.signal });
  await tick();
  controller.abort();
  const id = ws.sent[2][1];
  assert.deepEqual(ws.sent[3], [MSG.CANCEL, id, { mode: 'killnowait' }]);
  ws.receive([MSG.ERROR, MSG.CALL, id, {}, 'wamp.error.canceled', ['call canceled']]);
  await assert.rejects(call, { error: 'wamp.error.canceled' });
});
