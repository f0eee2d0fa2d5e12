// diagnostics-probe.js — the live probes of #/diagnostics ("Test connections") and the plain-words conclusion drawn
// from what this browser saw next to what the server recorded of the same attempts (GET /arrigo/api/diagnostics,
// "recentUpgrades"). The probes take their WebSocket class and fetch as arguments and conclude() is pure, so both
// are unit-tested in Node (it/src/test/js/shell-diagnostics-probe.test.mjs).
import { describeClose } from './graphql-ws.js';

export const PROBE_TIMEOUT_MS = 10_000;

const browserFetch = (...args) => globalThis.fetch(...args);
const clock = () => globalThis.performance?.now?.() ?? Date.now();

/**
 * Opens one WebSocket and closes it again. Resolves {kind:'websocket', ok, opened, subprotocol, code, reason, ms, text}.
 * ok: it opened with the asked subprotocol.
 */
export function probeWebSocket(url, protocol, { WebSocketImpl = globalThis.WebSocket, timeoutMs = PROBE_TIMEOUT_MS } = {}) {
  return new Promise((resolve) => {
    const started = clock();
    const done = (result) => resolve({ kind: 'websocket', url, ms: Math.round(clock() - started), ...result });
    let ws;
    try {
      ws = new WebSocketImpl(url, protocol);
    } catch (err) {
      done({ ok: false, opened: false, text: `the browser refused to open it: ${err?.message ?? err}` });
      return;
    }
    const timer = setTimeout(() => {
      ws.onopen = ws.onclose = ws.onerror = null;
      try { ws.close(); } catch { /* never opened */ }
      done({ ok: false, opened: false, text: `no answer within ${timeoutMs / 1000} s (a firewall dropping the connection?)` });
    }, timeoutMs);
    ws.onopen = () => {
      clearTimeout(timer);
      const subprotocol = ws.protocol || '';
      ws.onclose = ws.onerror = null;
      try { ws.close(1000, 'diagnostics test'); } catch { /* already closing */ }
      const ok = subprotocol === protocol;
      done({ ok, opened: true, subprotocol,
        text: ok ? `upgraded, subprotocol ${subprotocol}` : `upgraded, but the subprotocol is ${subprotocol || 'missing'} (asked for ${protocol})` });
    };
    ws.onerror = () => { /* the close event says more */ };
    ws.onclose = (e) => {
      clearTimeout(timer);
      done({ ok: false, opened: false, code: e.code, reason: e.reason, text: `not opened: ${describeClose(e.code, e.reason)}` });
    };
  });
}

async function answerOf(res) {
  const text = await res.text().catch(() => '');
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, ok: res.ok, text, message: typeof json?.error === 'string' ? json.error : text.slice(0, 160) };
}

/**
 * graphql-sse: a reservation (PUT with the token) and opening its stream, which is then closed again.
 * Resolves {kind:'sse', ok, text, status?, skipped?}; without a token it is skipped (the reservation needs one).
 */
export async function probeEventStream(url, token, { fetchImpl = browserFetch, timeoutMs = PROBE_TIMEOUT_MS } = {}) {
  if (!token) return { kind: 'sse', url, ok: false, skipped: true, text: 'needs a sign-in (the reservation takes the access token): sign in and test again' };
  const started = clock();
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const result = (r) => ({ kind: 'sse', url, ms: Math.round(clock() - started), ...r });
  try {
    const put = await answerOf(await fetchImpl(url, { method: 'PUT', headers: { Authorization: `Bearer ${token}` },
      cache: 'no-store', credentials: 'same-origin', signal: abort.signal }));
    if (put.status !== 201 && put.status !== 200) return result({ ok: false, status: put.status, text: `reservation refused: HTTP ${put.status} ${put.message}` });
    const stream = await fetchImpl(url, { method: 'GET',
      headers: { Accept: 'text/event-stream', 'X-GraphQL-Event-Stream-Token': put.text.trim() },
      cache: 'no-store', credentials: 'same-origin', signal: abort.signal });
    const type = stream.headers?.get?.('Content-Type') ?? '';
    const ok = stream.status === 200 && type.includes('text/event-stream');
    try { stream.body?.cancel?.(); } catch { /* gone */ }
    abort.abort();
    return result({ ok, status: stream.status, text: ok ? 'reserved, and the event stream opened'
      : `the event stream answered HTTP ${stream.status} ${type}` });
  } catch (err) {
    return result({ ok: false, text: abort.signal.aborted ? `no answer within ${timeoutMs / 1000} s` : `no answer: ${err?.message ?? err}` });
  } finally {
    clearTimeout(timer);
  }
}

/** WAMP long-poll: open a transport and close it again (no sign-in needed: that happens inside the session). */
export async function probeLongPoll(url, { fetchImpl = browserFetch, timeoutMs = PROBE_TIMEOUT_MS } = {}) {
  const started = clock();
  const result = (r) => ({ kind: 'longpoll', url, ms: Math.round(clock() - started), ...r });
  const post = (path, body) => fetchImpl(`${url}/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body, cache: 'no-store', credentials: 'same-origin',
    signal: globalThis.AbortSignal?.timeout ? AbortSignal.timeout(timeoutMs) : undefined });
  try {
    const open = await answerOf(await post('open', JSON.stringify({ protocols: ['wamp.2.json'] })));
    let id = null;
    try { id = JSON.parse(open.text)?.transport ?? null; } catch { /* not JSON */ }
    if (!open.ok || typeof id !== 'string') return result({ ok: false, status: open.status, text: `open refused: HTTP ${open.status} ${open.message}` });
    await post(`${encodeURIComponent(id)}/close`, undefined).catch(() => {});
    return result({ ok: true, status: open.status, text: 'a transport opened (and was closed again)' });
  } catch (err) {
    return result({ ok: false, text: `no answer: ${err?.message ?? err}` });
  }
}

const ENDPOINTS = Object.freeze({ graphql: '/arrigo/api/graphql/ws', wamp: '/arrigo/api/wamp' });

/** The server's records of upgrades to `endpoint` made since `since` (the server's own time before the probes). */
export function serverAttempts(server, endpoint, since) {
  const list = Array.isArray(server?.recentUpgrades) ? server.recentUpgrades : [];
  const from = since ? Date.parse(since) : NaN;
  return list.filter((a) => String(a?.endpoint ?? '').endsWith(endpoint)
    && (Number.isNaN(from) || Date.parse(a.at) >= from - 1000));
}

const NGINX_BLOCK = 'nginx: location ~ ^/arrigo/api/(graphql/ws|wamp)$ { proxy_http_version 1.1; '
  + 'proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection "upgrade"; … } (docs/deploy/)';

/** One WebSocket endpoint: what the browser saw and what the server recorded, in words. {level, text} */
function judgeWebSocket(name, path, browser, attempts) {
  if (!browser) return null;
  if (browser.ok) return { level: 'ok', text: `${name} WebSocket (${path}): upgraded, subprotocol ${browser.subprotocol}.` };
  const outcomes = attempts.map((a) => a.outcome);
  if (outcomes.includes('no-upgrade-header')) {
    const seen = attempts.find((a) => a.outcome === 'no-upgrade-header');
    return { level: 'problem', headline: 'Your proxy removes the Upgrade header.', text: `Your proxy removes the Upgrade header: the ${name} WebSocket request (${path}) reached `
      + `the server without "Upgrade: websocket"${seen?.connection ? ` (Connection: ${seen.connection})` : ''}. `
      + `The proxy must pass the upgrade (HTTP/1.1, Upgrade and Connection headers) for both endpoints — ${NGINX_BLOCK}.` };
  }
  if (outcomes.includes('cross-origin-refused')) {
    const seen = attempts.find((a) => a.outcome === 'cross-origin-refused');
    return { level: 'problem', headline: 'Cross-origin refused: the page\'s origin is not allowed.', text: `Cross-origin refused: the server refused the ${name} WebSocket because the page's origin `
      + `(${seen?.origin ?? 'unknown'}) is not the address the server sees. Add that origin to webSocket.allowedOrigins, or `
      + `let the proxy pass the original Host (proxy_set_header Host $host) and list it in proxy.trusted.` };
  }
  if (outcomes.includes('no-subprotocol')) {
    return { level: 'problem', headline: 'A proxy drops the WebSocket subprotocol.', text: `The ${name} WebSocket request (${path}) arrived without a subprotocol the server knows: `
      + 'something between browser and server drops the Sec-WebSocket-Protocol header.' };
  }
  if (outcomes.includes('upgraded')) {
    return { level: 'problem', headline: 'Something between browser and server breaks upgraded connections.', text: `The server upgraded the ${name} WebSocket (${path}), but this browser never saw it open `
      + `(${browser.text}): something between them breaks the upgraded connection (a proxy that buffers, an inspecting firewall).` };
  }
  if (attempts.length) {
    return { level: 'problem', headline: 'A WebSocket failed at the server.', text: `The ${name} WebSocket (${path}) reached the server but failed there (${outcomes.join(', ')}); `
      + `the browser saw: ${browser.text}.` };
  }
  return { level: 'problem', headline: 'WebSocket requests do not reach the server.', text: `The ${name} WebSocket request (${path}) never reached the server: something in between `
    + `answered or dropped it (${browser.text}). A proxy that does not route this path, or a firewall. The proxy needs a `
    + `location for ${path} that passes the upgrade — ${NGINX_BLOCK}.` };
}

/**
 * The conclusion: a list of {level: ok|problem|info, text}, the most important first, and a one-line `summary`.
 * browser: {graphql, wamp, sse, longpoll} probe results; server: the diagnostics answer after the probes (or null);
 * since: the server's time before the probes.
 */
export function conclude({ browser = {}, server = null, since = null } = {}) {
  const findings = [];
  const haveServer = Boolean(server && typeof server === 'object');
  const graphql = judgeWebSocket('GraphQL', ENDPOINTS.graphql, browser.graphql,
    haveServer ? serverAttempts(server, ENDPOINTS.graphql, since) : []);
  const wamp = judgeWebSocket('WAMP', ENDPOINTS.wamp, browser.wamp, haveServer ? serverAttempts(server, ENDPOINTS.wamp, since) : []);
  for (const f of [graphql, wamp]) if (f) findings.push(f);
  const wsOk = browser.graphql?.ok && browser.wamp?.ok;
  const fallbacks = [['sse', 'Live values over HTTP streaming (/arrigo/api/graphql/stream)'],
    ['longpoll', 'Function calls over HTTP long-poll (/arrigo/api/wamp/longpoll)']];
  for (const [key, label] of fallbacks) {
    const r = browser[key];
    if (!r) continue;
    if (r.skipped) findings.push({ level: 'info', text: `${label}: not tested — ${r.text}.` });
    else if (r.ok) findings.push({ level: wsOk ? 'ok' : 'info', text: `${label}: works${wsOk ? '' : ' — the app uses it while the WebSocket is blocked, so values stay live'}.` });
    else findings.push({ level: 'problem', headline: 'An HTTP fallback does not work either.', text: `${label}: does not work (${r.text}).` });
  }
  if (!haveServer) {
    findings.push({ level: 'info', text: 'The server\'s own record (GET /arrigo/api/diagnostics) could not be read, so the cause '
      + 'cannot be told apart from here.' });
  } else if (server.client?.untrustedForwardedHeaders) {
    findings.push({ level: 'info', text: 'Forwarding headers (X-Forwarded-For, Forwarded) came from an address the server does '
      + `not trust (${server.client?.peer ?? '?'}) and were ignored: if that is your proxy, add it to proxy.trusted.` });
  }
  const problems = findings.filter((f) => f.level === 'problem');
  // one line per kind of problem; the findings below say which endpoint and what to change
  const summary = problems.length === 0 ? 'All good: both WebSockets open from this browser.'
    : [...new Set(problems.map((p) => p.headline ?? p.text))].join(' ');
  findings.sort((a, b) => rank(a.level) - rank(b.level));
  return { summary, ok: problems.length === 0, findings };
}

const rank = (level) => ({ problem: 0, info: 1, ok: 2 }[level] ?? 3);
