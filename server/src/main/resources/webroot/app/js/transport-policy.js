// transport-policy.js — when one connection (live values or function calls) leaves its WebSocket for the HTTP
// fallback, and when it tries the WebSocket again. Pure logic with an injected clock and dice, so the rules are
// unit-tested without timers (it/src/test/js/shell-transport-policy.test.mjs).
//
// The rules (docs/web-runtime.md, "Fallback transports"):
//   * start on the WebSocket;
//   * an attempt that ends before the connection is ready (never opened, or opened but never acknowledged) → ask
//     GET /arrigo/api/health. `failuresBeforeFallback` such attempts in a row while the server answers mean that
//     something between browser and server blocks WebSockets → fallback. A failure while the server does not
//     answer either is an outage and starts the count again, so a server coming back from a restart (the socket
//     failed a moment before the health check succeeded) gets one more WebSocket attempt instead of a switch;
//   * a ready WebSocket that dies within `shortLivedMs` of becoming ready, `deathsBeforeFallback` times within
//     `deathWindowMs` → fallback (a proxy or firewall that lets the upgrade through but cuts the stream);
//   * on the fallback, try a WebSocket in the background every `probeEveryMs` ± `probeJitterMs`; when it is ready the
//     connection moves back (make-before-break, done by the connection);
//   * a fallback that cannot be opened `fallbackFailuresBeforeRest` times in a row (say the server has it switched
//     off) is given up for `fallbackRestMs`: back to the WebSocket and its ordinary 'unsupported' diagnosis.

export const SWITCH_TIMING = Object.freeze({
  failuresBeforeFallback: 2,
  shortLivedMs: 60_000,
  deathsBeforeFallback: 3,
  deathWindowMs: 120_000,
  probeEveryMs: 60_000,
  probeJitterMs: 10_000,
  fallbackFailuresBeforeRest: 3,
  fallbackRestMs: 10 * 60_000,
});

export class TransportPolicy {
  constructor({ fallbackAvailable = true, now = () => Date.now(), random = Math.random, timing = {} } = {}) {
    this.fallbackAvailable = fallbackAvailable;
    this.now = now;
    this.random = random;
    this.timing = { ...SWITCH_TIMING, ...timing };
    this.reset();
  }

  /** Back to the start: WebSocket, no history (a new sign-in). */
  reset() {
    this.mode = 'websocket';
    this.reason = null;             // why the fallback is in use, in words
    this.failuresBeforeReady = 0;  // attempts in a row that failed before ready while the server answered HTTP
    this.deaths = [];               // times of short-lived ready WebSockets that died
    this.fallbackFailures = 0;
    this.restUntil = 0;
  }

  /** Whether a switch to the fallback is allowed now. */
  canFallback() {
    return this.fallbackAvailable && this.mode === 'websocket' && this.now() >= this.restUntil;
  }

  websocketReady() {
    this.failuresBeforeReady = 0;
  }

  /**
   * A WebSocket attempt ended before it was ready. Returns 'check-health' when the connection should ask whether
   * the server answers HTTP and report with healthAnswered(answers), else 'retry'.
   */
  websocketFailed() {
    return this.canFallback() ? 'check-health' : 'retry';
  }

  /** The health check after a failed attempt. Returns 'switch' when WebSockets are blocked, else 'retry'. */
  healthAnswered(answers) {
    if (!answers) { this.failuresBeforeReady = 0; return 'retry'; }
    this.failuresBeforeReady += 1;
    return this.canFallback() && this.failuresBeforeReady >= this.timing.failuresBeforeFallback ? 'switch' : 'retry';
  }

  /** A ready WebSocket ended after `livedMs`. Returns 'switch' when it keeps dying soon after opening, else 'retry'. */
  websocketDied(livedMs) {
    const now = this.now();
    this.failuresBeforeReady = 0;
    if (livedMs !== null && livedMs !== undefined && livedMs < this.timing.shortLivedMs) this.deaths.push(now);
    this.deaths = this.deaths.filter((t) => now - t <= this.timing.deathWindowMs);
    return this.canFallback() && this.deaths.length >= this.timing.deathsBeforeFallback ? 'switch' : 'retry';
  }

  /** Use the fallback from the next attempt on; `reason` says why, for the log and the diagnostics page. */
  useFallback(reason) {
    this.mode = 'fallback';
    this.reason = reason;
    this.failuresBeforeReady = 0;
    this.deaths = [];
    this.fallbackFailures = 0;
  }

  fallbackReady() {
    this.fallbackFailures = 0;
  }

  /** A fallback attempt ended. Returns 'give-up' when the fallback does not work either (back to the WebSocket). */
  fallbackLost({ ready }) {
    if (ready) { this.fallbackFailures = 0; return 'retry'; }
    this.fallbackFailures += 1;
    if (this.fallbackFailures < this.timing.fallbackFailuresBeforeRest) return 'retry';
    this.mode = 'websocket';
    this.reason = null;
    this.fallbackFailures = 0;
    this.restUntil = this.now() + this.timing.fallbackRestMs;
    return 'give-up';
  }

  /** A background WebSocket became ready and took over. */
  backOnWebsocket() {
    this.mode = 'websocket';
    this.reason = null;
    this.failuresBeforeReady = 0;
    this.deaths = [];
  }

  /** The wait before the next background WebSocket try: probeEveryMs ± probeJitterMs. */
  probeDelay() {
    const { probeEveryMs, probeJitterMs } = this.timing;
    return Math.max(1_000, Math.round(probeEveryMs + (this.random() * 2 - 1) * probeJitterMs));
  }
}
