// The diagnostics page's probes and conclusion (diagnostics-probe.js): what the browser saw next to the server's
// record of the same attempts (GET /arrigo/api/diagnostics, recentUpgrades) in plain words.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  conclude, probeEventStream, probeLongPoll, probeWebSocket, serverAttempts,
} from '../../../../server/src/main/resources/webroot/app/js/diagnostics-probe.js';
import { FakeWebSocket, fakeFetch, until } from './shell-fakes.mjs';

beforeEach(() => FakeWebSocket.reset());

const SINCE = '2026-11-22T02:00:00Z';
const failed = { kind: 'websocket', ok: false, opened: false, code: 1006, text: 'not opened: 1006 connection lost' };
const upgraded = (subprotocol) => ({ kind: 'websocket', ok: true, opened: true, subprotocol, text: 'upgraded' });
const attempt = (endpoint, outcome, extra = {}) => ({ at: '2026-11-22T02:00:01Z', endpoint, upgradeHeader: outcome !== 'no-upgrade-header',
  connection: outcome === 'no-upgrade-header' ? 'close' : 'Upgrade', outcome, ...extra });

test('all good when both sockets open', () => {
  const verdict = conclude({ browser: { graphql: upgraded('graphql-transport-ws'), wamp: upgraded('wamp.2.json') },
    server: { recentUpgrades: [] }, since: SINCE });
  assert.equal(verdict.ok, true);
  assert.match(verdict.summary, /^All good/);
});

test('a stripped Upgrade header is named, with the proxy fix', () => {
  const server = { recentUpgrades: [attempt('/arrigo/api/graphql/ws', 'no-upgrade-header'), attempt('/arrigo/api/wamp', 'no-upgrade-header'),
    { ...attempt('/arrigo/api/wamp', 'upgraded'), at: '2026-11-22T01:50:00Z' }] };
  const verdict = conclude({ browser: { graphql: failed, wamp: failed, sse: { ok: true }, longpoll: { ok: true } }, server, since: SINCE });
  assert.equal(verdict.ok, false);
  assert.equal(verdict.summary, 'Your proxy removes the Upgrade header.', 'one line for both endpoints');
  const graphql = verdict.findings.find((f) => f.text.includes('GraphQL WebSocket'));
  assert.match(graphql.text, /Connection: close/);
  assert.match(graphql.text, /proxy_set_header Upgrade \$http_upgrade/);
  const wamp = verdict.findings.find((f) => f.text.includes('WAMP WebSocket'));
  assert.match(wamp.text, /removes the Upgrade header/, 'the old upgraded record (before the test) does not count');
  assert.ok(verdict.findings.some((f) => f.level === 'info' && /values stay live/.test(f.text)), 'the fallbacks carry on');
});

test('cross-origin refusals and requests that never reached the server are told apart', () => {
  const server = { recentUpgrades: [attempt('/arrigo/api/graphql/ws', 'cross-origin-refused', { origin: 'https://evil.example' })] };
  const verdict = conclude({ browser: { graphql: failed, wamp: failed }, server, since: SINCE });
  const texts = verdict.findings.map((f) => f.text);
  assert.ok(texts.some((t) => /^Cross-origin refused.*https:\/\/evil\.example.*webSocket\.allowedOrigins/.test(t)), texts.join('\n'));
  assert.ok(texts.some((t) => /WAMP WebSocket request \(\/arrigo\/api\/wamp\) never reached the server/.test(t)), texts.join('\n'));
});

test('records are matched by endpoint and time', () => {
  const list = [attempt('/arrigo/api/wamp', 'upgraded'), { ...attempt('/arrigo/api/wamp', 'failed'), at: '2026-11-22T01:00:00Z' },
    attempt('/arrigo/api/graphql/ws', 'upgraded')];
  assert.deepEqual(serverAttempts({ recentUpgrades: list }, '/arrigo/api/wamp', SINCE).map((a) => a.outcome), ['upgraded']);
  assert.deepEqual(serverAttempts(null, '/arrigo/api/wamp', SINCE), []);
});

test('probeWebSocket reports the subprotocol, or the close code when it never opened', async () => {
  const opened = probeWebSocket('ws://h/arrigo/api/wamp', 'wamp.2.json', { WebSocketImpl: FakeWebSocket });
  await until(() => FakeWebSocket.last());
  FakeWebSocket.last().open();
  const ok = await opened;
  assert.equal(ok.ok, true);
  assert.equal(ok.subprotocol, 'wamp.2.json');
  assert.equal(FakeWebSocket.last().closedWith.code, 1000);

  const refused = probeWebSocket('ws://h/arrigo/api/wamp', 'wamp.2.json', { WebSocketImpl: FakeWebSocket });
  FakeWebSocket.last().fail();
  const r = await refused;
  assert.equal(r.ok, false);
  assert.equal(r.code, 1006);
});

test('the event-stream probe needs a token; the long-poll probe opens and closes a transport', async () => {
  const skipped = await probeEventStream('http://h/arrigo/api/graphql/stream', null);
  assert.equal(skipped.skipped, true);
  assert.match(skipped.text, /sign/);

  const fetchImpl = fakeFetch(({ url }) => (url.endsWith('/open') ? { status: 200, body: { transport: 'abc', protocol: 'wamp.2.json' } }
    : { status: 204 }));
  const lp = await probeLongPoll('http://h/arrigo/api/wamp/longpoll', { fetchImpl });
  assert.equal(lp.ok, true);
  assert.deepEqual(fetchImpl.calls.map((c) => c.url), ['http://h/arrigo/api/wamp/longpoll/open', 'http://h/arrigo/api/wamp/longpoll/abc/close']);

  const off = await probeLongPoll('http://h/arrigo/api/wamp/longpoll', {
    fetchImpl: fakeFetch(() => ({ status: 404, body: { error: 'turned off (fallback.enabled: false)' } })) });
  assert.equal(off.ok, false);
  assert.match(off.text, /HTTP 404 turned off/);
});
