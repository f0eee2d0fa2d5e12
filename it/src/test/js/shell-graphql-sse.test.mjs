// GraphQL over Server-Sent Events (graphql-sse.js): the event-stream parser, and the WebSocket look-alike that lets
// LiveConnection speak graphql-transport-ws over the graphql-sse single-connection mode, against a scripted fetch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SseParser, SseSocket, sseSocketClass } from '../../../../server/src/main/resources/webroot/app/js/graphql-sse.js';
import { LiveConnection } from '../../../../server/src/main/resources/webroot/app/js/graphql-ws.js';
import { tick, until } from './shell-fakes.mjs';

const URL = 'http://h/arrigo/api/graphql/stream';
const QUERY = 'subscription($p:String!){ data(path:$p){ value } }';

function parse(chunks) {
  const events = [];
  const comments = [];
  const parser = new SseParser((e) => events.push(e), (c) => comments.push(c));
  for (const chunk of chunks) parser.feed(chunk);
  return { events, comments };
}

test('the parser reads events, comments, multi-line data and every line ending, also split across chunks', () => {
  const { events, comments } = parse([
    ':\n\n',
    'event: next\ndata: {"id":"1",', '"payload":{}}\n\n',
    'event:complete\r\ndata:{"id":"1"}\r', '\n\r\n',
    'data: a\ndata: b\n\n',
    'event: next\rdata: x\r\r',
    'event: ignored-without-data\n\n',
    'data: partial',
  ]);
  assert.deepEqual(events.map(({ event, data }) => ({ event, data })), [
    { event: 'next', data: '{"id":"1","payload":{}}' },
    { event: 'complete', data: '{"id":"1"}' },
    { event: 'message', data: 'a\nb' },
    { event: 'next', data: 'x' },
  ]);
  assert.deepEqual(comments, ['']);
});

test('a field without a colon is a field with an empty value; only one leading space is removed', () => {
  const { events } = parse(['data\ndata:  two spaces\n\n']);
  assert.deepEqual(events.map((e) => e.data), ['\n two spaces']);
});

/** A scripted graphql-sse server: PUT → 201 token, GET → an event stream the test writes to, POST → 202, DELETE → 200. */
function sseServer({ reserve = () => ({ status: 201, body: 'stream-token' }) } = {}) {
  const calls = [];
  const streams = [];
  const encoder = new TextEncoder();
  const fetchImpl = async (url, init = {}) => {
    const call = { url: String(url), method: init.method, headers: init.headers ?? {}, body: init.body ? JSON.parse(init.body) : undefined };
    calls.push(call);
    const reply = (status, body = '', headers = {}) => ({ status, ok: status >= 200 && status < 300, headers: new Headers(headers),
      text: async () => body, body: null });
    switch (init.method) {
      case 'PUT': { const r = reserve(call); return reply(r.status, r.body); }
      case 'POST': return reply(202);
      case 'DELETE': return reply(200);
      case 'GET': {
        let controller;
        const body = new ReadableStream({ start(c) { controller = c; } });
        init.signal?.addEventListener('abort', () => { try { controller.error(new Error('aborted')); } catch { /* closed */ } });
        const stream = {
          write: (text) => controller.enqueue(encoder.encode(text)),
          event: (event, data) => stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
          end: () => controller.close(),
        };
        streams.push(stream);
        return { status: 200, ok: true, headers: new Headers({ 'Content-Type': 'text/event-stream; charset=utf-8' }), body, text: async () => '' };
      }
      default: return reply(405);
    }
  };
  return { fetchImpl, calls, streams };
}

function connection(t, server, over = {}) {
  const refreshed = [];
  let token = 'AT1';
  const live = new LiveConnection({
    url: 'ws://h/arrigo/api/graphql/ws',
    WebSocketImpl: sseSocketClass(server.fetchImpl),   // here the fallback is the only transport
    token: async () => token,
    refreshToken: async (stale) => { refreshed.push(stale); token = `AT${refreshed.length + 1}`; return token; },
    health: async () => true,
    random: () => 0,
    ...over,
  });
  live.url = URL;
  live.transports.websocket.url = URL;
  t.after(() => live.stop());
  return { live, refreshed };
}

test('reserve with the token, open the stream, subscribe with an operationId, deliver next, stop with DELETE', async (t) => {
  const server = sseServer();
  const { live } = connection(t, server);
  const got = [];
  const unsubscribe = live.subscribe(QUERY, { p: 'N1' }, { next: (p) => got.push(p.data.value) });
  live.start();
  await until(() => server.streams.length === 1, 2000, 'the stream GET');
  const [put, get] = server.calls;
  assert.equal(put.method, 'PUT');
  assert.equal(put.headers.Authorization, 'Bearer AT1');
  assert.equal(get.headers['X-GraphQL-Event-Stream-Token'], 'stream-token');
  assert.equal(get.headers.Accept, 'text/event-stream');
  await until(() => live.state === 'open', 2000, 'open');
  await until(() => server.calls.some((c) => c.method === 'POST'), 2000, 'the subscription POST');
  const post = server.calls.find((c) => c.method === 'POST');
  assert.equal(post.headers['X-GraphQL-Event-Stream-Token'], 'stream-token');
  assert.deepEqual(post.body, { query: QUERY, variables: { p: 'N1' }, extensions: { operationId: '1' } });

  server.streams[0].write(':\n\n');
  server.streams[0].event('next', { id: '1', payload: { data: { value: 21.5 } } });
  await until(() => got.length === 1, 2000, 'a value');
  assert.deepEqual(got, [21.5]);

  unsubscribe();
  await until(() => server.calls.some((c) => c.method === 'DELETE'), 2000, 'the DELETE');
  assert.equal(server.calls.find((c) => c.method === 'DELETE').url, `${URL}?operationId=1`);
});

test('an expired token ends no subscription: the stream reopens with a fresh token and subscribes again', async (t) => {
  const server = sseServer();
  const { live, refreshed } = connection(t, server);
  const got = [];
  const ended = [];
  live.subscribe(QUERY, { p: 'N1' }, { next: (p) => got.push(p), error: () => ended.push('error'), complete: () => ended.push('complete') });
  live.start();
  await until(() => server.calls.some((c) => c.method === 'POST'), 2000, 'the first subscription');
  server.streams[0].event('next', { id: '1', payload: { errors: [{ message: 'INVALID_AUTH_TOKEN' }] } });
  server.streams[0].event('complete', { id: '1' });
  server.streams[0].end();
  await until(() => server.calls.filter((c) => c.method === 'POST').length === 2, 3000, 'the subscription sent again');
  assert.deepEqual(refreshed, ['AT1'], 'the refused token is refreshed first');
  assert.equal(server.calls.filter((c) => c.method === 'PUT')[1].headers.Authorization, 'Bearer AT2');
  assert.deepEqual(ended, [], 'the page never hears of the expiry');
  assert.deepEqual(got, []);
});

test('a refused reservation closes like a refused connection_init (4403), with the server\'s words', async () => {
  const server = sseServer({ reserve: () => ({ status: 401, body: '{"error":"Missing or invalid bearer token: expired","code":"UNAUTHENTICATED"}' }) });
  const socket = new SseSocket(URL, 'graphql-transport-ws', { fetchImpl: server.fetchImpl });
  const closed = new Promise((resolve) => { socket.onclose = resolve; });
  socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: 'Bearer X' } }));
  const e = await closed;
  assert.equal(e.code, 4403);
  assert.match(e.reason, /Missing or invalid bearer token/);
});

test('ping is answered while the stream carries keep-alives, and not once it has been silent too long', async () => {
  const server = sseServer();
  const socket = new SseSocket(URL, 'graphql-transport-ws', { fetchImpl: server.fetchImpl, timing: { quietLimitMs: 50 } });
  const messages = [];
  socket.onmessage = (e) => messages.push(JSON.parse(e.data).type);
  socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: 'Bearer X' } }));
  await until(() => messages.includes('connection_ack'), 2000, 'ack');
  socket.send(JSON.stringify({ type: 'ping' }));
  await tick(5);
  assert.deepEqual(messages, ['connection_ack', 'pong']);
  await tick(80);
  socket.send(JSON.stringify({ type: 'ping' }));
  await tick(5);
  assert.deepEqual(messages, ['connection_ack', 'pong'], 'no pong after 80 ms of silence with a 50 ms limit');
  socket.close();
});
