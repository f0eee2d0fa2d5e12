// wamp.js — the ONE WAMP v2 session of this tab (/arrigo/api/wamp, subprotocol wamp.2.json), as a caller only:
// views run their ServerSideFunctions through it (spec §7.8).
//
// Handshake: HELLO realm1 with authmethods ["ticket"] → CHALLENGE ticket → AUTHENTICATE with the access token →
// WELCOME (docs/api-notes.md, "WAMP"). When the token expires the router sends GOODBYE vakt.close.token_expired:
// we answer it and reconnect with a fresh token. When the session refreshes its token we open a second session with
// it (make-before-break): new calls go there at once and the old session says GOODBYE once its calls are answered.
// Calls are never re-sent after a connection loss (a function may have side effects): they fail with
// 'vakt.client.connection_lost' and the user decides.
//
// Pure at import time; the WebSocket class is injectable for tests.
import { Reconnecting } from './backoff.js';
import { describeClose } from './graphql-ws.js';

export const PROTOCOL = 'wamp.2.json';
export const REALM = 'realm1';
export const MSG = Object.freeze({
  HELLO: 1, WELCOME: 2, ABORT: 3, CHALLENGE: 4, AUTHENTICATE: 5, GOODBYE: 6, ERROR: 8,
  CALL: 48, CANCEL: 49, RESULT: 50,
});
const NAMES = Object.fromEntries(Object.entries(MSG).map(([name, code]) => [code, name]));

export const TIMING = Object.freeze({
  welcomeWithinMs: 10_000,     // from creating the socket to WELCOME
  callWaitMs: 10_000,          // how long a call waits for a (re)connecting session
  goodbyeWithinMs: 2_000,      // how long a closing session waits for the router's GOODBYE answer
});

export const ERRORS = Object.freeze({
  offline: 'vakt.client.offline',
  connectionLost: 'vakt.client.connection_lost',
  tokenExpired: 'vakt.close.token_expired',
  authenticationFailed: 'wamp.error.authentication_failed',
});

/** A WAMP ERROR (or a client-side failure with a vakt.client.* URI). message: args[0] if a string, else the URI. */
export class WampError extends Error {
  constructor(error, args = [], kwargs = {}) {
    super(typeof args?.[0] === 'string' && args[0] ? args[0] : error);
    this.name = 'WampError';
    this.error = error;
    this.args = Array.isArray(args) ? args : [];
    this.kwargs = kwargs && typeof kwargs === 'object' ? kwargs : {};
  }
}

/** A request id: random in [1, 2^53] as the WAMP spec asks for ids in the session scope. */
export function randomId(random = Math.random) {
  return Math.floor(random() * (2 ** 53 - 1)) + 1;
}

/** Our HELLO: a caller with progressive results and cancelling, authenticating with a ticket. */
export function helloMessage(realm = REALM) {
  return [MSG.HELLO, realm, {
    roles: { caller: { features: { progressive_call_results: true, call_canceling: true } } },
    authmethods: ['ticket'],
  }];
}

/**
 * Parse a router message into an object with `type` (the message name). Throws Error when the text is not a WAMP
 * message. Messages a caller never gets come back as {type: 'OTHER', code}.
 */
export function parseWampMessage(text) {
  let msg;
  try { msg = JSON.parse(text); } catch { throw new Error('not JSON'); }
  if (!Array.isArray(msg) || !Number.isInteger(msg[0])) throw new Error('not a WAMP message');
  const [code] = msg;
  const dict = (v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
  const list = (v) => (Array.isArray(v) ? v : []);
  switch (code) {
    case MSG.WELCOME: return { type: 'WELCOME', session: msg[1], details: dict(msg[2]) };
    case MSG.ABORT: return { type: 'ABORT', details: dict(msg[1]), reason: String(msg[2] ?? '') };
    case MSG.CHALLENGE: return { type: 'CHALLENGE', method: String(msg[1] ?? ''), extra: dict(msg[2]) };
    case MSG.GOODBYE: return { type: 'GOODBYE', details: dict(msg[1]), reason: String(msg[2] ?? '') };
    case MSG.ERROR:
      return { type: 'ERROR', requestType: msg[1], request: msg[2], details: dict(msg[3]), error: String(msg[4] ?? ''),
        args: list(msg[5]), kwargs: dict(msg[6]) };
    case MSG.RESULT:
      return { type: 'RESULT', request: msg[1], details: dict(msg[2]), args: list(msg[3]), kwargs: dict(msg[4]) };
    default:
      return { type: 'OTHER', code, name: NAMES[code] ?? String(code) };
  }
}

/** One WebSocket and the WAMP session on it. */
class WampSession {
  constructor(owner, token, transport = owner.transportNow()) {
    this.owner = owner;
    this.token = token;
    this.transport = transport;  // websocket, or the HTTP long-poll fallback (a WebSocket look-alike, wamp-longpoll.js)
    this.timing = owner.timing;
    this.upgraded = false;
    this.welcomed = false;
    this.ended = false;
    this.draining = false;       // replaced by a newer session: GOODBYE once the last call is answered
    this.pending = new Map();    // request id → {resolve, reject, onProgress}
    this.details = null;         // WELCOME details (authid, authrole, authextra.expires_at)
    this.closeWhy = null;        // what ended it, for the log
    this.welcomeTimer = setTimeout(() => this.abandon(4000,
      `no WELCOME within ${this.timing.welcomeWithinMs / 1000} s`), this.timing.welcomeWithinMs);
    let ws;
    try {
      ws = new transport.WebSocketImpl(transport.url, PROTOCOL);
    } catch (err) {
      this.ws = { readyState: 3, close() {} };
      setTimeout(() => this.finish(1006, `the browser refused to open it: ${err?.message ?? err}`), 0);
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.upgraded = true;
      this.send(helloMessage(owner.realm));
    };
    ws.onmessage = (e) => this.onMessage(e.data);
    ws.onclose = (e) => this.finish(e.code, e.reason);
    ws.onerror = () => { /* a close event follows; the browser logs the failure itself */ };
  }

  /** Welcomed and not ended: calls may go here. */
  get ready() { return this.welcomed && !this.ended; }

  send(message) {
    if (!this.ended && this.ws.readyState === 1) this.ws.send(JSON.stringify(message));
  }

  onMessage(text) {
    if (this.ended) return;
    let msg;
    try {
      msg = parseWampMessage(text);
    } catch (err) {
      console.warn(`WAMP: ignored a message (${err.message})`);
      return;
    }
    switch (msg.type) {
      case 'CHALLENGE':
        if (msg.method === 'ticket') this.send([MSG.AUTHENTICATE, this.token, {}]);
        else this.abandon(4000, `unexpected challenge method ${msg.method}`);
        break;
      case 'WELCOME':
        this.welcomed = true;
        this.details = msg.details;
        clearTimeout(this.welcomeTimer);
        this.owner.onWelcome(this);
        break;
      case 'ABORT':
        this.closeWhy = { uri: msg.reason, message: msg.details.message ?? '' };
        break;                    // the router closes the socket next
      case 'GOODBYE':
        if (!this.saidGoodbye) this.send([MSG.GOODBYE, {}, 'wamp.close.goodbye_and_out']);
        this.closeWhy = { uri: msg.reason, message: msg.details.message ?? '' };
        this.abandon(1000, msg.reason);
        break;
      case 'RESULT': {
        const call = this.pending.get(msg.request);
        if (!call) break;
        if (msg.details.progress === true) {
          try { call.onProgress?.({ args: msg.args, kwargs: msg.kwargs }); } catch (err) {
            console.warn(`A progress handler failed: ${err?.message ?? err}`);
          }
          break;
        }
        this.pending.delete(msg.request);
        call.resolve({ args: msg.args, kwargs: msg.kwargs });
        this.drainCheck();
        break;
      }
      case 'ERROR': {
        if (msg.requestType !== MSG.CALL) break;
        const call = this.pending.get(msg.request);
        if (!call) break;
        this.pending.delete(msg.request);
        call.reject(new WampError(msg.error, msg.args, msg.kwargs));
        this.drainCheck();
        break;
      }
      default:
        break;
    }
  }

  call(procedure, args, kwargs, { onProgress, signal } = {}) {
    return new Promise((resolve, reject) => {
      let id = randomId(this.owner.random);
      while (this.pending.has(id)) id = randomId();    // a collision is all but impossible; never loop on a fixed source
      this.pending.set(id, { resolve, reject, onProgress });
      const options = onProgress ? { receive_progress: true } : {};
      this.send([MSG.CALL, id, options, procedure, Array.isArray(args) ? args : [], kwargs ?? {}]);
      signal?.addEventListener('abort', () => {
        if (this.pending.has(id)) this.send([MSG.CANCEL, id, { mode: 'killnowait' }]);
      }, { once: true });
    });
  }

  /** A replaced session leaves once nothing waits on it. */
  drainCheck() {
    if (this.draining && this.pending.size === 0) this.leave();
  }

  leave() {
    if (this.ended || this.saidGoodbye) return;
    this.saidGoodbye = true;
    this.send([MSG.GOODBYE, {}, 'wamp.close.close_realm']);
    // the router answers GOODBYE (handled above); do not wait for it forever
    setTimeout(() => this.abandon(1000, 'replaced by a session with a refreshed token'), this.timing.goodbyeWithinMs);
  }

  abandon(code, reason, { restart = false } = {}) {
    if (this.ended) return;
    this.restart = restart;
    try { this.ws.close(code, String(reason).slice(0, 120)); } catch { /* already closing */ }
    this.finish(code, reason);
  }

  finish(code, reason) {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.welcomeTimer);
    this.ws.onopen = this.ws.onmessage = this.ws.onclose = this.ws.onerror = null;
    const lost = new WampError(ERRORS.connectionLost, ['The connection to the server was lost before the function '
      + 'answered; it may or may not have run.']);
    for (const call of this.pending.values()) call.reject(lost);
    this.pending.clear();
    this.owner.onSessionClosed(this, { code, reason: reason || '' });
  }
}

/** The tab's WAMP caller. Same states, events, retries and log as LiveConnection (Reconnecting in backoff.js). */
export class WampConnection extends Reconnecting {
  constructor({ realm = REALM, timing = {}, ...options } = {}) {
    super({ ...options, timing: { ...TIMING, ...timing } });
    this.realm = realm;
    this.next = null;            // make-before-break: the new session until it is welcomed
    this.draining = new Set();   // replaced sessions finishing their calls
  }

  /** WELCOME details of the current session (authid, authrole, authextra), or null. */
  get welcome() { return this.current?.welcomed ? this.current.details : null; }

  /**
   * Call a procedure; resolves {args, kwargs}. With onProgress, progressive results are asked for and passed to it.
   * `signal` (an AbortSignal) cancels the call. Waits up to 10 s for a (re)connecting session.
   */
  async call(procedure, args = [], kwargs = {}, { onProgress, signal } = {}) {
    const session = await this.ready();
    return session.call(procedure, args, kwargs, { onProgress, signal });
  }

  /** The welcomed session, waiting (bounded) while one is being (re)established. */
  ready() {
    if (this.current?.welcomed) return Promise.resolve(this.current);
    const offline = () => new WampError(ERRORS.offline, [this.started
      ? 'Functions cannot be called right now: there is no connection to the server (/arrigo/api/wamp). It is being retried.'
      : 'Functions cannot be called: not signed in.']);
    if (!this.started) return Promise.reject(offline());
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.current?.welcomed) { done(); resolve(this.current); } else if (!this.started) { done(); reject(offline()); }
      };
      const timer = setTimeout(() => { done(); reject(offline()); }, this.timing.callWaitMs);
      const done = () => { clearTimeout(timer); this.removeEventListener('statechange', check); };
      this.addEventListener('statechange', check);
    });
  }

  /** The session has a new token: open a session with it; the old one leaves once its calls are answered. */
  async rotate() {
    if (!this.started) return;
    const current = this.current;
    if (!current) return;
    if (!current.welcomed) {
      current.abandon(4000, 'token rotated before the session was ready', { restart: true });
      return;
    }
    const superseded = this.next;
    this.next = null;
    superseded?.abandon(4000, 'superseded by a newer rotation');
    let token;
    try { token = await this.getToken(); } catch { return; }
    if (!this.started || this.current !== current || !current.welcomed) return;
    this.record({ outcome: 'rotating', text: 'opening a second session with the refreshed token' });
    this.next = new WampSession(this, token, current.transport);
  }

  /** The network seemed to fail elsewhere: restart the socket if no call is waiting on it. */
  reconnect(reason = 'reconnect requested') {
    if (!this.started) return;
    if (!this.current) { this.retryNow(); return; }
    if (this.current.pending.size === 0) this.current.abandon(4000, reason, { restart: true });
  }

  // ---- Reconnecting's hooks ----

  openChannel(token) {
    this.current = new WampSession(this, token);
  }

  openProbe(token, transport) {
    return new WampSession(this, token, transport);
  }

  closeChannels(code, reason) {
    const sessions = [this.current, this.next, this.probing, ...this.draining];
    this.current = this.next = this.probing = null;
    this.draining.clear();
    for (const s of sessions) if (s) { s.saidGoodbye = true; s.send([MSG.GOODBYE, {}, 'wamp.close.close_realm']); s.abandon(code, reason); }
  }

  // ---- from the sessions ----

  onWelcome(session) {
    if (session === this.probing) {
      // back from the long-poll fallback, make-before-break: new calls go to the WebSocket session at once, the
      // long-poll session says GOODBYE once its calls are answered
      const old = this.current;
      this.current = session;
      if (this.next) { this.next.abandon(4000, 'superseded by the WebSocket session'); this.next = null; }
      if (old) {
        old.draining = true;
        this.draining.add(old);
        old.drainCheck();
      }
      this.probeSucceeded(session);
      return;
    }
    if (session === this.next) {
      const old = this.current;
      this.next = null;
      this.current = session;
      this.record({ outcome: 'open', text: `rotated to a session with the refreshed token (${session.details?.authid ?? ''})` });
      if (old) {
        old.draining = true;
        this.draining.add(old);
        old.drainCheck();
      }
      return;
    }
    if (session !== this.current) return;
    this.channelReady(`session joined as ${session.details?.authid ?? 'unknown user'}`);
  }

  onSessionClosed(session, { code, reason }) {
    const why = session.closeWhy;
    const text = why ? `${why.uri}${why.message ? `: ${why.message}` : ''}` : describeClose(code, reason);
    this.draining.delete(session);
    if (session === this.probing) {
      this.probeFailed(session, text);
      return;
    }
    if (session === this.next) {
      this.next = null;
      this.record({ outcome: 'failed', code, reason, text: `rotation failed: ${text}` });
      return;
    }
    if (session !== this.current) return;
    const tokenRefused = why?.uri === ERRORS.tokenExpired || why?.uri === ERRORS.authenticationFailed;
    this.channelLost(session, {
      code, reason, text,
      upgraded: session.upgraded,
      ready: session.welcomed,
      tokenRefused,
      restart: session.restart === true,
    });
  }
}
