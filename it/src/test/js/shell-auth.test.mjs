// Sign-in and token refresh (auth.js): refresh timing, rotation shared between tabs, what a refused refresh or an
// unreachable server does, the words of login errors, and sign-out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Auth, claimsOf, loginErrorFrom, parseStored, refreshDelayMs, refreshLeadMs, STORAGE_KEY, tokensFrom,
} from '../../../../server/src/main/resources/webroot/app/js/auth.js';
import { HttpError, NetworkError } from '../../../../server/src/main/resources/webroot/app/js/http.js';
import { FakeLocks, fakeFetch, jwt, MemoryStorage, tick, until } from './shell-fakes.mjs';

const URLS = { login: 'http://h/arrigo/api/login', refresh: 'http://h/arrigo/api/login/refresh', logout: 'http://h/arrigo/api/logout' };

test('refresh at about 75 % of the lifetime, at least 30 s before expiry when the lifetime allows', () => {
  assert.equal(refreshLeadMs(600_000), 150_000);   // 10 min → refresh after 7.5 min
  assert.equal(refreshLeadMs(3_600_000), 900_000);
  assert.equal(refreshLeadMs(60_000), 30_000);      // 1 min → 30 s before, not 15 s
  assert.equal(refreshLeadMs(40_000), 20_000);      // short test lifetimes: half
  assert.equal(refreshLeadMs(10_000), 5_000);
});

test('the refresh delay counts from now, is 0 when due and never exceeds setTimeout\'s limit', () => {
  const t = { issuedAt: 1_000_000, expiresAt: 1_600_000 };
  assert.equal(refreshDelayMs(t, 1_000_000), 450_000);
  assert.equal(refreshDelayMs(t, 1_400_000), 50_000);
  assert.equal(refreshDelayMs(t, 1_500_000), 0);
  assert.equal(refreshDelayMs(t, 2_000_000), 0);       // slept past expiry: refresh now
  assert.equal(refreshDelayMs(t, 1_000_000, 5_000), 445_000);
  assert.equal(refreshDelayMs({ issuedAt: 0, expiresAt: 400 * 86_400_000 }, 0), 2 ** 31 - 1);
});

test('tokens: the user from sub, the expiry from expires_in and the local clock', () => {
  const at = jwt({ sub: 'operator1', iat: 100, exp: 700 });
  assert.equal(claimsOf(at).sub, 'operator1');
  assert.deepEqual(claimsOf('garbage'), {});
  const t = tokensFrom({ authToken: at, refreshToken: 'r1', expires_in: 300 }, 5_000);
  assert.deepEqual(t, { authToken: at, refreshToken: 'r1', issuedAt: 5_000, expiresAt: 305_000, user: { name: 'operator1' } });
  assert.equal(tokensFrom({ authToken: at, refreshToken: 'r1' }, 0).expiresAt, 600_000, 'falls back to exp - iat');
  assert.throws(() => tokensFrom({ authToken: at }, 0));
  assert.deepEqual(parseStored(JSON.stringify(t)), t);
  assert.equal(parseStored('{"authToken":1}'), null);
  assert.equal(parseStored('not json'), null);
});

test('login errors in words: wrong password, throttled, unreachable, server trouble', () => {
  assert.equal(loginErrorFrom(new HttpError(401, 'x'), 100).kind, 'credentials');
  assert.match(loginErrorFrom(new HttpError(401, 'x'), 100).message, /Wrong user name or password/);
  const slow = loginErrorFrom(new HttpError(401, 'x'), 2_000);
  assert.equal(slow.kind, 'throttled');
  assert.match(slow.message, /waits longer/);
  assert.equal(loginErrorFrom(new NetworkError(), 10).kind, 'unreachable');
  assert.match(loginErrorFrom(new NetworkError(), 10).message, /cannot be reached/);
  assert.equal(loginErrorFrom(new HttpError(503, 'down'), 10).kind, 'server');
});

/** A server that rotates tokens and revokes everything on reuse, as docs/api-notes.md describes. */
function tokenServer({ lifetimeS = 600 } = {}) {
  let n = 0;
  const live = new Set();
  const used = new Set();
  const state = { revoked: false, down: false };
  const issue = () => {
    n += 1;
    const rt = `rt${n}`;
    live.add(rt);
    return { status: 200, body: { authToken: jwt({ sub: 'admin', n, iat: 0, exp: lifetimeS }), refreshToken: rt, expires_in: lifetimeS } };
  };
  const fetch = fakeFetch(async (call) => {
    await tick(5);
    if (state.down) throw new TypeError('Failed to fetch');
    if (call.url === URLS.login) return call.body.password === 'pw' ? issue() : { status: 401, body: { error: 'Invalid username or password' } };
    if (call.url === URLS.refresh) {
      const rt = call.body.refreshToken;
      if (!call.headers.Authorization?.startsWith('Bearer ')) return { status: 401, body: {} };
      if (used.has(rt)) { state.revoked = true; live.clear(); return { status: 401, body: { error: 'reused' } }; }
      if (!live.has(rt)) return { status: 401, body: { error: 'invalid' } };
      live.delete(rt);
      used.add(rt);
      return issue();
    }
    if (call.url === URLS.logout) return call.headers.Authorization ? { status: 204 } : { status: 204 };
    return { status: 404, body: {} };
  });
  return { fetch, state, refreshes: () => fetch.calls.filter((c) => c.url === URLS.refresh) };
}

const tab = (server, storage, extra = {}) => new Auth({ storage, fetchImpl: server.fetch, urls: URLS, events: null, locks: null, ...extra });

test('login stores the tokens for every tab; refresh sends the current AT and rotates both tokens', async () => {
  const server = tokenServer();
  const storage = new MemoryStorage();
  const a = tab(server, storage, { locks: new FakeLocks() });
  const seen = [];
  a.addEventListener('tokens', (e) => seen.push(e.detail.reason));
  const user = await a.login('admin', 'pw');
  assert.equal(user.name, 'admin');
  assert.equal(JSON.parse(storage.getItem(STORAGE_KEY)).refreshToken, 'rt1');
  const before = a.tokens.authToken;
  const fresh = await a.refresh();
  const call = server.refreshes()[0];
  assert.equal(call.headers.Authorization, `Bearer ${before}`);
  assert.deepEqual(call.body, { refreshToken: 'rt1' });
  assert.notEqual(fresh, before);
  assert.equal(JSON.parse(storage.getItem(STORAGE_KEY)).refreshToken, 'rt2');
  assert.deepEqual(seen, ['login', 'refresh']);
  clearTimeout(a.timer);
});

test('one refresh at a time in a tab', async () => {
  const server = tokenServer();
  const a = tab(server, new MemoryStorage(), { locks: new FakeLocks() });
  await a.login('admin', 'pw');
  const [x, y, z] = await Promise.all([a.refresh(), a.refresh(), a.refresh()]);
  assert.equal(server.refreshes().length, 1);
  assert.ok(x === y && y === z);
  clearTimeout(a.timer);
});

test('with Web Locks, two tabs refreshing at once use the refresh token once; the second adopts', async () => {
  const server = tokenServer();
  const storage = new MemoryStorage();
  const locks = new FakeLocks();
  const a = tab(server, storage, { locks });
  const b = tab(server, storage, { locks });
  await a.login('admin', 'pw');
  b.start();                                    // tab b picks the sign-in up from storage
  assert.equal(b.tokens.refreshToken, 'rt1');
  const adopted = [];
  b.addEventListener('tokens', (e) => adopted.push(e.detail.reason));
  const [ta, tb] = await Promise.all([a.refresh(), b.refresh()]);
  assert.equal(server.refreshes().length, 1, 'only one exchange');
  assert.equal(server.state.revoked, false);
  assert.equal(ta, tb);
  assert.deepEqual(adopted, ['adopted']);
  clearTimeout(a.timer); clearTimeout(b.timer);
});

test('without Web Locks, a marker in storage keeps two tabs from both refreshing', async () => {
  const server = tokenServer();
  const storage = new MemoryStorage();
  const a = tab(server, storage);
  const b = tab(server, storage);
  await a.login('admin', 'pw');
  b.start();
  const [ta, tb] = await Promise.all([a.refresh(), b.refresh()]);
  assert.equal(server.refreshes().length, 1);
  assert.equal(server.state.revoked, false);
  assert.equal(ta, tb);
  clearTimeout(a.timer); clearTimeout(b.timer);
});

test('a refused refresh (401) ends the sign-in here and in storage', async () => {
  const server = tokenServer();
  const storage = new MemoryStorage();
  const a = tab(server, storage);
  await a.login('admin', 'pw');
  a.tokens = { ...a.tokens, refreshToken: 'stolen-and-used' };
  storage.setItem(STORAGE_KEY, JSON.stringify(a.tokens));
  const reasons = [];
  a.addEventListener('signedout', (e) => reasons.push(e.detail.reason));
  await assert.rejects(a.refresh(), { name: 'SessionEnded' });
  assert.deepEqual(reasons, ['expired']);
  assert.equal(storage.getItem(STORAGE_KEY), null);
  assert.equal(a.signedIn, false);
});

test('an unreachable server keeps the sign-in and retries; the refresh works once it is back', async () => {
  const server = tokenServer();
  const a = tab(server, new MemoryStorage());
  await a.login('admin', 'pw');
  server.state.down = true;
  const failures = [];
  a.addEventListener('refresh-failed', (e) => failures.push(e.detail.error.name));
  a.retry.options.baseMs = 20;                 // retry quickly in the test
  a.retry.options.minMs = 10;
  await assert.rejects(a.refresh(), { name: 'NetworkError' });
  assert.equal(a.signedIn, true);
  assert.deepEqual(failures, ['NetworkError']);
  assert.ok(a.lastRefreshError);
  server.state.down = false;
  await until(() => a.tokens.refreshToken === 'rt2', 2000, 'the retried refresh');
  assert.equal(a.lastRefreshError, null);
  clearTimeout(a.timer);
});

test('token() refreshes first when the access token is about to expire', async () => {
  let now = 0;
  const server = tokenServer({ lifetimeS: 60 });
  const a = tab(server, new MemoryStorage(), { now: () => now });
  await a.login('admin', 'pw');
  const first = await a.token();
  assert.equal(server.refreshes().length, 0);
  now = 58_000;
  const second = await a.token();
  assert.equal(server.refreshes().length, 1);
  assert.notEqual(first, second);
  clearTimeout(a.timer);
});

test('while the server is unreachable token() does not ask again for every reconnect attempt', async () => {
  let now = 0;
  const server = tokenServer({ lifetimeS: 60 });
  const a = tab(server, new MemoryStorage(), { now: () => now });
  await a.login('admin', 'pw');
  server.state.down = true;
  now = 59_000;
  await assert.rejects(a.token(), { name: 'NetworkError' });
  const asked = server.refreshes().length;
  const expired = await a.token();
  assert.equal(expired, a.tokens.authToken, 'the current token; a refusal will ask explicitly');
  assert.equal(server.refreshes().length, asked);
  server.state.down = false;
  const fresh = await a.refresh({ stale: expired });
  assert.notEqual(fresh, expired);
  assert.equal(a.lastRefreshError, null);
  clearTimeout(a.timer);
});

test('another tab signing out or refreshing reaches this tab through the storage event', async () => {
  const server = tokenServer();
  const storage = new MemoryStorage();
  const a = tab(server, storage);
  const listeners = {};
  const events = { addEventListener: (type, fn) => { listeners[type] = fn; } };
  const b = tab(server, storage, { events });
  await a.login('admin', 'pw');
  b.start();
  const seen = [];
  b.addEventListener('tokens', (e) => seen.push(e.detail.reason));
  b.addEventListener('signedout', (e) => seen.push(`out:${e.detail.reason}`));
  await a.refresh();
  listeners.storage({ key: STORAGE_KEY });
  assert.equal(b.tokens.refreshToken, 'rt2');
  await a.logout();
  listeners.storage({ key: STORAGE_KEY });
  assert.deepEqual(seen, ['adopted', 'out:elsewhere']);
  assert.equal(b.signedIn, false);
});

test('logout clears storage and revokes the refresh token; an expired AT is retried without it', async () => {
  const calls = [];
  const fetch = fakeFetch(async (call) => {
    calls.push(call);
    if (call.url === URLS.login) return { status: 200, body: { authToken: jwt({ sub: 'admin' }), refreshToken: 'r', expires_in: 600 } };
    return call.headers.Authorization ? { status: 401, body: {} } : { status: 204 };
  });
  const storage = new MemoryStorage();
  const a = new Auth({ storage, fetchImpl: fetch, urls: URLS, events: null, locks: null });
  await a.login('admin', 'pw');
  const warning = await a.logout();
  assert.equal(warning, '');
  assert.equal(storage.getItem(STORAGE_KEY), null);
  const logouts = calls.filter((c) => c.url === URLS.logout);
  assert.equal(logouts.length, 2);
  assert.ok(logouts[0].headers.Authorization);
  assert.equal(logouts[1].headers.Authorization, undefined);
  assert.deepEqual(logouts[1].body, { refreshToken: 'r' });
});
