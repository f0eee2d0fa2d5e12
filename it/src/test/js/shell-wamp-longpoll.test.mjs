// WAMP over HTTP long-poll (wamp-longpoll.js) against a scripted fetch: the open/send/receive/close requests, order
// of sends, and the whole WAMP caller (wamp.js: HELLO, ticket, CALL, progress, RESULT, ERROR) running over it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LongPollSocket, longPollSocketClass, splitMessages } from '../../../../server/src/main/resources/webroot/app/js/wamp-longpoll.js';
import { MSG, WampConnection, WampError } from '../../../../server/src/main/resources/webroot/app/js/wamp.js';
import { tick, until } from './shell-fakes.mjs';

const URL = 'http://h/arrigo/api/wamp/longpoll';

/**
 * A scripted long-poll router: open → transport "t1"; send records the message and lets `onMessage` answer by
 * queueing messages; receive answers the queue (one message per answer) or waits until something is queued.
 */
function longPollServer({ open = () => ({ status: 200, body: JSON.stringify({ transport: 't1', protocol: 'wamp.2.json' }) }),
  onMessage = () => {} } = {}) {
  const calls = [];
  const queue = [];
  let waiting = null;
  const server = {
    calls, sent: [],
    push(message) {
      queue.push(JSON.stringify(message));
      if (waiting) { const w = waiting; waiting = null; w(); }
    },
  };
  const reply = (status, body = '') => ({ status, ok: status >= 200 && status < 300, text: async () => body });
  server.fetchImpl = async (url, init = {}) => {
    const path = String(url).slice(URL.length);
    calls.push({ path, body: init.body });
    if (path === '/open') { const r = open(init); return reply(r.status, r.body); }
    if (path === '/t1/send') {
      const msg = JSON.parse(init.body);
      server.sent.push(msg);
      await tick(msg[0] === MSG.HELLO ? 20 : 0);   // a slow first send: later ones must not overtake it
      onMessage(msg, server);
      return reply(204);
    }
    if (path === '/t1/receive') {
      if (!queue.length) {
        await new Promise((resolve, reject) => {
          waiting = resolve;
          init.signal?.addEventListener('abort', () => reject(new Error('aborted')));
        });
      }
      return reply(200, queue.shift());
    }
    if (path === '/t1/close') return reply(204);
    return reply(404, '{"error":"no such transport"}');
  };
  return server;
}

/** The router side of a caller session: CHALLENGE ticket, WELCOME for the right ticket, answers to calls. */
function router(msg, server) {
  switch (msg[0]) {
    case MSG.HELLO: server.push([MSG.CHALLENGE, 'ticket', {}]); break;
    case MSG.AUTHENTICATE:
      server.push(msg[1] === 'AT1' ? [MSG.WELCOME, 7, { authid: 'admin', authrole: 'user' }]
        : [MSG.ABORT, { message: 'bad ticket' }, 'wamp.error.authentication_failed']);
      break;
    case MSG.CALL:
      if (msg[3] === 'fails') { server.push([MSG.ERROR, MSG.CALL, msg[1], {}, 'wamp.error.no_such_procedure', ['no such procedure']]); break; }
      if (msg[2].receive_progress) server.push([MSG.RESULT, msg[1], { progress: true }, ['half']]);
      server.push([MSG.RESULT, msg[1], {}, ['done'], { n: 1 }]);
      break;
    case MSG.GOODBYE: server.push([MSG.GOODBYE, {}, 'wamp.close.goodbye_and_out']); break;
    default: break;
  }
}

test('several messages in one answer are split at the record separator; an empty answer is none', () => {
  assert.deepEqual(splitMessages('[1]\x1e[2,"x"]\x1e'), ['[1]', '[2,"x"]']);
  assert.deepEqual(splitMessages(''), []);
  assert.deepEqual(splitMessages('[50,1,{}]'), ['[50,1,{}]']);
});

test('the WAMP caller runs over long-poll: ticket sign-in, a call with progress, an error, in order', async (t) => {
  const server = longPollServer({ onMessage: router });
  const wamp = new WampConnection({
    url: URL, WebSocketImpl: longPollSocketClass(server.fetchImpl),
    token: async () => 'AT1', refreshToken: async () => 'AT1', health: async () => true, random: () => 0.5,
  });
  t.after(() => wamp.stop());
  wamp.start();
  const progress = [];
  const result = await wamp.call('ssf.execute', ['view', 'fn'], { a: 1 }, { onProgress: (p) => progress.push(p.args[0]) });
  assert.deepEqual(result, { args: ['done'], kwargs: { n: 1 } });
  assert.deepEqual(progress, ['half']);
  assert.equal(wamp.state, 'open');
  assert.deepEqual(wamp.welcome, { authid: 'admin', authrole: 'user' });
  assert.deepEqual(server.sent.map((m) => m[0]), [MSG.HELLO, MSG.AUTHENTICATE, MSG.CALL], 'sent one at a time, in order');
  assert.deepEqual(JSON.parse(server.calls[0].body), { protocols: ['wamp.2.json'] });
  await assert.rejects(wamp.call('fails'), (err) => err instanceof WampError && err.error === 'wamp.error.no_such_procedure');
});

test('a transport the server forgot (404 on receive) closes like a lost socket, and the caller reconnects', async () => {
  let receives = 0;
  const fetchImpl = async (url) => {
    const path = String(url).slice(URL.length);
    if (path === '/open') return { status: 200, ok: true, text: async () => '{"transport":"t1","protocol":"wamp.2.json"}' };
    if (path === '/t1/receive') { receives += 1; return { status: 404, ok: false, text: async () => '{"error":"gone"}' }; }
    return { status: 204, ok: true, text: async () => '' };
  };
  const socket = new LongPollSocket(URL, 'wamp.2.json', { fetchImpl });
  const opened = new Promise((resolve) => { socket.onopen = resolve; });
  const closed = new Promise((resolve) => { socket.onclose = resolve; });
  await opened;
  const e = await closed;
  assert.equal(e.code, 1001);
  assert.match(e.reason, /HTTP 404/);
  assert.equal(receives, 1);
});

test('an open the server refuses (fallback turned off) ends the attempt with the status in words', async () => {
  const fetchImpl = async () => ({ status: 404, ok: false, text: async () => '{"error":"The fallback transports … are turned off"}' });
  const socket = new LongPollSocket(URL, 'wamp.2.json', { fetchImpl });
  let opened = false;
  socket.onopen = () => { opened = true; };
  const e = await new Promise((resolve) => { socket.onclose = resolve; });
  assert.equal(opened, false);
  assert.equal(e.code, 1006);
  assert.match(e.reason, /could not be opened: HTTP 404/);
});

test('close() sends the queued messages first, then closes the transport, and ends the waiting receive', async () => {
  const server = longPollServer();
  const socket = new LongPollSocket(URL, 'wamp.2.json', { fetchImpl: server.fetchImpl });
  await new Promise((resolve) => { socket.onopen = resolve; });
  socket.send(JSON.stringify([MSG.GOODBYE, {}, 'wamp.close.close_realm']));
  socket.close(1000, 'bye');
  const e = await new Promise((resolve) => { socket.onclose = resolve; });
  assert.equal(e.code, 1000);
  await until(() => server.calls.some((c) => c.path === '/t1/close'), 2000, 'POST close');
  const paths = server.calls.map((c) => c.path).filter((p) => p !== '/t1/receive');
  assert.deepEqual(paths, ['/open', '/t1/send', '/t1/close']);
});

test('after the router\'s GOODBYE the transport is the server\'s to drop: no close request', async () => {
  const server = longPollServer();
  const socket = new LongPollSocket(URL, 'wamp.2.json', { fetchImpl: server.fetchImpl });
  await new Promise((resolve) => { socket.onopen = resolve; });
  const got = [];
  socket.onmessage = (e) => {
    got.push(JSON.parse(e.data)[0]);
    socket.close(1000, 'router said goodbye');     // as WampSession does on GOODBYE
  };
  server.push([MSG.GOODBYE, {}, 'wamp.close.system_shutdown']);
  await new Promise((resolve) => { socket.onclose = resolve; });
  await tick(20);
  assert.deepEqual(got, [MSG.GOODBYE]);
  assert.equal(server.calls.filter((c) => c.path === '/t1/close').length, 0);
});
