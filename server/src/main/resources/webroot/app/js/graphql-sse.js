// graphql-sse.js — live values over HTTP when WebSockets are blocked: GraphQL over Server-Sent Events, the graphql-sse
// protocol's "single connection mode" at /arrigo/api/graphql/stream (docs/fallback-transports.md).
//
//   PUT  stream                       Authorization: Bearer <AT>          → 201, body = the reservation token
//   GET  stream (fetch, not EventSource, so headers can be sent)  X-GraphQL-Event-Stream-Token: <token>
//                                                                         → 200 text/event-stream, kept open
//   POST stream {query, variables, extensions: {operationId}}  + token    → 202; results arrive on the stream as
//        event: next  data: {"id": <operationId>, "payload": <ExecutionResult>}   and   event: complete  data: {"id"}
//   DELETE stream?operationId=<id>  + token                               → stops one subscription
//
// Why an adapter: SseSocket looks like a WebSocket that speaks graphql-transport-ws. LiveConnection (graphql-ws.js)
// drives it exactly as it drives the real socket — connection_init/ack, re-subscribing everything after a reconnect,
// ping liveness, token rotation make-before-break, stale marking — so that logic exists once, and switching between
// the two transports is only a matter of which socket class a channel is built with.
//
// Pure at import time; fetch is injectable for tests.
import { isAuthError } from './graphql-ws.js';
import { HttpSocket, boundSocketClass, browserFetch } from './http-socket.js';

/** Incremental parser of a text/event-stream (WHATWG HTML "event stream interpretation"). */
export class SseParser {
  constructor(onEvent, onComment = () => {}) {
    this.onEvent = onEvent;
    this.onComment = onComment;
    this.buffer = '';
    this.pendingCR = false;
    this.reset();
  }

  reset() {
    this.event = '';
    this.data = [];
    this.hasData = false;
    this.id = null;
  }

  /** Feed decoded text; complete lines are interpreted, a partial last line waits for the next chunk. */
  feed(text) {
    let chunk = text;
    // a CR at the end of the previous chunk may be the first half of CRLF
    if (this.pendingCR && chunk.startsWith('\n')) chunk = chunk.slice(1);
    this.pendingCR = false;
    this.buffer += chunk;
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      this.line(this.buffer.slice(start, i));
      if (c === '\r') {
        if (i + 1 < this.buffer.length) {
          if (this.buffer[i + 1] === '\n') i += 1;
        } else {
          this.pendingCR = true;
        }
      }
      start = i + 1;
    }
    this.buffer = this.buffer.slice(start);
  }

  line(line) {
    if (line === '') { this.dispatch(); return; }
    if (line.startsWith(':')) { this.onComment(line.slice(1)); return; }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event': this.event = value; break;
      case 'data': this.data.push(value); this.hasData = true; break;
      case 'id': if (!value.includes('\0')) this.id = value; break;
      default: break;          // 'retry' and unknown fields: nothing for us
    }
  }

  dispatch() {
    if (this.hasData) this.onEvent({ event: this.event || 'message', data: this.data.join('\n'), id: this.id });
    const id = this.id;
    this.reset();
    this.id = id;              // the last event id persists (unused by us, kept per the standard)
  }
}

// called as a plain function: a browser's fetch throws "Illegal invocation" when called as a method of another object

export const TIMING = Object.freeze({
  requestTimeoutMs: 15_000,    // reservation, operations, DELETE
  quietLimitMs: 70_000,        // the server writes a keep-alive comment every webSocket.pingInterval (25 s):
                               // a stream silent this long is dead, whatever the browser thinks
});

/** The first GraphQL error message of an HTTP answer's body, or a sentence about the status. */
function problemOf(status, json, text) {
  const errors = Array.isArray(json?.errors) ? json.errors : null;
  if (errors?.length) return errors.map((e) => e?.message).filter(Boolean).join('; ');
  if (typeof json?.error === 'string') return json.error;
  return `HTTP ${status}${text ? `: ${String(text).slice(0, 120)}` : ''}`;
}

const json = (text) => { try { return JSON.parse(text); } catch { return null; } };

/**
 * A WebSocket look-alike for LiveConnection: same members (readyState, protocol, send, close, onopen, onmessage,
 * onclose, onerror) and the graphql-transport-ws conversation, carried over graphql-sse. Construct it through
 * sseSocketClass(fetch) so tests can hand in a fake fetch.
 */
export class SseSocket extends HttpSocket {
  constructor(url, protocol, { fetchImpl = browserFetch, timing = {} } = {}) {
    super({ fetchImpl, timing: TIMING, overrides: timing });
    this.url = url;                       // http(s)://…/arrigo/api/graphql/stream
    this.protocol = protocol;             // what the caller asked for; the conversation it gets is that one
    this.auth = null;                     // "Bearer <AT>"
    this.reservation = null;
    this.lastActivity = Date.now();
    this.ops = new Set();
    // "open" = the HTTP side answers; the graphql-transport-ws handshake (connection_init) does the real work
    setTimeout(() => {
      if (this.readyState !== 0) return;
      this.readyState = 1;
      this.onopen?.({});
    }, 0);
  }

  /** A graphql-transport-ws client message from LiveConnection. */
  send(text) {
    if (this.readyState !== 1) return;
    const msg = json(text);
    switch (msg?.type) {
      case 'connection_init': this.connect(msg.payload?.Authorization); break;
      case 'subscribe': this.subscribe(msg.id, msg.payload); break;
      case 'complete': this.stop(msg.id); break;
      case 'ping': this.answerPing(); break;
      case 'pong': break;
      default: break;
    }
  }

  close(code = 1000, reason = '') {
    if (this.readyState >= 2) return;
    this.readyState = 2;
    // ending the stream ends the reservation and every operation on it (docs/fallback-transports.md): no DELETEs,
    // which would only meet an unknown token
    this.abort.abort();
    this.ops.clear();
    this.ended(code, reason, true);
  }

  // ---- the conversation

  async connect(authorization) {
    this.auth = typeof authorization === 'string' ? authorization : '';
    let answer;
    try {
      answer = await this.request('PUT', this.url);
    } catch (err) {
      this.fail(1006, `no answer to the reservation (PUT ${this.url}): ${err.message}`);
      return;
    }
    if (answer.status === 401 || answer.status === 403) {
      this.fail(4403, problemOf(answer.status, answer.json, answer.text));
      return;
    }
    if (answer.status !== 201 && answer.status !== 200) {
      this.fail(1006, `the reservation was refused: ${problemOf(answer.status, answer.json, answer.text)}`);
      return;
    }
    this.reservation = answer.text.trim();
    if (!this.reservation) { this.fail(1006, 'the reservation came without a token'); return; }
    this.openStream();
  }

  async openStream() {
    let res;
    try {
      res = await this.fetchImpl(this.url, {
        method: 'GET',
        headers: { Accept: 'text/event-stream', ...this.headers() },
        cache: 'no-store',
        credentials: 'same-origin',
        signal: this.abort.signal,
      });
    } catch (err) {
      this.fail(1006, `the event stream could not be opened: ${err?.message ?? err}`);
      return;
    }
    if (res.status === 401 || res.status === 403) { this.fail(4401, `the event stream was refused (HTTP ${res.status})`); return; }
    if (res.status === 404) { this.fail(1006, 'the server no longer knows the reservation (HTTP 404)'); return; }
    const type = res.headers?.get?.('Content-Type') ?? '';
    if (!res.ok || !res.body || !type.includes('text/event-stream')) {
      this.fail(1006, `the event stream answered HTTP ${res.status} ${type || 'without a content type'}`);
      return;
    }
    if (this.readyState !== 1) return;
    this.lastActivity = Date.now();
    this.emit({ type: 'connection_ack' });
    this.read(res.body);
  }

  async read(body) {
    const parser = new SseParser((e) => this.onEvent(e), () => { this.lastActivity = Date.now(); });
    const decoder = new TextDecoder();
    const reader = body.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        this.lastActivity = Date.now();
        parser.feed(decoder.decode(value, { stream: true }));
      }
      if (this.authExpired) this.fail(4401, 'INVALID_AUTH_TOKEN');
      else this.fail(1006, 'the server ended the event stream');
    } catch (err) {
      if (this.readyState === 1) this.fail(this.authExpired ? 4401 : 1006, `the event stream broke: ${err?.message ?? err}`);
    }
  }

  onEvent({ event, data }) {
    const msg = json(data);
    const id = msg?.id;
    if (typeof id !== 'string' && typeof id !== 'number') {
      console.warn(`GraphQL stream: ignored a ${event} event without an operation id`);
      return;
    }
    const opId = String(id);
    if (event === 'next') {
      // the token expired: the server ends every operation (next INVALID_AUTH_TOKEN, complete) and then the stream.
      // That is no end of the subscriptions — as on the WebSocket (error, then close 4401) they are sent again on a
      // stream opened with a fresh token.
      if (isAuthError(msg.payload?.errors)) {
        this.authExpired = true;
        this.ops.delete(opId);
        this.emit({ type: 'error', id: opId, payload: msg.payload.errors });
        return;
      }
      this.emit({ type: 'next', id: opId, payload: msg.payload ?? null });
    } else if (event === 'complete') {
      if (!this.ops.delete(opId)) return;     // already ended (after an INVALID_AUTH_TOKEN, or stopped by us)
      this.emit({ type: 'complete', id: opId });
    }
  }

  async subscribe(id, payload) {
    this.ops.add(id);
    let answer;
    try {
      answer = await this.request('POST', this.url, {
        query: payload?.query, variables: payload?.variables ?? {}, extensions: { operationId: id },
      });
    } catch (err) {
      if (this.readyState === 1) this.fail(1006, `the subscription could not be sent: ${err.message}`);
      return;
    }
    if (answer.status === 202 || answer.status === 200) return;
    if (answer.status === 401) { this.fail(4401, 'INVALID_AUTH_TOKEN'); return; }
    this.ops.delete(id);
    const errors = Array.isArray(answer.json?.errors) && answer.json.errors.length ? answer.json.errors
      : [{ message: problemOf(answer.status, answer.json, answer.text) }];
    this.emit({ type: 'error', id, payload: errors });
  }

  stop(id) {
    if (!this.ops.delete(id)) return;
    this.request('DELETE', `${this.url}?operationId=${encodeURIComponent(id)}`).catch(() => {});
  }

  /** LiveConnection's liveness ping: the stream is alive when it carried anything (data or keep-alive) lately. */
  answerPing() {
    // answered after the caller's send() returned, as a server's pong would be (it arms its pong timer after sending)
    if (Date.now() - this.lastActivity <= this.timing.quietLimitMs) setTimeout(() => this.emit({ type: 'pong' }), 0);
  }

  // ---- plumbing

  headers() {
    const headers = {};
    if (this.auth) headers.Authorization = this.auth;
    if (this.reservation) headers['X-GraphQL-Event-Stream-Token'] = this.reservation;
    return headers;
  }

  async request(method, url, body) {
    const headers = { Accept: 'application/json', ...this.headers() };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await this.fetchImpl(url, {
      method, headers, cache: 'no-store', credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: globalThis.AbortSignal?.timeout ? AbortSignal.timeout(this.timing.requestTimeoutMs) : undefined,
    });
    const text = await res.text().catch(() => '');
    return { status: res.status, text, json: json(text) };
  }

  emit(message) {
    if (this.readyState !== 1) return;
    try {
      this.onmessage?.({ data: JSON.stringify(message) });
    } catch (err) {
      console.warn(`GraphQL stream: a message handler failed: ${err?.message ?? err}`);
    }
  }

}

/** A socket class bound to a fetch implementation (LiveConnection calls `new WebSocketImpl(url, protocol)`). */
export function sseSocketClass(fetchImpl = browserFetch, timing = {}) {
  return boundSocketClass(SseSocket, fetchImpl, timing);
}
