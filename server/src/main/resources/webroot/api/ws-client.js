// ws-client.js — one GraphQL subscription over /arrigo/api/graphql/ws (spec §6), speaking either
// `graphql-transport-ws` (enisdenjo/graphql-ws) or the legacy Apollo `graphql-ws` protocol that
// ArrigoLocal clients use. Events go to onEvent({ kind, text, payload }) with kind one of
// status | next | error | closed.

const OP_ID = '1';
const MAX_AUTH_RETRIES = 2;   // refresh+resubscribe attempts without a single result in between
const MAX_RECONNECTS = 5;     // after unexpected connection loss, with exponential backoff

const CLOSE_WORDS = {
  1000: 'Connection closed normally',
  1001: 'Server going away (restart or shutdown)',
  1002: 'Connection closed: protocol error',
  1003: 'Server cannot accept this kind of data',
  1005: 'Connection closed without a status code',
  1006: 'Connection lost (network problem, server down, or the upgrade was refused)',
  1008: 'Connection closed: policy violation',
  1009: 'Connection closed: message too big',
  1011: 'Connection closed: internal server error',
  1012: 'Server restarting',
  1013: 'Server overloaded, try again later',
  4400: 'Server did not understand a message (bad request)',
  4401: 'Not authorised',
  4403: 'Token rejected at connection_init (forbidden)',
  4406: 'Server does not support this subprotocol',
  4408: 'connection_init was not sent in time',
  4409: 'A subscription with this id is already running',
  4429: 'Too many connection_init messages',
  4500: 'Connection closed: internal server error',
};

/** Close code and reason in plain words, e.g. for 4401 INVALID_AUTH_TOKEN. */
export function describeClose(code, reason) {
  if (code === 4401 && reason === 'INVALID_AUTH_TOKEN') return 'Closed by the server: token expired (4401 INVALID_AUTH_TOKEN)';
  const words = CLOSE_WORDS[code] ?? 'Connection closed';
  return `${words} (code ${code}${reason ? `, reason “${reason}”` : ''})`;
}

const isTokenError = (payload) =>
  (Array.isArray(payload) ? payload : [payload]).some((e) => e && e.message === 'INVALID_AUTH_TOKEN');

export class Subscription {
  /**
   * @param {object} o
   * @param {string} o.url           ws(s)://…/graphql/ws
   * @param {string} o.protocol      'graphql-transport-ws' | 'graphql-ws'
   * @param {object} o.payload       { query, variables?, operationName? }
   * @param {() => string|null} o.getToken      current AT
   * @param {() => Promise} o.refreshToken      rotates the AT (rejects when the session is over)
   * @param {(e: object) => void} o.onEvent
   */
  constructor(o) {
    Object.assign(this, o);
    this.legacy = o.protocol === 'graphql-ws';
    this.active = false;       // the user wants this subscription running
    this.ws = null;
    this.usedToken = null;     // AT sent in connection_init, to know whether a refresh made it stale
    this.authRetries = 0;
    this.reconnects = 0;
    this.retryTimer = null;
  }

  emit(kind, text = '', payload) { this.onEvent({ kind, text, payload }); }

  start() {
    this.active = true;
    this.connect();
  }

  /** User pressed Stop (or started something else). */
  stop(text = 'Stopped.') {
    if (!this.active && !this.ws) return;
    this.active = false;
    clearTimeout(this.retryTimer);
    this.drop();
    this.emit('closed', text);
  }

  /** After a token refresh: clients close and resubscribe with the new AT (spec §6.1). */
  reopen() {
    if (!this.active || this.usedToken === this.getToken()) return;
    clearTimeout(this.retryTimer);
    this.drop();
    this.emit('status', 'Token refreshed — resubscribing with the new token…');
    this.connect();
  }

  connect() {
    const token = this.getToken();
    if (!token) { this.active = false; this.emit('closed', 'Not logged in: the subscription needs a token.'); return; }
    this.usedToken = token;
    this.tokenExpired = false;
    this.receiving = false;
    let ws;
    try {
      ws = new WebSocket(this.url, this.protocol);
    } catch (err) {
      this.active = false;
      this.emit('closed', `Cannot open the WebSocket: ${err.message}`);
      return;
    }
    this.ws = ws;
    this.emit('status', `Connecting to ${this.url} (${this.protocol})…`);
    ws.addEventListener('open', () => {
      if (ws !== this.ws) return;
      this.emit('status', 'Connected — authenticating (connection_init)…');
      this.send({ type: 'connection_init', payload: { Authorization: `Bearer ${token}` } });
    });
    ws.addEventListener('message', (ev) => { if (ws === this.ws) this.onMessage(ev.data); });
    ws.addEventListener('close', (ev) => { if (ws === this.ws) this.onClose(ev.code, ev.reason); });
    // Browsers give 'error' events no detail; the close event that always follows explains more.
    ws.addEventListener('error', () => {});
  }

  send(msg) {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  /** Detach and close the current socket politely; its close event is then ignored. */
  drop() {
    const ws = this.ws;
    if (!ws) return;
    if (ws.readyState === WebSocket.OPEN) {
      if (this.legacy) { this.send({ id: OP_ID, type: 'stop' }); this.send({ type: 'connection_terminate' }); }
      else this.send({ id: OP_ID, type: 'complete' });
    }
    this.ws = null;
    if (ws.readyState <= WebSocket.OPEN) ws.close(1000, 'Normal Closure');
  }

  onMessage(raw) {
    let msg;
    try { msg = JSON.parse(raw); } catch { this.emit('error', 'The server sent a message that is not JSON.', String(raw).slice(0, 500)); return; }
    switch (msg?.type) {
      case 'connection_ack':
        this.reconnects = 0;
        this.send({ id: OP_ID, type: this.legacy ? 'start' : 'subscribe', payload: this.payload });
        this.emit('status', `Subscribed over ${this.protocol}. Waiting for results…`);
        break;
      case 'ping': // graphql-transport-ws keep-alive: must be answered
        this.send(msg.payload === undefined ? { type: 'pong' } : { type: 'pong', payload: msg.payload });
        break;
      case 'pong':
      case 'ka':   // legacy keep-alive; nothing to answer
        break;
      case 'next':
      case 'data':
        if (msg.id !== OP_ID) break;
        this.authRetries = 0; // a result proves the token worked
        if (!this.receiving) { this.receiving = true; this.emit('status', `Live over ${this.protocol}: receiving results.`); }
        this.emit('next', '', msg.payload);
        break;
      case 'error':
        this.onOperationError(msg.payload);
        break;
      case 'connection_error': // legacy: connection_init rejected
        this.emit('error', 'The server rejected the connection (connection_error).', msg.payload);
        if (isTokenError(msg.payload)) { this.tokenExpired = true; this.closeSoon(); break; }
        this.active = false; // retrying would only be rejected again
        this.drop();
        this.emit('closed', 'Connection rejected by the server (see the log).');
        break;
      case 'complete':
        if (msg.id !== OP_ID) break;
        this.active = false;
        this.drop();
        this.emit('closed', 'The server completed the operation.');
        break;
      default:
        this.emit('error', `Unknown message type “${msg?.type}”.`, msg);
    }
  }

  onOperationError(payload) {
    if (isTokenError(payload)) {
      // The server closes with 4401 right after this; onClose refreshes and resubscribes.
      this.tokenExpired = true;
      this.emit('error', 'Token expired (INVALID_AUTH_TOKEN).', payload);
      this.closeSoon();
      return;
    }
    // Both protocols end the operation with an error (graphql-transport-ws sends no complete after it).
    this.emit('error', 'The operation failed.', payload);
    this.active = false;
    this.drop();
    this.emit('closed', 'Subscription ended by an error (see the log).');
  }

  /** If the server does not close after a token error, close ourselves so the retry still happens. */
  closeSoon() {
    const ws = this.ws;
    setTimeout(() => { if (ws === this.ws && ws.readyState <= WebSocket.OPEN) ws.close(1000, 'token expired'); }, 1500);
  }

  onClose(code, reason) {
    this.ws = null;
    const words = describeClose(code, reason);
    if (!this.active) { this.emit('closed', words); return; }

    if (this.tokenExpired || code === 4401 || code === 4403 || reason === 'INVALID_AUTH_TOKEN') {
      this.authRetries += 1;
      if (this.authRetries > MAX_AUTH_RETRIES) {
        this.active = false;
        this.emit('closed', `${words}. Gave up after repeated authentication failures — log in again.`);
        return;
      }
      this.emit('status', `Token expired — refreshing and resubscribing… (${words})`);
      this.refreshToken().then(
        () => { if (this.active && !this.ws) this.connect(); },
        (err) => { this.active = false; this.emit('closed', `${words}. Token refresh failed: ${err.message}`); },
      );
      return;
    }

    const final = code === 1000 || (code >= 4400 && code !== 4401 && code !== 4403);
    if (final || this.reconnects >= MAX_RECONNECTS) {
      this.active = false;
      this.emit('closed', final ? words : `${words}. Gave up after ${MAX_RECONNECTS} reconnection attempts.`);
      return;
    }
    const delay = 1000 * 2 ** this.reconnects;
    this.reconnects += 1;
    this.emit('status', `${words} — reconnecting in ${delay / 1000} s (attempt ${this.reconnects} of ${MAX_RECONNECTS})…`);
    this.retryTimer = setTimeout(() => { if (this.active && !this.ws) this.connect(); }, delay);
  }
}
