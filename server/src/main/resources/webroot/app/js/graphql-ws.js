// graphql-ws.js — the ONE GraphQL WebSocket of this tab (/arrigo/api/graphql/ws, subprotocol graphql-transport-ws).
//
// Life cycle (docs/web-runtime.md, "Connection life cycle"):
//   connect → connection_init {Authorization: "Bearer <AT>"} → connection_ack → every active subscription is
//   (re)sent → values flow. A ping every 15 s must be answered within 10 s, else the socket is treated as dead
//   (browsers notice a silently dropped TCP connection only after minutes). Any loss → 'reconnecting' with
//   exponential back-off and full jitter (backoff.js); after every reconnect the subscriptions are sent again and
//   the server answers each with its current value, so nothing stays stale.
// Tokens: the server closes 4401 when the AT expires and 4403 for a bad AT at init; then we get a fresh token first.
// When the session refreshes its token we rotate make-before-break: a second socket with the new token, the
// subscriptions moved over once it is acknowledged, then the old one closed — values never go stale on a planned
// rotation.
// 'unsupported': three attempts in a row that never got a WebSocket open while GET /arrigo/api/health answers —
// the classic blocked upgrade (proxy, firewall, untrusted certificate). We keep trying slowly.
//
// Pure at import time; the WebSocket class, timers' environment and health check are injectable for tests.
import { Reconnecting } from './backoff.js';

export const PROTOCOL = 'graphql-transport-ws';
export const AUTH_ERROR = 'INVALID_AUTH_TOKEN';

export const TIMING = Object.freeze({
  pingEveryMs: 15_000,
  pongWithinMs: 10_000,
  ackWithinMs: 10_000,       // from creating the socket to connection_ack
});

const CLOSE_WORDS = {
  1000: 'closed normally',
  1001: 'server going away (restart or shutdown)',
  1002: 'protocol error',
  1005: 'closed without a status code',
  1006: 'connection lost or refused (server down, network problem, or the upgrade was blocked)',
  1007: 'invalid text',
  1008: 'policy violation',
  1009: 'message too big',
  1011: 'server error',
  1012: 'server restarting',
  1013: 'server overloaded, try again later',
  1015: 'TLS handshake failed (certificate not trusted?)',
  4000: 'closed by this browser',
  4400: 'the server did not understand a message',
  4401: 'access token expired or not accepted',
  4403: 'access token refused at connection_init',
  4406: 'subprotocol not supported',
  4408: 'connection_init not sent in time',
  4409: 'subscription id already in use',
  4429: 'too many connection_init messages',
};

/** A close code and reason in words, e.g. "4401 access token expired or not accepted (INVALID_AUTH_TOKEN)". */
export function describeClose(code, reason = '') {
  const words = CLOSE_WORDS[code] ?? 'closed';
  return `${code} ${words}${reason ? ` (${reason})` : ''}`;
}

/**
 * Parse a server message. Returns {type, id?, payload?}; throws Error on anything that is not one.
 * graphql-transport-ws server messages: connection_ack, next, error, complete, ping, pong.
 */
export function parseServerMessage(text) {
  let msg;
  try { msg = JSON.parse(text); } catch { throw new Error('not JSON'); }
  if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') throw new Error('no message type');
  switch (msg.type) {
    case 'connection_ack':
    case 'ping':
    case 'pong':
      return { type: msg.type, payload: msg.payload ?? null };
    case 'next':
    case 'error':
    case 'complete':
      if (typeof msg.id !== 'string' || msg.id === '') throw new Error(`${msg.type} without id`);
      if (msg.type === 'error' && !Array.isArray(msg.payload)) throw new Error('error payload is not a list');
      return { type: msg.type, id: msg.id, payload: msg.payload ?? null };
    default:
      throw new Error(`unknown message type ${msg.type}`);
  }
}

/** Whether an error payload (a list of GraphQL errors) says the token expired. */
export function isAuthError(payload) {
  return (Array.isArray(payload) ? payload : [payload]).some((e) => e && e.message === AUTH_ERROR);
}

/** The client messages, as text. */
export const clientMessage = {
  init: (token) => JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${token}` } }),
  subscribe: (id, query, variables) => JSON.stringify({ type: 'subscribe', id, payload: { query, variables } }),
  complete: (id) => JSON.stringify({ type: 'complete', id }),
  ping: () => JSON.stringify({ type: 'ping' }),
  pong: () => JSON.stringify({ type: 'pong' }),
};

/** One socket: one connection attempt and, if it works, one connection. The LiveConnection owns its life. */
class Channel {
  constructor(owner, token, transport = owner.transportNow()) {
    this.owner = owner;
    this.token = token;
    this.transport = transport;    // websocket, or the HTTP fallback (a WebSocket look-alike, graphql-sse.js)
    this.timing = owner.timing;
    this.upgraded = false;
    this.acked = false;
    this.ended = false;
    this.ops = new Map();          // operation id on this socket → subscription record
    this.nextId = 0;
    this.pingTimer = null;
    this.pongTimer = null;
    this.ackTimer = setTimeout(() => this.abandon(4000, `no connection_ack within ${this.timing.ackWithinMs / 1000} s`),
      this.timing.ackWithinMs);
    let ws;
    try {
      ws = new transport.WebSocketImpl(transport.url, PROTOCOL);
    } catch (err) {
      // e.g. a SecurityError (ws: from an https page): report it like a refused connection, but asynchronously
      this.ws = { readyState: 3, close() {} };
      setTimeout(() => this.finish(1006, `the browser refused to open it: ${err?.message ?? err}`, false), 0);
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.upgraded = true;
      ws.send(clientMessage.init(token));
    };
    ws.onmessage = (e) => this.onMessage(e.data);
    ws.onclose = (e) => this.finish(e.code, e.reason, e.wasClean);
    ws.onerror = () => { /* a close event always follows; the browser logs the failure itself */ };
  }

  /** Acknowledged and not ended: usable for subscriptions. */
  get ready() { return this.acked && !this.ended; }

  send(text) {
    if (!this.ended && this.ws.readyState === 1) this.ws.send(text);
  }

  onMessage(text) {
    if (this.ended) return;
    let msg;
    try {
      msg = parseServerMessage(text);
    } catch (err) {
      console.warn(`GraphQL WebSocket: ignored a message (${err.message})`);
      return;
    }
    this.alive();
    switch (msg.type) {
      case 'connection_ack':
        this.acked = true;
        clearTimeout(this.ackTimer);
        this.pingTimer = setInterval(() => this.ping(), this.timing.pingEveryMs);
        this.owner.onAck(this);
        break;
      case 'ping':
        this.send(clientMessage.pong());
        break;
      case 'pong':
        break;
      case 'next':
        this.ops.get(msg.id)?.deliver('next', msg.payload);
        break;
      case 'error': {
        const record = this.ops.get(msg.id);
        this.ops.delete(msg.id);
        // INVALID_AUTH_TOKEN: close 4401 follows and the subscription is re-sent after the reconnect
        if (record && !isAuthError(msg.payload)) this.owner.finishSubscription(record, 'error', msg.payload);
        break;
      }
      case 'complete': {
        const record = this.ops.get(msg.id);
        this.ops.delete(msg.id);
        if (record) this.owner.finishSubscription(record, 'complete');
        break;
      }
      default:
        break;
    }
  }

  subscribe(record) {
    const id = String(++this.nextId);
    this.ops.set(id, record);
    record.channel = this;
    record.opId = id;
    this.send(clientMessage.subscribe(id, record.query, record.variables));
  }

  unsubscribe(record) {
    if (record.channel !== this) return;
    this.ops.delete(record.opId);
    this.send(clientMessage.complete(record.opId));
    record.channel = null;
  }

  ping() {
    if (this.pongTimer) return;   // still waiting for the previous answer
    this.send(clientMessage.ping());
    this.pongTimer = setTimeout(() => this.abandon(4000, `no answer to ping within ${this.timing.pongWithinMs / 1000} s`, { dead: true }),
      this.timing.pongWithinMs);
  }

  /** Any message proves the connection is alive. */
  alive() {
    clearTimeout(this.pongTimer);
    this.pongTimer = null;
  }

  /**
   * Close from our side and report at once (a browser may take long to fire `close` on a dead connection).
   * `dead`: the connection stopped answering; `restart`: we close it on purpose to reconnect at once.
   */
  abandon(code, reason, { dead = false, restart = false } = {}) {
    if (this.ended) return;
    this.restart = restart;
    try { this.ws.close(code, reason.slice(0, 120)); } catch { /* already closing */ }
    this.finish(code, reason, false, dead);
  }

  finish(code, reason, wasClean, dead = false) {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.ackTimer);
    clearTimeout(this.pongTimer);
    clearInterval(this.pingTimer);
    this.ws.onopen = this.ws.onmessage = this.ws.onclose = this.ws.onerror = null;
    for (const record of this.ops.values()) if (record.channel === this) record.channel = null;
    this.ops.clear();
    this.owner.onChannelClosed(this, { code, reason: reason || '', wasClean, dead });
  }
}

/**
 * The tab's live connection. `token()` gives a valid AT, `refreshToken(stale)` a fresh one after the server refused
 * `stale`; both reject with an error named 'SessionEnded' when the sign-in is over. `health()` resolves true when
 * GET /arrigo/api/health answers. State, retries and the attempt log come from Reconnecting (backoff.js).
 */
export class LiveConnection extends Reconnecting {
  constructor({ timing = {}, ...options } = {}) {
    super({ ...options, timing: { ...TIMING, ...timing } });
    this.subscriptions = new Set();
    this.rotating = null;          // make-before-break: the new channel until it is acknowledged
  }

  /** Subscribe; the sink gets next(payload) with {data, errors}, error(errors) and complete(). Returns unsubscribe(). */
  subscribe(query, variables, sink = {}) {
    const record = {
      query, variables, sink, channel: null, opId: null, done: false,
      deliver(kind, payload) {
        try { sink[kind]?.(payload); } catch (err) { console.warn(`A live value handler failed: ${err?.message ?? err}`); }
      },
    };
    this.subscriptions.add(record);
    if (this.current?.acked) this.current.subscribe(record);
    return () => {
      if (record.done) return;
      record.done = true;
      this.subscriptions.delete(record);
      record.channel?.unsubscribe(record);
    };
  }

  /** Sign-out: close the sockets and drop the subscriptions (the pages that made them are gone too). */
  stop(reason) {
    super.stop(reason);
    for (const record of this.subscriptions) record.done = true;
    this.subscriptions.clear();
  }

  /** The session has a new token: move to a socket authenticated with it before the old one expires. */
  async rotate() {
    if (!this.started) return;
    const current = this.current;
    if (!current) return;                       // waiting to retry: the next attempt takes the new token
    if (!current.acked) {                       // an attempt under way with the old token: start over
      current.abandon(4000, 'token rotated before the connection was ready', { restart: true });
      return;
    }
    const superseded = this.rotating;
    this.rotating = null;
    superseded?.abandon(4000, 'superseded by a newer rotation');
    let token;
    try { token = await this.getToken(); } catch { return; }   // offline: the current socket lives on until 4401
    if (!this.started || this.current !== current || !current.acked) return;
    this.record({ outcome: 'rotating', text: 'opening a second socket with the refreshed token' });
    this.rotating = new Channel(this, token, current.transport);
  }

  /** Close the socket on purpose and connect again at once (e.g. another connection saw the network come back). */
  reconnect(reason = 'reconnect requested') {
    if (!this.started) return;
    if (this.current) this.current.abandon(4000, reason, { restart: true });
    else this.retryNow();
  }

  // ---- Reconnecting's hooks ----

  openChannel(token) {
    this.current = new Channel(this, token);
  }

  openProbe(token, transport) {
    return new Channel(this, token, transport);
  }

  closeChannels(code, reason) {
    const channels = [this.current, this.rotating, this.probing];
    this.current = this.rotating = this.probing = null;
    for (const ch of channels) ch?.abandon(code, reason);
  }

  // ---- from the channels ----

  onAck(channel) {
    if (channel === this.probing) {
      // back from the fallback, make-before-break: subscribe on the socket, then close the fallback; the server
      // answers each subscription with its current values, so nothing goes stale
      const old = this.current;
      this.current = channel;
      for (const record of this.subscriptions) channel.subscribe(record);
      if (this.rotating) { this.rotating.abandon(4000, 'superseded by the WebSocket'); this.rotating = null; }
      old?.abandon(1000, 'moved back to the WebSocket');
      this.probeSucceeded(channel);
      return;
    }
    if (channel === this.rotating) {
      const old = this.current;
      this.rotating = null;
      this.current = channel;
      for (const record of this.subscriptions) channel.subscribe(record);
      this.record({ outcome: 'open', text: 'rotated to a socket with the refreshed token' });
      old?.abandon(1000, 'replaced by a socket with a refreshed token');
      return;
    }
    if (channel !== this.current) return;
    for (const record of this.subscriptions) channel.subscribe(record);
    this.channelReady();
  }

  finishSubscription(record, kind, payload) {
    if (record.done) return;
    record.done = true;
    this.subscriptions.delete(record);
    record.deliver(kind, payload);
  }

  onChannelClosed(channel, { code, reason, dead }) {
    const text = describeClose(code, reason);
    if (channel === this.probing) {
      this.probeFailed(channel, text);
      return;
    }
    if (channel === this.rotating) {
      this.rotating = null;
      this.record({ outcome: 'failed', code, reason, text: `rotation failed: ${text}` });
      return;
    }
    if (channel !== this.current) return;       // the old socket after a rotation, or a stopped one
    if (dead && this.started) this.dispatchEvent(new Event('dead'));
    this.channelLost(channel, {
      code, reason, text,
      upgraded: channel.upgraded,
      ready: channel.acked,
      tokenRefused: code === 4401 || code === 4403,
      restart: channel.restart === true,
    });
  }
}
