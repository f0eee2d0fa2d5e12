// backoff.js — reconnect delays: exponential back-off with full jitter (pure; no DOM, no timers).
//
// Why full jitter: when a server restarts, every open tab of every user notices at the same moment. Delays drawn
// uniformly from [0, ceiling] spread those reconnects out, so the server is not hit by one wave per step
// (AWS Architecture Blog, "Exponential Backoff and Jitter").
import { TransportPolicy } from './transport-policy.js';

export const DEFAULTS = Object.freeze({
  baseMs: 500,        // ceiling of the first retry
  capMs: 15_000,      // the ceiling never grows beyond this
  stableMs: 10_000,   // a connection that stayed open this long counts as healthy: the next failure starts over
  minMs: 50,          // never retry in a tight loop, even when the dice say 0
});

/** The ceiling for the given attempt number (0 = first retry): min(cap, base · 2^attempt). */
export function ceilingFor(attempt, { baseMs = DEFAULTS.baseMs, capMs = DEFAULTS.capMs } = {}) {
  const n = Math.max(0, Math.floor(attempt));
  // 2^n overflows nothing in practice, but stop doubling once past the cap
  return n >= 31 ? capMs : Math.min(capMs, baseMs * 2 ** n);
}

/** A delay drawn uniformly from [minMs, ceiling] for the given attempt. `random` returns [0, 1). */
export function delayFor(attempt, { random = Math.random, minMs = DEFAULTS.minMs, ...limits } = {}) {
  const ceiling = ceilingFor(attempt, limits);
  return Math.max(minMs, Math.floor(random() * ceiling));
}

/**
 * The state of one connection's retries. Call opened() when a connection is established, closed() when it
 * ends and next() for the delay before the following attempt.
 */
export class Backoff {
  constructor(options = {}) {
    this.options = { ...DEFAULTS, ...options };
    this.attempt = 0;
    this.openedAt = null;
  }

  /** The delay before the next attempt (ms); every call counts as one more failed attempt. */
  next() {
    const delay = delayFor(this.attempt, this.options);
    this.attempt += 1;
    return delay;
  }

  opened(now = Date.now()) { this.openedAt = now; }

  /** A connection ended; if it had stayed open long enough, the next retry starts again from the base delay. */
  closed(now = Date.now()) {
    if (this.openedAt !== null && now - this.openedAt >= this.options.stableMs) this.attempt = 0;
    this.openedAt = null;
  }

  reset() { this.attempt = 0; this.openedAt = null; }
}

/**
 * What the tab's two sockets (GraphQL live values, WAMP calls) share: the state the connection bar shows, retries
 * with the back-off above, a log of attempts for the diagnostics page, getting a fresh token after the server
 * refused one, and telling a blocked WebSocket from a server that is down. Subclasses implement openChannel(token)
 * (which must set this.current) and closeChannels(code, reason), and report back through channelReady(channel) and
 * channelLost(channel, outcome). No DOM at import time; WebSocket-free, so Node tests can drive it.
 *
 * States (the contract's): 'connecting' (first attempt after sign-in), 'open', 'reconnecting' (waiting for or
 * making another attempt), 'unsupported' (the first `unsupportedAfter` attempts after sign-in never got the
 * WebSocket open while the HTTP API answers: a proxy, firewall or certificate blocks it; we keep trying slowly
 * and switch to 'open' when it works).
 */
export const RETRY_TIMING = Object.freeze({
  unsupportedAfter: 3,
  slowRetryMinMs: 20_000,
  slowRetryMaxMs: 40_000,
  logSize: 50,
});

/**
 * Transports: `websocket` is {url, WebSocketImpl}; `fallback` (optional) is {url, WebSocketImpl, label} — a class
 * that looks like a WebSocket but carries the same conversation over plain HTTP (graphql-sse.js, wamp-longpoll.js).
 * Which one a new channel uses is decided by a TransportPolicy (transport-policy.js): the connection switches to the
 * fallback when the WebSocket cannot be opened or keeps dying, tries the WebSocket again in the background while on
 * the fallback, and moves back make-before-break. Event 'transportchange' when `transport` changes.
 */
export class Reconnecting extends EventTarget {
  constructor({ url, token, refreshToken, health = async () => false, events = null, timing = {},
    random = Math.random, now = () => Date.now(), WebSocketImpl = globalThis.WebSocket, fallback = null,
    switchTiming = {} } = {}) {
    super();
    this.url = url;
    this.transports = {
      websocket: { name: 'websocket', url, WebSocketImpl, label: 'WebSocket' },
      fallback: fallback ? { name: 'fallback', label: 'HTTP fallback', ...fallback } : null,
    };
    this.policy = new TransportPolicy({ fallbackAvailable: Boolean(fallback), now, random, timing: switchTiming });
    this.probing = null;           // a background WebSocket while on the fallback, until it is ready
    this.probeTimer = null;
    this.nextProbeAt = null;
    this.readyAt = null;
    this.getToken = token;
    this.refreshToken = refreshToken;
    this.health = health;
    this.timing = { ...RETRY_TIMING, ...timing };
    this.random = random;
    this.now = now;
    this.backoff = new Backoff({ random });
    this.state = 'connecting';
    this.lastError = null;
    this.nextRetryAt = null;
    this.log = [];                 // recent attempts, newest last (diagnostics page)
    this.current = null;           // the channel in use, or the attempt under way
    this.started = false;
    this.retryTimer = null;
    this.staleToken = null;        // the server refused this token: refresh before the next attempt
    this.failuresWithoutUpgrade = 0;
    this.authFailures = 0;
    this.everReady = false;        // since start(): a socket that worked once rules out 'unsupported'
    this.connecting = false;
    if (events) {
      const soon = () => { if (this.started && this.retryTimer) this.retryNow(); };
      events.addEventListener('online', soon);
      events.document?.addEventListener?.('visibilitychange', () => {
        if (events.document.visibilityState === 'visible') soon();
      });
    }
  }

  /** Begin connecting (after sign-in). */
  start() {
    if (this.started) return;
    this.started = true;
    this.backoff.reset();
    this.failuresWithoutUpgrade = 0;
    this.authFailures = 0;
    this.everReady = false;
    this.staleToken = null;
    const wasFallback = this.policy.mode !== 'websocket';
    this.policy.reset();
    if (wasFallback) this.dispatchEvent(new Event('transportchange'));
    this.setState('connecting');
    this.connect();
  }

  /** 'websocket' or 'fallback': what the connection uses (or tries) now. */
  get transport() { return this.policy.mode; }

  /** The transport (url, class, label) a new channel uses now. */
  transportNow() {
    return this.policy.mode === 'fallback' && this.transports.fallback ? this.transports.fallback : this.transports.websocket;
  }

  /** Close everything (sign-out). */
  stop(reason = 'signed out') {
    this.started = false;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.nextRetryAt = null;
    clearTimeout(this.probeTimer);
    this.probeTimer = null;
    this.nextProbeAt = null;
    this.closeChannels(1000, reason);
    this.probing = null;
    this.current = null;
    this.setState('connecting');
  }

  /** Skip the wait and try now (a 'Retry now' button, the browser coming back online or to the front). */
  retryNow() {
    if (!this.started || this.current || this.connecting) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.connect();
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }

  /** Let listeners re-read lastError / nextRetryAt without a state change. */
  changed() { this.dispatchEvent(new Event('statechange')); }

  record(entry) {
    const transport = this.transportNow();
    this.log.push({ at: this.now(), url: transport.url, transport: transport.name, ...entry });
    if (this.log.length > this.timing.logSize) this.log.splice(0, this.log.length - this.timing.logSize);
    this.dispatchEvent(new Event('log'));
  }

  async connect() {
    if (!this.started || this.connecting || this.current) return;
    this.connecting = true;
    this.nextRetryAt = null;
    this.changed();
    let token;
    try {
      token = this.staleToken ? await this.refreshToken(this.staleToken) : await this.getToken();
      this.staleToken = null;
    } catch (err) {
      this.connecting = false;
      if (err?.name === 'SessionEnded') { this.stop(); return; }
      if (!this.started) return;
      this.lastError = `could not get a token: ${err?.message ?? err}`;
      this.record({ outcome: 'failed', text: this.lastError });
      if (this.state === 'open') this.setState('reconnecting');
      this.scheduleRetry(this.backoff.next());
      return;
    }
    this.connecting = false;
    if (!this.started || this.current) return;
    this.openChannel(token);
  }

  /** The subclass's channel is ready for use (acknowledged / welcomed). */
  channelReady(text = 'connected') {
    const onFallback = this.transportNow().name === 'fallback';
    this.record({ outcome: 'open', text: onFallback ? `${text} (over the ${this.transports.fallback.label})` : text });
    this.backoff.opened(this.now());
    this.readyAt = this.now();
    if (onFallback) {
      this.policy.fallbackReady();
      this.scheduleProbe();
    } else {
      this.policy.websocketReady();
    }
    this.failuresWithoutUpgrade = 0;
    this.authFailures = 0;
    this.everReady = true;
    this.lastError = null;
    this.nextRetryAt = null;
    this.setState('open');
    this.changed();
  }

  /**
   * The current channel ended. outcome: { code, reason, text, upgraded (the WebSocket had opened), ready (it had
   * been acknowledged), tokenRefused (refresh before retrying), restart (closed on purpose: retry at once) }.
   */
  channelLost(channel, { code = null, reason = '', text, upgraded = false, ready = false, tokenRefused = false,
    restart = false } = {}) {
    if (channel !== this.current) return;
    this.current = null;
    const lived = this.readyAt === null ? null : this.now() - this.readyAt;
    this.readyAt = null;
    this.backoff.closed(this.now());
    clearTimeout(this.probeTimer);
    this.probeTimer = null;
    this.nextProbeAt = null;
    if (!this.started) return;
    const transport = channel.transport ?? this.transports.websocket;
    this.lastError = upgraded ? text : `the ${transport.label} could not be opened (${text})`;
    this.record({ outcome: ready ? 'closed' : 'failed', code, reason, text: this.lastError, upgraded,
      transport: transport.name, url: transport.url });
    if (restart) {
      if (ready) this.setState('reconnecting');
      this.scheduleRetry(0);
      return;
    }
    if (tokenRefused) {
      // the first time, get a fresh token and retry at once; repeated refusals back off
      this.staleToken = channel.token;
      this.authFailures += 1;
      this.setState('reconnecting');
      this.scheduleRetry(this.authFailures <= 1 ? 0 : this.backoff.next());
      return;
    }
    if (transport.name === 'fallback') {
      if (this.policy.fallbackLost({ ready }) === 'give-up') {
        this.record({ outcome: 'switched', text: `the ${transport.label} cannot be opened either: back to the WebSocket` });
        this.dispatchEvent(new Event('transportchange'));
      }
      this.setState('reconnecting');
      this.scheduleRetry(this.backoff.next());
      return;
    }
    if (this.policy.canFallback()) {
      const verdict = ready ? this.policy.websocketDied(lived) : this.policy.websocketFailed();
      if (verdict === 'switch') {
        this.switchToFallback('the WebSocket keeps closing soon after it opens');
        return;
      }
      if (verdict === 'check-health') {
        if (!upgraded) this.failuresWithoutUpgrade += 1;
        this.checkFallback();
        return;
      }
    }
    if (upgraded) {
      this.failuresWithoutUpgrade = 0;
      this.setState('reconnecting');
      this.scheduleRetry(this.backoff.next());
      return;
    }
    // 'unsupported' is only decided before the first success: after that, failures mean the server is down or
    // restarting (and asking the health endpoint then would only add failed requests)
    this.failuresWithoutUpgrade += 1;
    if (this.state === 'unsupported') {
      this.scheduleRetry(this.slowDelay());
      return;
    }
    if (this.everReady || this.failuresWithoutUpgrade < this.timing.unsupportedAfter) {
      this.setState('reconnecting');
      this.scheduleRetry(this.backoff.next());
      return;
    }
    this.checkUnsupported();
  }

  /** Several attempts in a row never got an upgrade: does the server answer HTTP (then something blocks WebSockets)? */
  async checkUnsupported() {
    let answers = false;
    try { answers = await this.health(); } catch { answers = false; }
    if (!this.started || this.current || this.retryTimer || this.connecting) return;
    if (answers) {
      this.setState('unsupported');
      this.scheduleRetry(this.slowDelay());
    } else {
      this.setState('reconnecting');
      this.scheduleRetry(this.backoff.next());
    }
  }

  /** WebSocket attempts keep failing before they are ready: when the server answers HTTP, use the fallback. */
  async checkFallback() {
    let answers = false;
    try { answers = await this.health(); } catch { answers = false; }
    if (!this.started || this.current || this.retryTimer || this.connecting) return;
    if (this.policy.healthAnswered(answers) === 'switch') {
      this.switchToFallback('the WebSocket cannot be opened although the server answers');
      return;
    }
    // the server answers but this was the first refused socket (try once more at once), or the server is down too
    // (an ordinary outage: back off)
    this.setState('reconnecting');
    this.scheduleRetry(answers ? 0 : this.backoff.next());
  }

  /** From the next attempt on, use the fallback; the attempt is made at once, so values are stale only briefly. */
  switchToFallback(why) {
    this.policy.useFallback(why);
    this.record({ outcome: 'switched', text: `${why}: switching to the ${this.transports.fallback.label}` });
    this.backoff.reset();
    this.dispatchEvent(new Event('transportchange'));
    if (this.state === 'open' || this.state === 'unsupported') this.setState('reconnecting');
    this.scheduleRetry(0);
  }

  /** While on the fallback: try a WebSocket again after a while (with jitter, so tabs do not try together). */
  scheduleProbe() {
    clearTimeout(this.probeTimer);
    this.probeTimer = null;
    this.nextProbeAt = null;
    if (!this.started || this.policy.mode !== 'fallback') return;
    const delay = this.policy.probeDelay();
    this.nextProbeAt = this.now() + delay;
    this.probeTimer = setTimeout(() => { this.probeTimer = null; this.probe(); }, delay);
  }

  async probe() {
    if (!this.started || this.policy.mode !== 'fallback' || this.probing) return;
    if (!this.current?.ready) { this.scheduleProbe(); return; }
    let token;
    try { token = await this.getToken(); } catch { this.scheduleProbe(); return; }
    if (!this.started || this.policy.mode !== 'fallback' || this.probing || !this.current?.ready) return;
    this.nextProbeAt = null;
    this.record({ outcome: 'probing', text: 'trying the WebSocket again in the background',
      transport: 'websocket', url: this.transports.websocket.url });
    this.probing = this.openProbe(token, this.transports.websocket);
  }

  /** The subclass moved everything to the background WebSocket (`channel`, now this.current) and closed the fallback. */
  probeSucceeded(channel) {
    if (channel !== this.probing) return;
    this.probing = null;
    this.policy.backOnWebsocket();
    this.nextProbeAt = null;
    this.readyAt = this.now();
    this.backoff.opened(this.now());
    // the fallback may have dropped while the socket was being opened: the socket is the connection now
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.nextRetryAt = null;
    this.everReady = true;
    this.lastError = null;
    this.record({ outcome: 'open', text: 'WebSockets work again: moved back from the HTTP fallback',
      transport: 'websocket', url: this.transports.websocket.url });
    this.dispatchEvent(new Event('transportchange'));
    this.setState('open');
    this.changed();
  }

  /** The background WebSocket did not become ready: stay on the fallback and try again later. */
  probeFailed(channel, text) {
    if (channel !== this.probing) return;
    this.probing = null;
    this.record({ outcome: 'failed', text: `the background WebSocket try failed: ${text}`,
      transport: 'websocket', url: this.transports.websocket.url });
    this.scheduleProbe();
  }

  slowDelay() {
    const { slowRetryMinMs: min, slowRetryMaxMs: max } = this.timing;
    return min + Math.floor(this.random() * (max - min));
  }

  scheduleRetry(delay) {
    clearTimeout(this.retryTimer);
    this.nextRetryAt = this.now() + delay;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
    this.changed();
  }
}
