// The live connection (graphql-ws.js) against a scripted WebSocket: the graphql-transport-ws messages, re-sending
// subscriptions after a reconnect, fresh tokens after 4401, make-before-break rotation and the ping liveness check.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  clientMessage, describeClose, isAuthError, LiveConnection, parseServerMessage,
} from '../../../../server/src/main/resources/webroot/app/js/graphql-ws.js';
import { FakeWebSocket, tick, until } from './shell-fakes.mjs';

const URL = 'ws://h/arrigo/api/graphql/ws';
const QUERY = 'subscription($p:String!){ data(path:$p){ value path type timeStamp } }';

beforeEach(() => FakeWebSocket.reset());

test('server messages are parsed and checked', () => {
  assert.deepEqual(parseServerMessage('{"type":"connection_ack"}'), { type: 'connection_ack', payload: null });
  assert.deepEqual(parseServerMessage('{"type":"next","id":"1","payload":{"data":{}}}'), { type: 'next', id: '1', payload: { data: {} } });
  assert.equal(parseServerMessage('{"type":"error","id":"2","payload":[{"message":"x"}]}').type, 'error');
  assert.equal(parseServerMessage('{"type":"ping"}').type, 'ping');
  for (const bad of ['nope', '[]', '{"type":"next"}', '{"type":"error","id":"1","payload":{}}', '{"type":"ka"}']) {
    assert.throws(() => parseServerMessage(bad), undefined, bad);
  }
});

test('client messages: the token goes in connection_init as the server reads it', () => {
  assert.deepEqual(JSON.parse(clientMessage.init('T')), { type: 'connection_init', payload: { Authorization: 'Bearer T' } });
  assert.deepEqual(JSON.parse(clientMessage.subscribe('3', 'q', { p: 1 })), { type: 'subscribe', id: '3', payload: { query: 'q', variables: { p: 1 } } });
  assert.ok(isAuthError([{ message: 'INVALID_AUTH_TOKEN' }]));
  assert.ok(!isAuthError([{ message: 'Invalid path' }]));
  assert.match(describeClose(4401, 'INVALID_AUTH_TOKEN'), /^4401 .*token.*\(INVALID_AUTH_TOKEN\)$/);
});

/** A LiveConnection on FakeWebSocket; stopped when the test ends, pass or fail (else its retries run on). */
function connection(t, over = {}) {
  const refreshed = [];
  let token = 'AT1';
  const live = new LiveConnection({
    url: URL,
    token: async () => token,
    refreshToken: async (stale) => { refreshed.push(stale); token = `AT${refreshed.length + 1}`; return token; },
    health: async () => true,
    WebSocketImpl: FakeWebSocket,
    events: null,
    random: () => 0,
    ...over,
  });
  const states = [];
  let last = live.state;
  live.addEventListener('statechange', () => { if (live.state !== last) states.push(last = live.state); });
  t.after(() => live.stop());
  return { live, refreshed, states, setToken: (t) => { token = t; } };
}

async function ack(ws) {
  ws.open();
  ws.receive({ type: 'connection_ack' });
  await tick();
}

test('connect, init with the token, subscribe once acknowledged, deliver values', async (t) => {
  const { live, states } = connection(t);
  const got = [];
  live.subscribe(QUERY, { p: 'N1' }, { next: (p) => got.push(p.data.data.value) });
  live.start();
  await until(() => FakeWebSocket.last());
  const ws = FakeWebSocket.last();
  assert.equal(ws.url, URL);
  assert.equal(ws.requestedProtocol, 'graphql-transport-ws');
  ws.open();
  assert.deepEqual(ws.sent, [{ type: 'connection_init', payload: { Authorization: 'Bearer AT1' } }]);
  assert.equal(ws.sentOfType('subscribe').length, 0, 'nothing before the ack');
  ws.receive({ type: 'connection_ack' });
  const [sub] = ws.sentOfType('subscribe');
  assert.deepEqual(sub.payload, { query: QUERY, variables: { p: 'N1' } });
  ws.receive({ type: 'next', id: sub.id, payload: { data: { data: { value: 21.5 } } } });
  ws.receive({ type: 'ping' });
  assert.deepEqual(ws.sent[ws.sent.length - 1], { type: 'pong' });
  assert.deepEqual(got, [21.5]);
  assert.deepEqual(states, ['open']);
  live.stop();
});

test('after a lost connection every active subscription is sent again', async (t) => {
  const { live, states } = connection(t);
  const got = [];
  live.subscribe(QUERY, { p: 'A' }, { next: (p) => got.push(`A${p.v}`) });
  const stopB = live.subscribe(QUERY, { p: 'B' }, { next: (p) => got.push(`B${p.v}`) });
  live.start();
  await until(() => FakeWebSocket.last());
  await ack(FakeWebSocket.last());
  stopB();
  const first = FakeWebSocket.last();
  assert.equal(first.sentOfType('complete').length, 1, 'unsubscribe sends complete');
  first.serverClose(1001, 'shutdown');
  assert.equal(live.state, 'reconnecting');
  assert.ok(live.nextRetryAt !== null);
  await until(() => FakeWebSocket.instances.length === 2, 1000, 'the retry');
  const second = FakeWebSocket.last();
  await ack(second);
  const subs = second.sentOfType('subscribe');
  assert.deepEqual(subs.map((s) => s.payload.variables.p), ['A'], 'only the active one');
  second.receive({ type: 'next', id: subs[0].id, payload: { v: 2 } });
  first.onmessage?.({ data: '{"type":"next","id":"1","payload":{"v":99}}' });   // a dead socket says nothing
  assert.deepEqual(got, ['A2']);
  assert.deepEqual(states, ['open', 'reconnecting', 'open']);
  live.stop();
});

test('4401 (token expired): get a fresh token naming the refused one, reconnect at once', async (t) => {
  const { live, refreshed } = connection(t);
  live.subscribe(QUERY, { p: 'A' }, {});
  live.start();
  await until(() => FakeWebSocket.last());
  const ws = FakeWebSocket.last();
  await ack(ws);
  const [sub] = ws.sentOfType('subscribe');
  let errors = 0;
  live.subscriptions.forEach((r) => { r.sink.error = () => { errors += 1; }; });
  ws.receive({ type: 'error', id: sub.id, payload: [{ message: 'INVALID_AUTH_TOKEN' }] });
  ws.serverClose(4401, 'INVALID_AUTH_TOKEN');
  await until(() => FakeWebSocket.instances.length === 2, 500);
  assert.deepEqual(refreshed, ['AT1']);
  const next = FakeWebSocket.last();
  next.open();
  assert.deepEqual(next.sent[0].payload, { Authorization: 'Bearer AT2' });
  next.receive({ type: 'connection_ack' });
  assert.equal(next.sentOfType('subscribe').length, 1, 'the subscription survived the token error');
  assert.equal(errors, 0, 'INVALID_AUTH_TOKEN is not an error of the subscription');
  live.stop();
});

test('a token refresh rotates make-before-break: values never stop, the state stays open', async (t) => {
  const { live, states, setToken } = connection(t);
  const got = [];
  live.subscribe(QUERY, { p: 'A' }, { next: (p) => got.push(p.v) });
  live.start();
  await until(() => FakeWebSocket.last());
  const old = FakeWebSocket.last();
  await ack(old);
  setToken('AT-new');
  await live.rotate();
  assert.equal(FakeWebSocket.instances.length, 2);
  const fresh = FakeWebSocket.last();
  fresh.open();
  assert.equal(fresh.sent[0].payload.Authorization, 'Bearer AT-new');
  old.receive({ type: 'next', id: old.sentOfType('subscribe')[0].id, payload: { v: 1 } });   // old still delivers
  assert.equal(old.closedWith, null, 'the old socket stays until the new one is acknowledged');
  fresh.receive({ type: 'connection_ack' });
  assert.equal(fresh.sentOfType('subscribe').length, 1);
  assert.deepEqual(old.closedWith?.code, 1000);
  fresh.receive({ type: 'next', id: fresh.sentOfType('subscribe')[0].id, payload: { v: 2 } });
  assert.deepEqual(got, [1, 2]);
  assert.deepEqual(states, ['open']);
  live.stop();
});

test('no pong within the limit: the socket counts as dead and is replaced', async (t) => {
  const { live } = connection(t, { timing: { pingEveryMs: 30, pongWithinMs: 30 } });
  let dead = 0;
  live.addEventListener('dead', () => { dead += 1; });
  live.start();
  await until(() => FakeWebSocket.last());
  const ws = FakeWebSocket.last();
  await ack(ws);
  await until(() => ws.sentOfType('ping').length === 1, 500, 'a ping');
  ws.receive({ type: 'pong' });
  await tick(5);
  assert.equal(live.state, 'open', 'an answered ping keeps it open');
  await until(() => live.state === 'reconnecting', 500, 'the dead socket noticed');
  assert.equal(dead, 1);
  assert.equal(ws.closedWith.code, 4000);
  live.stop();
});

test('server errors and completes end a subscription; it is not re-sent', async (t) => {
  const { live } = connection(t);
  const events = [];
  live.subscribe(QUERY, { p: 'bad' }, {
    next: (p) => events.push(['next', p.errors[0].message]),
    complete: () => events.push(['complete']),
  });
  live.subscribe(QUERY, { p: 'worse' }, { error: (e) => events.push(['error', e[0].message]) });
  live.start();
  await until(() => FakeWebSocket.last());
  const ws = FakeWebSocket.last();
  await ack(ws);
  const [a, b] = ws.sentOfType('subscribe');
  ws.receive({ type: 'next', id: a.id, payload: { data: null, errors: [{ message: 'Invalid path' }] } });
  ws.receive({ type: 'complete', id: a.id });
  ws.receive({ type: 'error', id: b.id, payload: [{ message: 'Validation error' }] });
  assert.deepEqual(events, [['next', 'Invalid path'], ['complete'], ['error', 'Validation error']]);
  assert.equal(live.subscriptions.size, 0);
  live.stop();
});

test('a WebSocket that never opens while the API answers → unsupported', async (t) => {
  const { live, states } = connection(t);
  live.start();
  for (let i = 1; i <= 3; i++) {
    await until(() => FakeWebSocket.instances.length === i, 1000, `attempt ${i}`);
    FakeWebSocket.last().fail();
  }
  await until(() => live.state === 'unsupported');
  assert.deepEqual(states, ['reconnecting', 'unsupported']);
  assert.match(live.lastError, /could not be opened/);
  live.stop();
});
