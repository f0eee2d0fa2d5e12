// backoff.js — reconnect delays: exponential back-off with full jitter (pure; no DOM, no timers).
//
// Why full jitter: when a server restarts, every open tab of every user notices at the same moment. Delays drawn
// uniformly from [0, ceiling] spread those reconnects out, so the server is not hit by one wave per step
// (AWS Architecture Blog, "Exponential Backoff and Jitter").

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

export class Reconnecting extends EventTarget {
  constructor({ url, token, refreshToken, health = async () => false, events = null, timing = {},
    random = Math.random, now = () => Date.now() } = {}) {
    super();
    this.url = url;
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
    this.setState('connecting');
    this.connect();
  }

  /** Close everything (sign-out). */
  stop(reason = 'signed out') {
    this.started = false;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.nextRetryAt = null;
    this.closeChannels(1000, reason);
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
    this.log.push({ at: this.now(), url: this.url, ...entry });
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
    this.record({ outcome: 'open', text });
    this.backoff.opened(this.now());
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
    this.backoff.closed(this.now());
    if (!this.started) return;
    this.lastError = upgraded ? text : `the WebSocket could not be opened (${text})`;
    this.record({ outcome: ready ? 'closed' : 'failed', code, reason, text: this.lastError, upgraded });
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
