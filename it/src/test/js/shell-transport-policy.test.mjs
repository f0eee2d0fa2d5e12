// Switching between a WebSocket and its HTTP fallback: the pure rules (transport-policy.js, fake clock), and
// LiveConnection (graphql-ws.js + backoff.js) applying them with scripted sockets — switching after two failed
// opens while the server answers, after three early deaths, and moving back make-before-break.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { TransportPolicy } from '../../../../server/src/main/resources/webroot/app/js/transport-policy.js';
import { LiveConnection } from '../../../../server/src/main/resources/webroot/app/js/graphql-ws.js';
import { FakeWebSocket, tick, until } from './shell-fakes.mjs';

const WS_URL = 'ws://h/arrigo/api/graphql/ws';
const HTTP_URL = 'http://h/arrigo/api/graphql/stream';
const QUERY = 'subscription($p:String!){ data(path:$p){ value } }';

function policy(over = {}) {
  const clock = { t: 1_000_000 };
  const p = new TransportPolicy({ now: () => clock.t, random: () => 0.5, ...over });
  return { p, clock };
}

test('two failed opens in a row while the server answers switch; an outage or a ready socket starts the count again', () => {
  const { p } = policy();
  assert.equal(p.websocketFailed(), 'check-health');
  assert.equal(p.healthAnswered(true), 'retry', 'the first refusal gets one more attempt');
  p.websocketReady();
  assert.equal(p.healthAnswered(true), 'retry');
  assert.equal(p.healthAnswered(false), 'retry', 'the server is down: an outage, not a blocked socket');
  assert.equal(p.healthAnswered(true), 'retry');
  assert.equal(p.healthAnswered(true), 'switch');
  p.useFallback('blocked');
  assert.equal(p.mode, 'fallback');
  assert.equal(p.reason, 'blocked');
  assert.equal(p.canFallback(), false, 'already on it');
});

test('three early deaths within two minutes switch; long-lived ones and old ones do not count', () => {
  const { p, clock } = policy();
  assert.equal(p.websocketDied(5 * 60_000), 'retry', 'lived five minutes: not an early death');
  assert.equal(p.websocketDied(2_000), 'retry');
  clock.t += 130_000;                         // the first early death leaves the window
  assert.equal(p.websocketDied(2_000), 'retry');
  clock.t += 30_000;
  assert.equal(p.websocketDied(2_000), 'retry');
  clock.t += 30_000;
  assert.equal(p.websocketDied(2_000), 'switch');
});

test('without a fallback nothing switches', () => {
  const { p } = policy({ fallbackAvailable: false });
  assert.equal(p.websocketFailed(), 'retry');
  assert.equal(p.healthAnswered(true), 'retry');
  assert.equal(p.healthAnswered(true), 'retry');
  for (let i = 0; i < 5; i++) p.websocketDied(1_000);
  assert.equal(p.websocketDied(1_000), 'retry');
});

test('a fallback that never opens is given up for a rest, then allowed again', () => {
  const { p, clock } = policy();
  p.useFallback('blocked');
  assert.equal(p.fallbackLost({ ready: false }), 'retry');
  assert.equal(p.fallbackLost({ ready: true }), 'retry', 'one that worked resets the count');
  p.fallbackLost({ ready: false });
  p.fallbackLost({ ready: false });
  assert.equal(p.fallbackLost({ ready: false }), 'give-up');
  assert.equal(p.mode, 'websocket');
  assert.equal(p.canFallback(), false);
  clock.t += 10 * 60_000;
  assert.equal(p.canFallback(), true);
});

test('the background try comes every 60 s with jitter of ±10 s', () => {
  for (const [dice, expected] of [[0, 50_000], [0.5, 60_000], [0.999999, 70_000]]) {
    const { p } = policy({ random: () => dice });
    assert.ok(Math.abs(p.probeDelay() - expected) <= 1, `dice ${dice} → ${p.probeDelay()}`);
  }
});

// ---- LiveConnection applying the rules

beforeEach(() => FakeWebSocket.reset());

function connection(t, { health = async () => true, switchTiming = {} } = {}) {
  const live = new LiveConnection({
    url: WS_URL,
    WebSocketImpl: FakeWebSocket,
    fallback: { url: HTTP_URL, WebSocketImpl: FakeWebSocket, label: 'HTTP event stream' },
    token: async () => 'AT1',
    refreshToken: async () => 'AT1',
    health,
    random: () => 0,
    switchTiming,
  });
  const transports = [];
  live.addEventListener('transportchange', () => transports.push(live.transport));
  t.after(() => live.stop());
  return { live, transports };
}

const sockets = (url) => FakeWebSocket.instances.filter((ws) => ws.url === url);
const lastOf = (url) => sockets(url)[sockets(url).length - 1];

async function ack(ws) {
  ws.open();
  ws.receive({ type: 'connection_ack' });
  await tick();
}

test('two WebSocket attempts that never open while the server answers → the fallback, subscriptions sent there', async (t) => {
  const { live, transports } = connection(t);
  const got = [];
  live.subscribe(QUERY, { p: 'N1' }, { next: (p) => got.push(p.data.value) });
  live.start();
  await until(() => sockets(WS_URL).length === 1, 2000, 'first WebSocket');
  lastOf(WS_URL).fail();
  await until(() => sockets(WS_URL).length === 2, 2000, 'second WebSocket');
  lastOf(WS_URL).fail();
  await until(() => sockets(HTTP_URL).length === 1, 2000, 'the fallback');
  assert.deepEqual(transports, ['fallback']);
  assert.equal(live.transport, 'fallback');
  const fallback = lastOf(HTTP_URL);
  await ack(fallback);
  assert.equal(live.state, 'open');
  const [sub] = fallback.sentOfType('subscribe');
  assert.deepEqual(sub.payload.variables, { p: 'N1' });
  fallback.receive({ type: 'next', id: sub.id, payload: { data: { value: 7 } } });
  assert.deepEqual(got, [7]);
  assert.ok(live.nextProbeAt > Date.now() + 40_000, 'a background WebSocket try is planned');
  assert.ok(live.log.some((e) => e.outcome === 'switched'), 'the switch is in the log');
});

test('when the server does not answer either, it is an outage: no switch', async (t) => {
  const { live } = connection(t, { health: async () => false });
  live.start();
  for (let i = 1; i <= 3; i++) {
    await until(() => sockets(WS_URL).length === i, 3000, `WebSocket attempt ${i}`);
    lastOf(WS_URL).fail();
  }
  await tick(20);
  assert.equal(sockets(HTTP_URL).length, 0);
  assert.equal(live.transport, 'websocket');
  assert.equal(live.state, 'reconnecting');
});

test('a WebSocket that keeps dying right after it opens → the fallback', async (t) => {
  const { live, transports } = connection(t);
  live.start();
  for (let i = 1; i <= 3; i++) {
    await until(() => sockets(WS_URL).length === i, 3000, `WebSocket ${i}`);
    await ack(lastOf(WS_URL));
    assert.equal(live.state, 'open');
    lastOf(WS_URL).serverClose(1006);
  }
  await until(() => sockets(HTTP_URL).length === 1, 2000, 'the fallback');
  assert.deepEqual(transports, ['fallback']);
});

test('on the fallback a background WebSocket is tried; once acknowledged it takes over, then the fallback closes', async (t) => {
  const { live, transports } = connection(t, { switchTiming: { probeEveryMs: 30, probeJitterMs: 0 } });
  const got = [];
  live.subscribe(QUERY, { p: 'N1' }, { next: (p) => got.push(p.data.value) });
  live.start();
  for (let i = 1; i <= 2; i++) {
    await until(() => sockets(WS_URL).length === i, 2000, `WebSocket ${i}`);
    lastOf(WS_URL).fail();
  }
  await until(() => sockets(HTTP_URL).length === 1, 2000, 'the fallback');
  const fallback = lastOf(HTTP_URL);
  await ack(fallback);

  // the first background try fails: stay on the fallback, nothing the page would notice
  await until(() => sockets(WS_URL).length === 3, 2000, 'a background WebSocket');
  lastOf(WS_URL).fail();
  await tick(5);
  assert.equal(live.transport, 'fallback');
  assert.equal(live.state, 'open');
  assert.equal(fallback.closedWith, null);

  // the second one works
  await until(() => sockets(WS_URL).length === 4, 2000, 'another background WebSocket');
  const socket = lastOf(WS_URL);
  const states = [];
  live.addEventListener('statechange', () => states.push(live.state));
  await ack(socket);
  const [sub] = socket.sentOfType('subscribe');
  assert.ok(sub, 'subscribed on the socket');
  assert.deepEqual(fallback.closedWith?.code, 1000, 'the fallback closed after the socket took over');
  assert.equal(live.transport, 'websocket');
  assert.deepEqual(transports, ['fallback', 'websocket']);
  assert.ok(states.every((s) => s === 'open'), `state stayed open: ${states}`);
  socket.receive({ type: 'next', id: sub.id, payload: { data: { value: 8 } } });
  assert.deepEqual(got, [8]);
  assert.equal(live.nextProbeAt, null);
});
