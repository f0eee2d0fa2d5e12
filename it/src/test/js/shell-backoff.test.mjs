// Reconnect timing (backoff.js): exponential ceilings with full jitter, the reset after a stable connection, and
// the shared retry state machine (Reconnecting) both sockets use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Backoff, ceilingFor, delayFor, Reconnecting } from '../../../../server/src/main/resources/webroot/app/js/backoff.js';
import { tick, until } from './shell-fakes.mjs';

test('ceilings double from 500 ms and stop at 15 s', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 10, 100].map((n) => ceilingFor(n)), [500, 1000, 2000, 4000, 8000, 15000, 15000, 15000, 15000]);
});

test('full jitter: delays are drawn uniformly below the ceiling, never below the floor', () => {
  assert.equal(delayFor(3, { random: () => 0 }), 50);
  assert.equal(delayFor(3, { random: () => 0.5 }), 2000);
  assert.equal(delayFor(3, { random: () => 0.999999 }), 3999);
  for (let i = 0; i < 200; i++) {
    const d = delayFor(4);
    assert.ok(d >= 50 && d < 8000, `delay ${d}`);
  }
});

test('every next() is one more attempt', () => {
  const b = new Backoff({ random: () => 0.999999 });
  assert.deepEqual([b.next(), b.next(), b.next()], [499, 999, 1999]);
});

test('a connection that stayed open 10 s resets the attempts; a short one does not', () => {
  const b = new Backoff({ random: () => 0.999999 });
  b.next(); b.next(); b.next();
  b.opened(1_000);
  b.closed(5_000);                       // open 4 s: still flapping
  assert.equal(b.next(), 3999);        // the fourth attempt
  b.opened(10_000);
  b.closed(20_000);                      // open 10 s: healthy, start over
  assert.equal(b.next(), 499);
});

/** A Reconnecting whose channels the test ends by hand. */
class Probe extends Reconnecting {
  constructor(options) {
    super({ random: () => 0, timing: { slowRetryMinMs: 10_000, slowRetryMaxMs: 10_000 }, ...options });
    this.opened = [];
  }
  openChannel(token) { this.current = { token }; this.opened.push(this.current); }
  closeChannels() { this.current = null; }
  lose(outcome) { this.channelLost(this.current, { text: 'gone', ...outcome }); }
}

const tokens = (over = {}) => ({ token: async () => 'AT1', refreshToken: async () => 'AT2', ...over });

test('three attempts without an upgrade while the HTTP API answers → unsupported, retried slowly', async () => {
  const c = new Probe({ ...tokens(), health: async () => true });
  c.start();
  for (let i = 0; i < 3; i++) {
    await until(() => c.current, 1000, `attempt ${i + 1}`);
    c.lose({ upgraded: false });
  }
  await until(() => c.state === 'unsupported');
  assert.ok(c.nextRetryAt - Date.now() > 9_000, 'slow retry');
  c.retryNow();
  await until(() => c.current);
  c.channelReady();
  assert.equal(c.state, 'open');
  c.stop();
});

test('failed attempts while the server is down stay "reconnecting"', async () => {
  const c = new Probe({ ...tokens(), health: async () => false });
  c.start();
  for (let i = 0; i < 4; i++) {
    await until(() => c.current, 1000);
    c.lose({ upgraded: false });
  }
  await tick(20);
  assert.equal(c.state, 'reconnecting');
  c.stop();
});

test('after one success, failures never turn into unsupported (a restarting server)', async () => {
  let asked = 0;
  const c = new Probe({ ...tokens(), health: async () => { asked += 1; return true; } });
  c.start();
  await until(() => c.current);
  c.channelReady();
  c.lose({ upgraded: true, ready: true });
  for (let i = 0; i < 5; i++) {
    await until(() => c.current, 1000);
    c.lose({ upgraded: false });
  }
  await tick(20);
  assert.equal(c.state, 'reconnecting');
  assert.equal(asked, 0, 'no health requests during an outage');
  c.stop();
});

test('a refused token is refreshed (with the refused one named) and retried at once', async () => {
  const stale = [];
  const c = new Probe(tokens({ refreshToken: async (s) => { stale.push(s); return 'AT2'; } }));
  c.start();
  await until(() => c.current);
  c.channelReady();
  c.lose({ code: 4401, upgraded: true, ready: true, tokenRefused: true });
  await until(() => c.current, 500);
  assert.deepEqual(stale, ['AT1']);
  assert.equal(c.current.token, 'AT2');
  assert.equal(c.state, 'reconnecting');
  c.stop();
});

test('a sign-in that ended stops the connection instead of retrying', async () => {
  const ended = Object.assign(new Error('over'), { name: 'SessionEnded' });
  const c = new Probe(tokens({ token: async () => { throw ended; } }));
  c.start();
  await tick(20);
  assert.equal(c.started, false);
  assert.equal(c.opened.length, 0);
});

test('every attempt is logged with its outcome', async () => {
  const c = new Probe(tokens());
  c.start();
  await until(() => c.current);
  c.channelReady();
  c.lose({ code: 1001, reason: 'bye', upgraded: true, ready: true });
  assert.deepEqual(c.log.map((e) => [e.outcome, e.code ?? null]), [['open', null], ['closed', 1001]]);
  c.stop();
});
