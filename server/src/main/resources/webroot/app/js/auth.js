// auth.js — sign-in, token refresh and sign-out against /arrigo/api/login, /login/refresh and /logout.
//
// One sign-in serves every tab of the origin: the tokens live in localStorage under STORAGE_KEY. Refresh tokens
// ROTATE and presenting a used one revokes the whole sign-in (docs/api-notes.md, "Tokens and login"), so two tabs
// must never refresh with the same refresh token. With Web Locks (navigator.locks, secure contexts) a tab refreshes
// only while holding LOCK_NAME and re-reads storage inside the lock: if another tab has refreshed meanwhile it just
// adopts the new tokens. Without Web Locks (plain http on a LAN address) a short-lived marker in storage plays the
// lock, the `storage` event tells the other tabs, and a refused refresh re-reads storage before giving up.
//
// Pure at import time: the class touches storage, timers and events only when used, and the timing rules are plain
// exported functions (tested in it/src/test/js/shell-auth.test.mjs).
import { Backoff } from './backoff.js';
import { apiUrl, HttpError, NetworkError, postJson } from './http.js';

export const STORAGE_KEY = 'vakt.session';
export const MARKER_KEY = 'vakt.session.refreshing';
export const LOCK_NAME = 'vakt.token-refresh';
const MAX_TIMER_MS = 2 ** 31 - 1;    // setTimeout's limit; longer delays fire at once
const MAX_LEAD_MS = 30_000;          // refresh at least this long before expiry when the lifetime allows
const EXPIRY_MARGIN_MS = 5_000;      // token() refreshes first when less than this is left
const MARKER_TTL_MS = 20_000;        // a marker older than this belonged to a tab that died mid-refresh
const THROTTLE_HINT_MS = 900;        // a refused sign-in that took this long was delayed by the server's throttle

// ---- pure helpers ----

/** The claims of a JWT (for the user name and display only: the server alone decides validity). */
export function claimsOf(jwt) {
  try {
    const b64 = String(jwt).split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64.padEnd(Math.ceil(b64.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' ? claims : {};
  } catch {
    return {};
  }
}

/**
 * How long before expiry to refresh: a quarter of the lifetime (so at about 75 %), and at least 30 s when the
 * lifetime allows it (never more than half of it, so very short test lifetimes still work).
 */
export function refreshLeadMs(lifetimeMs) {
  const lifetime = Math.max(0, lifetimeMs);
  return Math.max(lifetime * 0.25, Math.min(MAX_LEAD_MS, lifetime * 0.5));
}

/**
 * Milliseconds from `now` until the tokens should be refreshed; 0 when due. `jitterMs` makes tabs without
 * Web Locks spread out (subtracted, so a tab only ever refreshes earlier). Capped at setTimeout's limit.
 */
export function refreshDelayMs(tokens, now, jitterMs = 0) {
  const lifetime = tokens.expiresAt - tokens.issuedAt;
  const due = tokens.expiresAt - refreshLeadMs(lifetime) - jitterMs;
  return Math.min(MAX_TIMER_MS, Math.max(0, due - now));
}

/**
 * The stored form of a login or refresh answer. Expiry comes from `expires_in` and the local clock, so a server
 * whose clock is off cannot make us refresh too late.
 */
export function tokensFrom(answer, now, fallbackUser = '') {
  if (!answer || typeof answer.authToken !== 'string' || typeof answer.refreshToken !== 'string') {
    throw new Error('The server answered without authToken and refreshToken.');
  }
  const claims = claimsOf(answer.authToken);
  const fromClaims = Number(claims.exp) - Number(claims.iat);
  const lifetimeS = Number(answer.expires_in) > 0 ? Number(answer.expires_in) : (fromClaims > 0 ? fromClaims : 600);
  return {
    authToken: answer.authToken,
    refreshToken: answer.refreshToken,
    issuedAt: now,
    expiresAt: now + lifetimeS * 1000,
    user: { name: String(claims.sub || fallbackUser || '') },
  };
}

/** Stored tokens, or null when the text is missing or not ours. */
export function parseStored(text) {
  if (!text) return null;
  try {
    const t = JSON.parse(text);
    const ok = t && typeof t.authToken === 'string' && typeof t.refreshToken === 'string'
      && Number.isFinite(t.issuedAt) && Number.isFinite(t.expiresAt) && t.user && typeof t.user.name === 'string';
    return ok ? t : null;
  } catch {
    return null;
  }
}

/** localStorage, or null where the browser forbids it (reading the property itself throws then). */
function defaultStorage() {
  try { return globalThis.localStorage ?? null; } catch { return null; }
}

// ---- errors ----

/** A sign-in that did not work; `kind` says why in a word the login page turns into a sentence. */
export class LoginError extends Error {
  constructor(kind, message, status = 0) {
    super(message);
    this.name = 'LoginError';
    this.kind = kind;     // credentials | throttled | unreachable | refused | server
    this.status = status;
  }
}

/** The sign-in is over (refresh refused, signed out here or in another tab). */
export class SessionEnded extends Error {
  constructor(message = 'The sign-in has ended; please sign in again.') {
    super(message);
    this.name = 'SessionEnded';
  }
}

// ---- the stateful part ----

/**
 * Events (all `CustomEvent`s with `detail.reason`):
 *   'tokens'    new tokens: reason login | refresh | adopted (another tab signed in or refreshed)
 *   'signedout' reason logout (here) | elsewhere (another tab) | expired (the server refused the refresh)
 *   'refresh-failed' detail.error: the server could not be reached; retrying with back-off, still signed in
 */
export class Auth extends EventTarget {
  constructor({
    storage = defaultStorage(),
    locks = globalThis.navigator?.locks,
    fetchImpl = (...args) => globalThis.fetch(...args),
    now = () => Date.now(),
    urls = null,
    events = globalThis.window ?? null,   // where 'storage', 'online' and 'visibilitychange' come from
    random = Math.random,
  } = {}) {
    super();
    this.storage = storage;
    this.locks = locks ?? null;
    this.fetchImpl = fetchImpl;
    this.now = now;
    this.urls = urls;
    this.events = events;
    this.tabId = `${now().toString(36)}-${Math.floor(random() * 2 ** 32).toString(36)}`;
    // only tabs without Web Locks need to spread out; up to 5 s earlier
    this.jitterMs = this.locks ? 0 : Math.floor(random() * 5_000);
    this.tokens = null;
    this.timer = null;
    this.inFlight = null;
    this.retry = new Backoff({ baseMs: 2_000, capMs: 60_000 });
    this.lastRefreshError = null;
    this.storageWaiters = new Set();
    this.started = false;
  }

  get signedIn() { return this.tokens !== null; }
  get user() { return this.tokens?.user ?? null; }
  get expiresAt() { return this.tokens?.expiresAt ?? null; }
  /** Whether refreshes are serialised with Web Locks (shown on the diagnostics page). */
  get usesLocks() { return this.locks !== null; }

  url(name) {
    return this.urls?.[name] ?? apiUrl({ login: 'login', refresh: 'login/refresh', logout: 'logout' }[name]);
  }

  /** Pick up a sign-in from storage (another tab, or before a reload) and start listening. */
  start() {
    if (this.started) return;
    this.started = true;
    this.tokens = this.read();
    if (this.events) {
      this.events.addEventListener('storage', (e) => this.onStorage(e));
      // timers sleep with the computer and are slowed in background tabs: check again when we are back
      const wake = () => this.checkDue();
      this.events.addEventListener('online', wake);
      this.events.addEventListener('focus', wake);
      this.events.document?.addEventListener?.('visibilitychange', () => {
        if (this.events.document.visibilityState === 'visible') wake();
      });
    }
    this.schedule();
  }

  // ---- storage ----

  read() {
    try { return parseStored(this.storage?.getItem(STORAGE_KEY)); } catch { return null; }
  }

  write(tokens) {
    try {
      if (tokens) this.storage?.setItem(STORAGE_KEY, JSON.stringify(tokens));
      else this.storage?.removeItem(STORAGE_KEY);
    } catch { /* storage disabled: the sign-in then lasts as long as this page */ }
  }

  onStorage(e) {
    if (e.key !== null && e.key !== STORAGE_KEY && e.key !== MARKER_KEY) return;
    this.storageWaiters.forEach((wake) => wake());
    if (e.key === MARKER_KEY) return;
    const stored = this.read();
    if (!stored && this.tokens) {
      this.tokens = null;
      clearTimeout(this.timer);
      this.emit('signedout', 'elsewhere');
    } else if (stored && stored.authToken !== this.tokens?.authToken) {
      this.adopt(stored);
    }
  }

  adopt(stored) {
    const wasSignedIn = this.tokens !== null;
    this.tokens = stored;
    this.retry.reset();
    this.lastRefreshError = null;
    this.schedule();
    this.emit('tokens', wasSignedIn ? 'adopted' : 'login');
  }

  emit(type, reason, extra = {}) {
    this.dispatchEvent(new CustomEvent(type, { detail: { reason, ...extra } }));
  }

  // ---- timing ----

  schedule(delay) {
    clearTimeout(this.timer);
    this.timer = null;
    if (!this.tokens) return;
    const wait = delay ?? refreshDelayMs(this.tokens, this.now(), this.jitterMs);
    this.timer = setTimeout(() => { this.refresh().catch(() => { /* reported by events */ }); }, wait);
  }

  /** After sleep or a hidden spell: refresh now if it is due. */
  checkDue() {
    if (!this.tokens || this.inFlight) return;
    if (refreshDelayMs(this.tokens, this.now(), this.jitterMs) === 0) this.refresh().catch(() => {});
  }

  // ---- sign in ----

  async login(username, password) {
    const started = this.now();
    let answer;
    try {
      answer = await postJson(this.url('login'), { username, password }, { fetchImpl: this.fetchImpl, timeoutMs: 60_000 });
    } catch (err) {
      throw loginErrorFrom(err, this.now() - started);
    }
    const tokens = tokensFrom(answer.json, this.now(), username);
    this.tokens = tokens;
    this.write(tokens);
    this.retry.reset();
    this.lastRefreshError = null;
    this.schedule();
    this.emit('tokens', 'login');
    return tokens.user;
  }

  /**
   * A valid access token; refreshes first when it expires within a few seconds. Throws SessionEnded or NetworkError.
   * While the server is unreachable (the last refresh got no answer) it returns the current token without asking
   * again: the back-off timer retries the refresh, and a server that is back and refuses the token gets an explicit
   * refresh({stale}) from the socket or request it refused. So an outage does not add a failed request per
   * reconnect attempt.
   */
  async token() {
    if (!this.tokens) throw new SessionEnded('Not signed in.');
    if (this.tokens.expiresAt - this.now() > EXPIRY_MARGIN_MS) return this.tokens.authToken;
    if (this.lastRefreshError && !this.inFlight) return this.tokens.authToken;
    return this.refresh();
  }

  /**
   * Rotate the tokens; resolves with the new access token. `stale` is a token the server refused (401, close 4401):
   * if storage already holds a different one, another tab has refreshed and we take that one.
   * One refresh at a time per tab; across tabs see the file comment.
   */
  refresh({ stale = null } = {}) {
    if (!this.tokens) return Promise.reject(new SessionEnded('Not signed in.'));
    this.inFlight ??= this.refreshAcrossTabs(stale ?? this.tokens.authToken)
      .finally(() => { this.inFlight = null; });
    return this.inFlight;
  }

  async refreshAcrossTabs(stale) {
    const run = () => this.refreshIfStillNeeded(stale);
    if (this.locks) return this.locks.request(LOCK_NAME, run);
    return this.withMarker(run);
  }

  async refreshIfStillNeeded(stale) {
    const stored = this.read();
    const current = stored ?? this.tokens;   // storage may be disabled: then memory is the truth
    if (!current) throw this.ended('elsewhere');
    if (stored && stored.authToken !== stale && refreshDelayMs(stored, this.now()) > 0) {
      // another tab refreshed while we waited for the lock
      if (stored.authToken !== this.tokens?.authToken) this.adopt(stored);
      return stored.authToken;
    }
    return this.exchange(current);
  }

  async exchange(current) {
    let answer;
    try {
      answer = await postJson(this.url('refresh'), { refreshToken: current.refreshToken },
        { token: current.authToken, fetchImpl: this.fetchImpl, timeoutMs: 15_000 });
    } catch (err) {
      const refused = err instanceof HttpError && (err.status === 400 || err.status === 401);
      if (!refused) return this.keepAndRetry(err);
      // Without Web Locks another tab may have won the race: its tokens are in storage (and, the server having
      // seen our used refresh token, possibly revoked too — the next call will tell).
      const stored = this.read();
      if (stored && stored.refreshToken !== current.refreshToken) {
        this.adopt(stored);
        return stored.authToken;
      }
      if (stored === null || stored.refreshToken === current.refreshToken) this.write(null);
      throw this.ended('expired');
    }
    const tokens = tokensFrom(answer.json, this.now(), current.user.name);
    this.tokens = tokens;
    this.write(tokens);
    this.retry.reset();
    this.lastRefreshError = null;
    this.schedule();
    this.emit('tokens', 'refresh');
    return tokens.authToken;
  }

  /** Server down or restarting: keep the sign-in (the refresh token may well still be valid) and try again later. */
  keepAndRetry(err) {
    const error = err instanceof NetworkError ? err : new NetworkError(err.message, err);
    this.lastRefreshError = error.message;
    this.schedule(this.retry.next());
    this.emit('refresh-failed', 'unreachable', { error });
    throw error;
  }

  ended(reason) {
    this.tokens = null;
    clearTimeout(this.timer);
    this.emit('signedout', reason);
    return new SessionEnded(reason === 'expired'
      ? 'Your sign-in has expired or was revoked; please sign in again.' : 'You were signed out.');
  }

  /** The fallback lock: a marker in storage with an expiry; waits (bounded) while another tab holds it. */
  async withMarker(run) {
    for (let round = 0; round < 3; round++) {
      const marker = this.readMarker();
      const now = this.now();
      if (marker && marker.tab !== this.tabId && marker.until > now) {
        await this.storageChangeOrTimeout(Math.min(marker.until - now, MARKER_TTL_MS));
        continue;
      }
      this.writeMarker({ tab: this.tabId, until: now + MARKER_TTL_MS });
      await new Promise((r) => setTimeout(r, 30));   // two tabs writing at once: the later write wins
      if (this.readMarker()?.tab !== this.tabId) continue;
      try { return await run(); } finally { if (this.readMarker()?.tab === this.tabId) this.writeMarker(null); }
    }
    return run();
  }

  readMarker() {
    try { return JSON.parse(this.storage?.getItem(MARKER_KEY) ?? 'null'); } catch { return null; }
  }

  writeMarker(marker) {
    try {
      if (marker) this.storage?.setItem(MARKER_KEY, JSON.stringify(marker));
      else this.storage?.removeItem(MARKER_KEY);
    } catch { /* no storage: nothing to coordinate with */ }
  }

  /** Until the other tab's marker goes (a `storage` event, or seen by polling in case events are late) or `ms`. */
  storageChangeOrTimeout(ms) {
    const raw = () => { try { return this.storage?.getItem(MARKER_KEY) ?? null; } catch { return null; } };
    const marker = raw();
    return new Promise((resolve) => {
      const done = () => { clearTimeout(timer); clearInterval(poll); this.storageWaiters.delete(done); resolve(); };
      const timer = setTimeout(done, ms);
      const poll = setInterval(() => { if (raw() !== marker) done(); }, 100);
      this.storageWaiters.add(done);
    });
  }

  // ---- sign out ----

  /**
   * Forget the tokens here and in every tab (removing them from storage fires `storage` in the others), then
   * revoke the refresh token. An expired access token makes the server answer 401 (the AT wins over the RT),
   * so then try again with the refresh token alone. Returns a warning text, or '' when all went well.
   */
  async logout() {
    const old = this.tokens;
    this.tokens = null;
    clearTimeout(this.timer);
    this.write(null);
    this.emit('signedout', 'logout');
    if (!old) return '';
    const body = { refreshToken: old.refreshToken };
    const options = { fetchImpl: this.fetchImpl, timeoutMs: 10_000 };
    try {
      try {
        await postJson(this.url('logout'), body, { ...options, token: old.authToken });
      } catch (err) {
        if (!(err instanceof HttpError && err.status === 401)) throw err;
        await postJson(this.url('logout'), body, options);
      }
      return '';
    } catch (err) {
      return `Signed out in this browser, but the server could not be told (${err.message}).`;
    }
  }
}

/** Turn a failed login request into the LoginError the page shows. */
export function loginErrorFrom(err, tookMs) {
  if (err instanceof NetworkError) {
    return new LoginError('unreachable', 'The server cannot be reached. Check the network connection; '
      + 'if the server is restarting, try again in a moment.');
  }
  if (err instanceof HttpError) {
    if (err.status === 401 && tookMs >= THROTTLE_HINT_MS) {
      return new LoginError('throttled', 'Wrong user name or password. After several failed attempts the server '
        + 'waits longer before each answer (up to 30 seconds), so take your time.', 401);
    }
    if (err.status === 401) return new LoginError('credentials', 'Wrong user name or password.', 401);
    if (err.status === 403) return new LoginError('refused', `This user may not sign in: ${err.message}`, 403);
    if (err.status === 429) return new LoginError('throttled', 'Too many attempts; wait a little and try again.', 429);
    if (err.status >= 500) {
      return new LoginError('server', `The server could not sign you in right now (${err.message}). Try again shortly.`,
        err.status);
    }
    return new LoginError('refused', `Sign-in refused: ${err.message}`, err.status);
  }
  return new LoginError('server', `Sign-in failed: ${err?.message ?? err}`);
}
