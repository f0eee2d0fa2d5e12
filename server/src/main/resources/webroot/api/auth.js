// auth.js — login, token refresh and logout against /arrigo/api/login* (spec §2.2, §2.4).
// Tokens live in sessionStorage so they vanish with the tab and are never shared across sites.
// Listeners get (reason, session, message) with reason one of:
// login, restore, refresh, refresh-failed, expired, logout.
import { describeHttp, networkMessage, tryJson } from './util.js';

const KEY = 'vakt.explorer.session';
const RETRY_MS = 10_000;            // after a failed refresh that was not a refusal
const MAX_TIMER_MS = 2 ** 31 - 1;   // setTimeout's limit

export class AuthError extends Error {
  constructor(message, status = 0) { super(message); this.name = 'AuthError'; this.status = status; }
}

const listeners = new Set();
let session = load();
let timer = null;
let inFlight = null;                // single refresh at a time: RTs rotate, a second call would use a dead RT

function load() {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY));
    return s && typeof s.authToken === 'string' && typeof s.refreshToken === 'string' ? s : null;
  } catch { return null; }
}
function save() {
  try {
    if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
    else sessionStorage.removeItem(KEY);
  } catch { /* storage disabled (private mode): the session just does not survive a reload */ }
}

export const onSessionChange = (fn) => listeners.add(fn);
const emit = (reason, message = '') => listeners.forEach((fn) => fn(reason, session, message));
export const getSession = () => session;
export const token = () => session?.authToken ?? null;

/** Decode a JWT's claims for display only; the server alone decides validity. */
function claimsOf(jwt) {
  try {
    const b64 = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' ? claims : {};
  } catch { return {}; }
}

/** Take a login/refresh answer into the session. Expiry uses expires_in and the local clock,
 *  so a skewed server clock cannot make us refresh too late. */
function accept(json, fallbackUser) {
  if (!json || typeof json.authToken !== 'string' || typeof json.refreshToken !== 'string') {
    throw new AuthError('The server answered without authToken/refreshToken.');
  }
  const claims = claimsOf(json.authToken);
  const fromClaims = Number(claims.exp) - Number(claims.iat);
  const lifetime = Number(json.expires_in) > 0 ? Number(json.expires_in) : (fromClaims > 0 ? fromClaims : 600);
  const now = Date.now();
  session = {
    authToken: json.authToken,
    refreshToken: json.refreshToken,
    username: String(claims.sub || fallbackUser || session?.username || 'unknown user'),
    issuedAt: now,
    expiresAt: now + lifetime * 1000,
  };
  save();
  schedule();
}

/** Refresh ~30 s before expiry; for very short lifetimes (tests use 5 s) at half-life instead. */
function schedule(delay) {
  clearTimeout(timer);
  if (!session) return;
  if (delay == null) {
    const lead = Math.min(30_000, (session.expiresAt - session.issuedAt) / 2);
    delay = session.expiresAt - lead - Date.now();
  }
  timer = setTimeout(() => refresh().catch(() => { /* reported through listeners */ }),
    Math.min(MAX_TIMER_MS, Math.max(500, delay)));
}

function end(reason, message) {
  clearTimeout(timer);
  session = null;
  save();
  emit(reason, message);
}

async function post(url, body, authToken) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (authToken) headers.Authorization = `Bearer ${authToken}`;
  let res;
  try {
    res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), cache: 'no-store' });
  } catch (err) {
    throw new AuthError(networkMessage(err), 0);
  }
  const text = await res.text().catch(() => '');
  return { res, text };
}

export async function login(username, password) {
  const { res, text } = await post('./login', { username, password });
  if (!res.ok) throw new AuthError(describeHttp(res.status, text, 'login'), res.status);
  accept(tryJson(text), username);
  emit('login');
}

/** Rotate AT and RT. The refresh endpoint wants the AT (even an expired one) in the header. */
export function refresh() {
  if (!session) return Promise.reject(new AuthError('Not logged in.', 401));
  inFlight ??= doRefresh().finally(() => { inFlight = null; });
  return inFlight;
}

async function doRefresh() {
  const before = session;
  let answer;
  try {
    answer = await post('./login/refresh', { refreshToken: before.refreshToken }, before.authToken);
  } catch (err) {
    if (session === before) { schedule(RETRY_MS); emit('refresh-failed', `${err.message} Retrying the token refresh in 10 s.`); }
    throw err;
  }
  if (session !== before) throw new AuthError('Logged out during refresh.', 401);
  const { res, text } = answer;
  if (res.status === 400 || res.status === 401) {
    // The RT was refused (revoked, expired, or rotated by another tab): nothing left to retry with.
    const msg = `Your session has ended (token refresh refused, HTTP ${res.status}). Please log in again.`;
    end('expired', msg);
    throw new AuthError(msg, res.status);
  }
  if (!res.ok) {
    const msg = `Token refresh failed: ${describeHttp(res.status, text)} Retrying in 10 s.`;
    schedule(RETRY_MS);
    emit('refresh-failed', msg);
    throw new AuthError(msg, res.status);
  }
  accept(tryJson(text));
  emit('refresh');
}

/**
 * fetch() with the bearer token. A 401 carrying `token-expired: true` (spec §2.1) means only the AT
 * aged out — e.g. the tab slept through the scheduled refresh — so refresh once and retry.
 */
export async function authFetch(url, init = {}) {
  const attempt = () => {
    const headers = new Headers(init.headers);
    if (session) headers.set('Authorization', `Bearer ${session.authToken}`);
    return fetch(url, { ...init, headers, cache: 'no-store' });
  };
  const res = await attempt();
  if (res.status === 401 && session && res.headers.get('token-expired')?.toLowerCase() === 'true') {
    await refresh();
    return attempt();
  }
  return res;
}

/**
 * Log out: forget the tokens locally first (so the UI reacts even offline), then revoke the RT.
 * If the AT has expired the server answers 401 (the AT wins over the RT, spec §2.2), so retry with
 * the RT alone — otherwise the 60-day RT would stay valid. Returns a warning text or ''.
 */
export async function logout() {
  const old = session;
  if (!old) return '';
  end('logout');
  try {
    let { res, text } = await post('./logout', { refreshToken: old.refreshToken }, old.authToken);
    if (res.status === 401) ({ res, text } = await post('./logout', { refreshToken: old.refreshToken }));
    return res.ok ? '' : `Logged out here, but the server could not revoke the refresh token: ${describeHttp(res.status, text)}`;
  } catch (err) {
    return `Logged out here, but the refresh token was not revoked on the server. ${err.message}`;
  }
}

/** On page load: pick up a session from sessionStorage (e.g. after a reload). */
export function restore() {
  if (!session) return;
  if (session.expiresAt - Date.now() > 5_000) { schedule(); emit('restore'); return; }
  // Refresh first so the page's first authorised calls do not bounce off an expired AT.
  refresh().then(() => emit('restore'), () => { /* reported through listeners */ });
}
