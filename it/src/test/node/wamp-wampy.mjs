// Drives Vakt's WAMP router with Wampy.js 8.0.2 over the `ws` package. Options and output as
// wamp-autobahn.mjs.
//
// Library facts the scenarios work around (Wampy, not the router):
// * publish() always asks for acknowledge and only sends exclude_me when it is true, so a publisher can never
//   receive its own event: the pub/sub scenario uses a separate session for its end marker.
// * register() has no disclose_caller; the caller asks with disclose_me instead.
// * As a callee it announces neither progressive_call_results nor call_canceling, so the router must not send
//   it receive_progress or INTERRUPT; the progress scenario reports what the callee was offered.
// * It hides GOODBYE and ABORT reasons from its API in places, so a subclass of `ws` reports those frames.
// * MessagePack ids may decode as BigInt (uint64 on the wire): ids are compared as strings here.
import WebSocket from 'ws';
import { Wampy } from 'wampy';
import { JsonSerializer } from 'wampy/JsonSerializer.js';
import { MsgpackSerializer } from 'wampy/MsgpackSerializer.js';
import { emit, options, names, runScenarios, within, signal, inbox, awaitInboxes, collector, postJson, forge, describe } from './wamp-common.mjs';

const opts = options();
const n = names(opts);
const same = (a, b) => a !== undefined && a !== null && String(a) === String(b);

function serializer() {
  return opts.serializer === 'msgpack' ? new MsgpackSerializer() : new JsonSerializer();
}

/** The frame types this script wants to see raw: what Wampy does not hand on. */
const REPORTED_FRAMES = { 3: 'ABORT', 6: 'GOODBYE', 69: 'INTERRUPT' };

/**
 * A `ws` WebSocket that reports the negotiated subprotocol and the raw ABORT, GOODBYE and INTERRUPT frames of
 * one client. Wampy constructs it as `new ws(url, protocols, ...)`; the extra arguments are for other socket
 * packages.
 */
function recordingSocket(ctx, label) {
  const decoder = serializer();
  return class extends WebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('open', () => ctx.emit({ type: 'socket-open', label, protocol: this.protocol }));
      this.addEventListener('message', (event) => {
        let message;
        try {
          message = typeof event.data === 'string' ? JSON.parse(event.data) : decoder.decode(event.data);
        } catch {
          return;
        }
        const kind = REPORTED_FRAMES[Number(message[0])];
        if (kind) ctx.emit({ type: 'frame', label, kind, message });
      });
    }
  };
}

/** Connects one client and resolves with it once joined; rejects with the AbortError when refused. */
async function connect(ctx, { label, authmethods, authid, ticket, realm }) {
  const closed = signal();
  const wampy = new Wampy(opts.url, {
    ws: recordingSocket(ctx, label),
    realm: realm ?? n.realm,
    serializer: serializer(),
    autoReconnect: false,
    authid,
    authmethods,
    // Wampy refuses to connect with an authid and authmethods but no onChallenge, even for "anonymous"
    onChallenge: (method, extra) => {
      ctx.emit({ type: 'challenge', label, method, extra });
      return ticket ?? '';
    },
    onError: (error) => {
      // a refused HELLO also comes here; that is reported by the scenario, everything else is a library error
      if (error?.name !== 'AbortedError') ctx.emit({ type: 'library-error', label, error: describe(error) });
    },
    onClose: () => closed.resolve(),
  });
  const conn = { label, wampy, closed: closed.promise };
  ctx.cleanup(() => close(conn));
  conn.details = await within(5000, wampy.connect(), `WELCOME for ${label}`);
  conn.id = wampy.getSessionId();
  return conn;
}

async function close(conn) {
  try {
    await within(2000, conn.wampy.disconnect(), 'disconnect');
  } catch {
    // already gone
  }
}

const asUser = (ctx, label) => connect(ctx, { label, authmethods: ['anonymous'], authid: opts.userToken });
const asTicketUser = (ctx, label) =>
  connect(ctx, { label, authmethods: ['ticket'], authid: opts.username, ticket: opts.userToken });
const asService = (ctx, label) => connect(ctx, { label, authmethods: ['anonymous'], authid: opts.serviceKey });

function welcome(how, conn) {
  return {
    type: 'welcome', how, authid: conn.details.authid, authrole: conn.details.authrole,
    authmethod: conn.details.authmethod, session: conn.id,
  };
}

const plain = (result) => ({ args: result?.argsList ?? [], kwargs: result?.argsDict ?? {} });

async function expectError(ctx, what, action) {
  try {
    const value = await action();
    ctx.emit({ type: 'unexpected-success', what, value: plain(value) });
  } catch (error) {
    ctx.emit({ type: 'error', what, error: error?.errorUri ?? describe(error), args: error?.argsList });
  }
}

const scenarios = {
  async login(ctx) {
    for (const [how, open] of [['ticket', asTicketUser], ['anonymous', asUser], ['service', asService]]) {
      const conn = await open(ctx, how);
      ctx.emit(welcome(how, conn));
      await close(conn);
    }
    const refusals = [
      ['forged', { authmethods: ['anonymous'], authid: forge(opts.userToken) }],
      ['forged-ticket', { authmethods: ['ticket'], authid: opts.username, ticket: forge(opts.userToken) }],
      ['realm', { authmethods: ['anonymous'], authid: opts.userToken, realm: 'no.such.realm' }],
      ['no-method', { authmethods: ['wampcra'], authid: opts.username }],
    ];
    for (const [how, auth] of refusals) {
      try {
        const conn = await connect(ctx, { label: how, ...auth });
        ctx.emit({ type: 'unexpected-welcome', how, authid: conn.details.authid });
        await close(conn);
      } catch (error) {
        ctx.emit({ type: 'abort', how, reason: error?.errorUri ?? describe(error) });
      }
    }
  },

  async 'ssf-info'(ctx) {
    const user = await asUser(ctx, 'user');
    ctx.emit({ type: 'result', ...plain(await user.wampy.call(n.ssfInfo)) });
  },

  async rpc(ctx) {
    const callee = await asService(ctx, 'callee');
    const rival = await asService(ctx, 'rival');
    const caller = await asUser(ctx, 'caller');
    await callee.wampy.register(n.procedure('echo'), ({ details, argsList, argsDict }) => {
      ctx.emit({
        type: 'invocation', args: argsList, kwargs: argsDict, caller: details.caller,
        caller_authid: details.caller_authid, caller_authrole: details.caller_authrole,
      });
      return { argsList: argsList ?? [], argsDict: argsDict ?? {} };
    });
    ctx.emit({ type: 'caller', session: caller.id });
    const sent = ['hello', 42, -7, 1.5, true, null, { nested: [1, 'two'] }];
    ctx.emit({ type: 'sent', args: sent, kwargs: { k: 'v', n: 3 } });
    const result = await caller.wampy.call(n.procedure('echo'), { argsList: sent, argsDict: { k: 'v', n: 3 } }, { disclose_me: true });
    ctx.emit({ type: 'result', ...plain(result) });
    await expectError(ctx, 'no-such-procedure', () => caller.wampy.call(n.procedure('missing')));
    // Wampy refuses a second registration of one URI itself, so a second session asks the router
    await expectError(ctx, 'already-registered', () => rival.wampy.register(n.procedure('echo'), () => 1));
  },

  async 'not-authorized'(ctx) {
    const user = await asUser(ctx, 'user');
    const service = await asService(ctx, 'service');
    await expectError(ctx, 'user-register', () => user.wampy.register(n.procedure('mine'), () => 1));
    await expectError(ctx, 'user-subscribe', () => user.wampy.subscribe(n.procedure('feed'), () => {}));
    await expectError(ctx, 'service-register-foreign', () =>
      service.wampy.register(`accounts.${n.account}.services.someoneelse.${opts.tag ?? opts.serializer}.x`, () => 1));
  },

  async progress(ctx) {
    const callee = await asService(ctx, 'callee');
    const caller = await asUser(ctx, 'caller');
    await callee.wampy.register(n.procedure('count'), ({ details, argsList, result_handler }) => {
      const offered = details?.receive_progress === true;
      ctx.emit({ type: 'invocation', receive_progress: offered });
      if (offered) {
        for (let i = 1; i <= argsList[0]; i++) result_handler({ argsList: [i], options: { progress: true } });
      }
      return { argsList: ['done'] };
    });
    const final = await caller.wampy.call(n.procedure('count'), [3], {
      progress_callback: (progress) => ctx.emit({ type: 'progress', value: progress.argsList?.[0] }),
    });
    ctx.emit({ type: 'result', value: final.argsList?.[0] });
  },

  async timeout(ctx) {
    const callee = await asService(ctx, 'callee');
    const caller = await asUser(ctx, 'caller');
    await callee.wampy.register(n.procedure('hang'), () => {
      ctx.emit({ type: 'invocation' });
      return new Promise(() => {});
    });
    await callee.wampy.register(n.procedure('ping'), () => ({ argsList: ['pong'] }));
    const started = Date.now();
    await expectError(ctx, 'timeout', () => caller.wampy.call(n.procedure('hang'), null, { timeout: 300 }));
    ctx.emit({ type: 'elapsed', ms: Date.now() - started });
    ctx.emit({ type: 'after', value: (await caller.wampy.call(n.procedure('ping'))).argsList?.[0] });
  },

  /** Every CANCEL mode; the callee cannot be interrupted (it does not announce call_canceling). */
  async cancel(ctx) {
    const callee = await asService(ctx, 'callee');
    const caller = await asUser(ctx, 'caller');
    let invoked = signal();
    await callee.wampy.register(n.procedure('hang'), ({ argsList }) => {
      ctx.emit({ type: 'invocation', mode: argsList?.[0] });
      invoked.resolve();
      return new Promise(() => {});
    });
    await callee.wampy.register(n.procedure('ping'), () => ({ argsList: ['pong'] }));
    for (const mode of ['skip', 'kill', 'killnowait']) {
      invoked = signal();
      const call = caller.wampy.call(n.procedure('hang'), [mode]);
      const requestId = caller.wampy.getOpStatus().reqId;
      await within(3000, invoked.promise, `INVOCATION of the call to cancel (${mode})`);
      caller.wampy.cancel(requestId, { mode });
      await expectError(ctx, mode, () => call);
    }
    ctx.emit({ type: 'after', value: (await caller.wampy.call(n.procedure('ping'))).argsList?.[0] });
  },

  async shared(ctx) {
    const first = await asService(ctx, 'first');
    const second = await asService(ctx, 'second');
    const caller = await asUser(ctx, 'caller');
    await first.wampy.register(n.procedure('shared'), () => ({ argsList: ['first'] }), { invoke: 'roundrobin' });
    await second.wampy.register(n.procedure('shared'), () => ({ argsList: ['second'] }), { invoke: 'roundrobin' });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await caller.wampy.call(n.procedure('shared'))).argsList?.[0]);
    ctx.emit({ type: 'answers', answers });
  },

  async pubsub(ctx) {
    const a = await asUser(ctx, 'A');
    const b = await asService(ctx, 'B');
    const p = await asTicketUser(ctx, 'P');
    const marker = await asService(ctx, 'M');
    const topic = n.topic('news');
    const boxes = { A: inbox(), B: inbox(), P: inbox() };
    for (const [who, conn] of Object.entries({ A: a, B: b, P: p })) {
      await conn.wampy.subscribe(topic, ({ details, argsList }) => boxes[who].add(argsList?.[0], {
        publisher: details.publisher, publisher_authid: details.publisher_authid,
        publisher_authrole: details.publisher_authrole, topic: details.topic,
      }));
    }
    ctx.emit({ type: 'sessions', A: a.id, B: b.id, P: p.id });
    const ack = await p.wampy.publish(topic, ['p1']);
    ctx.emit({ type: 'published', publication: ack.publicationId });
    await p.wampy.publish(topic, ['p3'], { exclude: [a.id] });
    await p.wampy.publish(topic, ['p4'], { eligible: [b.id] });
    await p.wampy.publish(topic, ['p5'], { disclose_me: true });
    // P never gets its own events (see above), so the end marker comes from a fourth session
    await marker.wampy.publish(topic, ['end']);
    await awaitInboxes(ctx, boxes, 3000);
    for (const [who, box] of Object.entries(boxes)) ctx.emit({ type: 'received', who, payloads: box.payloads, details: box.details });
  },

  async patterns(ctx) {
    const service = await asService(ctx, 'service');
    const user = await asUser(ctx, 'user');
    const prefixBox = inbox('tree-end');
    const wildcardBox = inbox('wild-end');
    await user.wampy.subscribe(n.topic('tree'), ({ details, argsList }) => prefixBox.add(argsList?.[0], { topic: details.topic }), { match: 'prefix' });
    await user.wampy.subscribe(`${n.topic('')}.temp`, ({ details, argsList }) => wildcardBox.add(argsList?.[0], { topic: details.topic }), { match: 'wildcard' });
    for (const [topic, payload] of [['tree.a.b', 'x1'], ['room7.temp', 'x2'], ['tree.temp', 'x3'], ['tree.end', 'tree-end'], ['end.temp', 'wild-end']]) {
      await service.wampy.publish(n.topic(topic), [payload]);
    }
    await awaitInboxes(ctx, { prefix: prefixBox, wildcard: wildcardBox }, 3000);
    ctx.emit({ type: 'received', who: 'prefix', payloads: prefixBox.payloads, details: prefixBox.details });
    ctx.emit({ type: 'received', who: 'wildcard', payloads: wildcardBox.payloads, details: wildcardBox.details });

    await service.wampy.register(n.procedure('pfx'), ({ details }) => ({ argsList: [{ via: 'prefix', procedure: details.procedure }] }), { match: 'prefix' });
    await service.wampy.register(`${n.procedure('')}.wild`, ({ details }) => ({ argsList: [{ via: 'wildcard', procedure: details.procedure }] }), { match: 'wildcard' });
    for (const name of ['pfx.alpha.beta', 'room7.wild']) {
      ctx.emit({ type: 'pattern-call', called: n.procedure(name), ...plain(await user.wampy.call(n.procedure(name))) });
    }
  },

  async meta(ctx) {
    const admin = await asUser(ctx, 'admin');
    ctx.emit({ type: 'count', ...plain(await admin.wampy.call('wamp.session.count')) });
    ctx.emit({ type: 'session-get', session: admin.id, ...plain(await admin.wampy.call('wamp.session.get', [admin.id])) });

    const joins = collector();
    const leaves = collector();
    await admin.wampy.subscribe('wamp.session.on_join', ({ argsList }) => joins.add(argsList));
    await admin.wampy.subscribe('wamp.session.on_leave', ({ argsList }) => leaves.add(argsList));
    const visitor = await asService(ctx, 'visitor');
    ctx.emit({ type: 'joined', session: visitor.id });
    ctx.emit({ type: 'on_join', args: await joins.waitFor((args) => same(args?.[0]?.session, visitor.id), 3000, 'wamp.session.on_join of the visitor') });
    await close(visitor);
    ctx.emit({ type: 'on_leave', args: await leaves.waitFor((args) => same(args?.[0], visitor.id), 3000, 'wamp.session.on_leave of the visitor') });

    const registrant = await asService(ctx, 'registrant');
    const registration = await registrant.wampy.register(n.procedure('looked.up'), () => ({ argsList: [1] }));
    ctx.emit({ type: 'registered', registration: registration.registrationId, callee: registrant.id });
    ctx.emit({ type: 'lookup', ...plain(await admin.wampy.call('wamp.registration.lookup', [n.procedure('looked.up')])) });
    ctx.emit({ type: 'callees', ...plain(await admin.wampy.call('wamp.registration.list_callees', [registration.registrationId])) });
    const subscription = await admin.wampy.subscribe(n.topic('watched'), () => {});
    ctx.emit({ type: 'subscribed', subscription: subscription.subscriptionId });
    ctx.emit({ type: 'subscription-lookup', ...plain(await admin.wampy.call('wamp.subscription.lookup', [n.topic('watched')])) });

    const testaments = collector();
    await admin.wampy.subscribe(n.topic('last.words'), ({ argsList }) => testaments.add(argsList));
    const testator = await asService(ctx, 'testator');
    await testator.wampy.call('wamp.session.add_testament', [n.topic('last.words'), ['farewell'], {}]);
    await close(testator);
    ctx.emit({ type: 'testament', args: await testaments.waitFor(() => true, 3000, 'the testament event') });
  },

  async 'doomed-callee'(ctx) {
    const callee = await asService(ctx, 'callee');
    await callee.wampy.register(n.procedure('doomed'), ({ argsList }) => {
      ctx.emit({ type: 'invocation', n: argsList?.[0] });
      return new Promise(() => {});
    });
    ctx.emit({ type: 'registered' });
    await new Promise(() => {});
  },

  async 'doomed-caller'(ctx) {
    const caller = await asUser(ctx, 'caller');
    await Promise.all([1, 2].map((i) => caller.wampy.call(n.procedure('doomed'), [i]).then(
      (value) => ctx.emit({ type: 'unexpected-success', n: i, value: plain(value) }),
      (error) => ctx.emit({ type: 'error', what: 'doomed', n: i, error: error?.errorUri ?? describe(error) }))));
  },

  /** 57: Wampy does not pass the GOODBYE reason on; the recorded frame carries it. */
  async 'token-expiry'(ctx) {
    const first = await asUser(ctx, 'expiring');
    ctx.emit({ ...welcome('anonymous', first), round: 1 });
    await first.closed;
    ctx.emit({ type: 'closed' });
    const refreshed = await postJson(`${opts.apiUrl}/login/refresh`, { refreshToken: opts.refreshToken }, opts.userToken);
    ctx.emit({ type: 'refreshed', status: refreshed.status });
    const second = await connect(ctx, { label: 'refreshed', authmethods: ['anonymous'], authid: refreshed.body.authToken });
    ctx.emit({ ...welcome('anonymous', second), round: 2 });
  },
};

runScenarios(opts, scenarios).catch((error) => {
  emit({ type: 'fatal', error: describe(error) });
  process.exit(1);
});
