// diagnostics.js — #/diagnostics: what THIS browser saw of its connections, for an operator chasing "values stay
// yellow" (spec §12.2): page origin and protocol, both WebSocket URLs and their states, recent attempts with close
// codes, the HTTP API's health answer, token expiry, the user agent, and a button that opens one test socket to each
// endpoint. Reachable without signing in (the page info, health and test sockets need no token).
import { apiUrl, request, wsUrl } from './http.js';
import { describeClose, PROTOCOL as GRAPHQL_PROTOCOL } from './graphql-ws.js';
import { PROTOCOL as WAMP_PROTOCOL } from './wamp.js';

const TEST_TIMEOUT_MS = 10_000;

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

const time = (ms) => new Date(ms).toLocaleTimeString(undefined, { hour12: false });
const dateTime = (ms) => new Date(ms).toLocaleString(undefined, { hour12: false });

function inMinutes(ms) {
  const s = Math.round(ms / 1000);
  if (s < 0) return `${Math.abs(s)} s ago`;
  if (s < 120) return `in ${s} s`;
  return `in ${Math.round(s / 60)} min`;
}

/** A definition list from [term, value] pairs; value may be a node. */
function facts(pairs) {
  const dl = el('dl', { class: 'facts' });
  for (const [term, value] of pairs) dl.append(el('dt', { text: term }), el('dd', {}, value ?? '—'));
  return dl;
}

/** Open one WebSocket and report whether the upgrade worked; closes it again at once. */
export function testSocket(url, protocol, WebSocketImpl = globalThis.WebSocket) {
  return new Promise((resolve) => {
    const started = performance.now();
    let ws;
    try {
      ws = new WebSocketImpl(url, protocol);
    } catch (err) {
      resolve({ ok: false, text: `the browser refused to open it: ${err.message}` });
      return;
    }
    const timer = setTimeout(() => {
      ws.onopen = ws.onclose = ws.onerror = null;
      try { ws.close(); } catch { /* never opened */ }
      resolve({ ok: false, text: `no answer within ${TEST_TIMEOUT_MS / 1000} s` });
    }, TEST_TIMEOUT_MS);
    ws.onopen = () => {
      clearTimeout(timer);
      const ms = Math.round(performance.now() - started);
      const chosen = ws.protocol || '(none)';
      ws.onclose = ws.onerror = null;
      ws.close(1000, 'diagnostics test');
      resolve({ ok: true, text: `upgraded in ${ms} ms, subprotocol ${chosen}` });
    };
    ws.onerror = () => { /* the close event says more */ };
    ws.onclose = (e) => {
      clearTimeout(timer);
      resolve({ ok: false, text: `failed: ${describeClose(e.code, e.reason)}` });
    };
  });
}

export function renderDiagnostics(container, { session }) {
  const live = session.live;
  const wamp = session.wamp;
  const graphqlUrl = wsUrl('graphql/ws');
  const wampUrl = wsUrl('wamp');
  const states = el('div');
  const attempts = el('div');
  const health = el('div', {}, el('p', { text: 'Asking the server…' }));
  const tokenBox = el('div');
  const testResults = el('ul', { class: 'test-results', 'aria-live': 'polite' });
  const testButton = el('button', { type: 'button', class: 'button', id: 'diagnostics-test', text: 'Test connections' });

  const section = el('section', { id: 'diagnostics', class: 'diagnostics' },
    el('h1', { tabindex: '-1', text: 'Connection diagnostics' }),
    el('p', { class: 'lead', text: 'What this browser saw of its connections to the server. Live values travel over a '
      + 'WebSocket; if it cannot be opened, values stay pending (yellow boxes). A later version adds the server\'s own '
      + 'view of the connections here (issue 6).' }),
    el('h2', { text: 'This page' }),
    facts([
      ['Origin', location.origin],
      ['Protocol', location.protocol === 'https:' ? 'https (WebSockets use wss:)'
        : 'http (WebSockets use ws:; without TLS some networks and browsers restrict them)'],
      ['Secure context', globalThis.isSecureContext ? 'yes' : 'no (tabs coordinate token refreshes without Web Locks)'],
      ['GraphQL WebSocket', graphqlUrl],
      ['WAMP WebSocket', wampUrl],
      ['Browser', navigator.userAgent],
      ['Online (browser\'s view)', navigator.onLine ? 'yes' : 'no'],
    ]),
    el('h2', { text: 'Connections' }), states,
    el('h2', { text: 'Test' }),
    el('p', { text: 'Opens one test WebSocket to each endpoint and closes it again: shows whether the upgrade '
      + 'gets through proxies and firewalls from this browser.' }),
    el('p', {}, testButton), testResults,
    el('h2', { text: 'HTTP API' }), health,
    el('h2', { text: 'Sign-in' }), tokenBox,
    el('h2', { text: 'Recent connection attempts' }), attempts,
  );
  container.removeAttribute('aria-busy');
  container.replaceChildren(section);

  const stateText = (c) => {
    const words = { open: 'open', connecting: 'connecting', reconnecting: 'reconnecting', unsupported: 'cannot be opened (unsupported)' }[c.state] ?? c.state;
    const retry = c.nextRetryAt ? `; next attempt ${inMinutes(c.nextRetryAt - Date.now())}` : '';
    return `${words}${retry}${c.lastError ? ` — last problem: ${c.lastError}` : ''}`;
  };

  const drawStates = () => {
    const signedIn = session.signedIn;
    const welcome = wamp.welcome;
    states.replaceChildren(facts([
      ['Live values (GraphQL)', signedIn ? stateText(live) : 'not connected (signed out)'],
      ['Function calls (WAMP)', signedIn ? stateText(wamp) : 'not connected (signed out)'],
      ['WAMP session', welcome ? `${welcome.authid ?? '?'} (${welcome.authrole ?? '?'})` : '—'],
      ['Active subscriptions', String(live.subscriptions.size)],
    ]));
  };

  const drawAttempts = () => {
    const rows = [
      ...live.log.map((entry) => ({ ...entry, which: 'GraphQL' })),
      ...wamp.log.map((entry) => ({ ...entry, which: 'WAMP' })),
    ].sort((a, b) => b.at - a.at).slice(0, 40);
    if (!rows.length) { attempts.replaceChildren(el('p', { text: 'None yet.' })); return; }
    const body = el('tbody');
    for (const r of rows) {
      body.append(el('tr', { 'data-outcome': r.outcome },
        el('td', { text: time(r.at) }), el('td', { text: r.which }), el('td', { text: r.outcome }),
        el('td', { text: r.code ?? '' }), el('td', { text: r.text ?? r.reason ?? '' })));
    }
    attempts.replaceChildren(el('div', { class: 'table-scroll' }, el('table', { class: 'attempts' },
      el('thead', {}, el('tr', {}, ...['Time', 'Connection', 'Outcome', 'Close code', 'Details']
        .map((h) => el('th', { scope: 'col', text: h })))), body)));
  };

  const drawToken = () => {
    const auth = session.auth;
    const expires = auth.expiresAt;
    tokenBox.replaceChildren(facts([
      ['User', session.user?.name ?? 'not signed in'],
      ['Access token expires', expires ? `${dateTime(expires)} (${inMinutes(expires - Date.now())})` : '—'],
      ['Token refresh', auth.usesLocks ? 'coordinated between tabs with Web Locks'
        : 'coordinated between tabs through storage (no Web Locks here)'],
      ['Last refresh problem', auth.lastRefreshError ?? 'none'],
    ]));
  };

  const checkHealth = async () => {
    const started = performance.now();
    try {
      const answer = await request(apiUrl('health'), { timeoutMs: 10_000 });
      const ms = Math.round(performance.now() - started);
      health.replaceChildren(facts([
        ['GET /arrigo/api/health', `HTTP ${answer.status} in ${ms} ms: ${answer.text.slice(0, 200)}`],
        ['Server version', answer.headers.get('X-Vakt-Version') ?? 'not reported'],
      ]));
    } catch (err) {
      health.replaceChildren(facts([['GET /arrigo/api/health', `no answer: ${err.message}`]]));
    }
  };

  testButton.addEventListener('click', async () => {
    testButton.disabled = true;
    testResults.replaceChildren(el('li', { text: 'Testing…' }));
    const [g, w] = await Promise.all([testSocket(graphqlUrl, GRAPHQL_PROTOCOL), testSocket(wampUrl, WAMP_PROTOCOL)]);
    const line = (name, url, r) => el('li', { 'data-ok': String(r.ok) },
      el('strong', { text: `${name}: ${r.ok ? 'upgraded' : 'failed'}` }), ` — ${url} — ${r.text}`);
    testResults.replaceChildren(line('GraphQL', graphqlUrl, g), line('WAMP', wampUrl, w));
    testButton.disabled = false;
  });

  const redraw = () => { drawStates(); drawToken(); };
  const onLog = () => drawAttempts();
  for (const c of [live, wamp]) {
    c.addEventListener('statechange', redraw);
    c.addEventListener('log', onLog);
  }
  const ticker = setInterval(redraw, 1000);
  redraw();
  drawAttempts();
  checkHealth();

  return {
    dispose() {
      clearInterval(ticker);
      for (const c of [live, wamp]) {
        c.removeEventListener('statechange', redraw);
        c.removeEventListener('log', onLog);
      }
    },
  };
}
