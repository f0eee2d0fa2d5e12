// Drives Vakt's WAMP router with AutobahnJS 22.11.1, the library the ArrigoLocal frontend is built on.
// Options (JSON in argv[2]):
//   url, apiUrl, serializer ("json" | "msgpack"), username, userToken, serviceName, serviceKey, refreshToken,
//   tag (name part that keeps this run's URIs apart; default the serializer), scenarios (names, run in order),
//   scenarioTimeoutMs, timeoutMs.
// Output: one JSON object per line, each tagged with its scenario (see wamp-common.mjs).
//
// Library facts the scenarios work around (AutobahnJS, not the router):
// * cancel({mode: "skip" | "killnowait"}) rejects the call locally and forgets it, so the router's correct
//   ERROR for it counts as a protocol violation and AutobahnJS drops the connection; only "kill" is usable.
// * As a callee it announces neither call_canceling nor call_timeout, so a router must never send it INTERRUPT
//   (it would treat that as a protocol violation, which shows up here as a library-error event).
import autobahn from 'autobahn';
import { emit, options, names, runScenarios, within, signal, inbox, awaitInboxes, collector, postJson, forge, describe } from './wamp-common.mjs';

const opts = options();
const n = names(opts);

function serializer(name = opts.serializer) {
  return name === 'msgpack' ? new autobahn.serializer.MsgpackSerializer() : new autobahn.serializer.JSONSerializer();
}

/**
 * Opens one connection and resolves once the session joined. Rejects (with the ABORT reason) when the router
 * refuses the HELLO. The connection never retries: a test wants to see each refusal.
 */
function connect(ctx, { label, authmethods, authid, ticket, realm, serializerName }) {
  const closed = signal();
  let opened = false;
  const connection = new autobahn.Connection({
    url: opts.url,
    realm: realm ?? n.realm,
    serializers: [serializer(serializerName)],
    authmethods,
    authid,
    onchallenge: (session, method, extra) => {
      ctx.emit({ type: 'challenge', label, method, extra });
      return ticket;
    },
    max_retries: 0,
    retry_if_unreachable: false,
    // protocol violations the library detects (e.g. an unexpected INTERRUPT) land here
    on_internal_error: (error, message) => ctx.emit({ type: 'library-error', label, message, error: describe(error) }),
    on_user_error: (error, message) => ctx.emit({ type: 'library-error', label, message, error: describe(error) }),
  });
  const joined = new Promise((resolve, reject) => {
    connection.onopen = (session, details) => {
      opened = true;
      resolve({ label, connection, session, details, closed: closed.promise });
    };
    connection.onclose = (reason, details) => {
      closed.resolve({ reason, wampReason: details.reason, message: details.message });
      if (!opened) reject({ refused: true, reason: details.reason, message: details.message, transport: reason });
      return true; // never reconnect on our own
    };
  });
  connection.open();
  ctx.cleanup(() => close({ connection, closed: closed.promise }));
  return within(5000, joined, `WELCOME for ${label}`);
}

/** Leaves politely (GOODBYE) when still open, then waits for the socket to close. */
async function close(conn) {
  try {
    conn.connection.close();
  } catch {
    // already closed
  }
  await within(2000, conn.closed, 'close');
}

const asUser = (ctx, label) => connect(ctx, { label, authmethods: ['anonymous'], authid: opts.userToken });
const asTicketUser = (ctx, label) =>
  connect(ctx, { label, authmethods: ['ticket'], authid: opts.username, ticket: opts.userToken });
const asService = (ctx, label) => connect(ctx, { label, authmethods: ['anonymous'], authid: opts.serviceKey });

function welcome(how, conn) {
  return {
    type: 'welcome', how, authid: conn.details.authid, authrole: conn.details.authrole,
    authmethod: conn.details.authmethod, session: conn.session.id, protocol: conn.details.transport?.protocol,
  };
}

/** A call result as {args, kwargs}: AutobahnJS unwraps a single positional result. */
function plain(result) {
  if (result instanceof autobahn.Result) return { args: result.args, kwargs: result.kwargs };
  return { args: result === undefined || result === null ? [] : [result], kwargs: {} };
}

/** The error URI of a rejected call (or what else it rejected with). */
function uriOf(error) {
  return error instanceof autobahn.Error ? error.error : describe(error);
}

/** Runs an action that must fail; emits {type: 'error', what, error: <uri>} (or unexpected-success). */
async function expectError(ctx, what, action) {
  try {
    const value = await action();
    ctx.emit({ type: 'unexpected-success', what, value: value instanceof autobahn.Result ? plain(value) : String(value) });
  } catch (error) {
    ctx.emit({ type: 'error', what, error: uriOf(error), args: error?.args });
  }
}

const scenarios = {
  /** 54, 55, 56: ticket and anonymous-JWT users, service keys; ABORT for a forged token, a wrong realm, no method. */
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
        ctx.emit({ type: 'abort', how, reason: error.refused ? error.reason : describe(error) });
      }
    }
  },

  /** 60: the server's own ssf service answers under the lower-cased account. */
  async 'ssf-info'(ctx) {
    const user = await asUser(ctx, 'user');
    ctx.emit({ type: 'result', ...plain(await user.session.call(n.ssfInfo)) });
  },

  /** A service registers under its own name and a user calls it; 58: an unknown procedure; duplicates. */
  async rpc(ctx) {
    const callee = await asService(ctx, 'callee');
    const caller = await asUser(ctx, 'caller');
    await callee.session.register(n.procedure('echo'), (args, kwargs, details) => {
      ctx.emit({
        type: 'invocation', args, kwargs, caller: details.caller, caller_authid: details.caller_authid,
        caller_authrole: details.caller_authrole,
      });
      return new autobahn.Result(args, kwargs);
    }, { disclose_caller: true });
    ctx.emit({ type: 'caller', session: caller.session.id });
    const sent = ['hello', 42, -7, 1.5, true, null, { nested: [1, 'two'] }];
    ctx.emit({ type: 'sent', args: sent, kwargs: { k: 'v', n: 3 } });
    ctx.emit({ type: 'result', ...plain(await caller.session.call(n.procedure('echo'), sent, { k: 'v', n: 3 })) });
    await expectError(ctx, 'no-such-procedure', () => caller.session.call(n.procedure('missing')));
    await expectError(ctx, 'already-registered', () => callee.session.register(n.procedure('echo'), () => 1));
  },

  /** Rights: a user may only call under accounts.<account>.services; a service only registers under its own name. */
  async 'not-authorized'(ctx) {
    const user = await asUser(ctx, 'user');
    const service = await asService(ctx, 'service');
    await expectError(ctx, 'user-register', () => user.session.register(n.procedure('mine'), () => 1));
    await expectError(ctx, 'user-subscribe', () => user.session.subscribe(n.procedure('feed'), () => {}));
    await expectError(ctx, 'service-register-foreign', () =>
      service.session.register(`accounts.${n.account}.services.someoneelse.${opts.tag ?? opts.serializer}.x`, () => 1));
  },

  /** 59: every progressive result, then the final one. */
  async progress(ctx) {
    const callee = await asService(ctx, 'callee');
    const caller = await asUser(ctx, 'caller');
    await callee.session.register(n.procedure('count'), (args, kwargs, details) => {
      ctx.emit({ type: 'invocation', receive_progress: typeof details.progress === 'function' });
      for (let i = 1; i <= args[0]; i++) details.progress?.([i]);
      return 'done';
    });
    const final = await new Promise((resolve, reject) => {
      caller.session.call(n.procedure('count'), [3], {}, { receive_progress: true })
        .then(resolve, reject, (value) => ctx.emit({ type: 'progress', value }));
    });
    ctx.emit({ type: 'result', value: final });
  },

  /** The router enforces CALL.Options.timeout and the callee (which cannot be interrupted) stays connected. */
  async timeout(ctx) {
    const callee = await asService(ctx, 'callee');
    const caller = await asUser(ctx, 'caller');
    await callee.session.register(n.procedure('hang'), () => {
      ctx.emit({ type: 'invocation' });
      return new Promise(() => {});
    });
    await callee.session.register(n.procedure('ping'), () => 'pong');
    const started = Date.now();
    await expectError(ctx, 'timeout', () => caller.session.call(n.procedure('hang'), [], {}, { timeout: 300 }));
    ctx.emit({ type: 'elapsed', ms: Date.now() - started });
    ctx.emit({ type: 'after', value: await caller.session.call(n.procedure('ping')) });
  },

  /** CANCEL mode kill of a pending call: ERROR wamp.error.canceled; the callee stays connected. */
  async cancel(ctx) {
    const callee = await asService(ctx, 'callee');
    const caller = await asUser(ctx, 'caller');
    const invoked = signal();
    await callee.session.register(n.procedure('hang'), () => {
      ctx.emit({ type: 'invocation' });
      invoked.resolve();
      return new Promise(() => {});
    });
    await callee.session.register(n.procedure('ping'), () => 'pong');
    const call = caller.session.call(n.procedure('hang'));
    await within(3000, invoked.promise, 'INVOCATION of the call to cancel');
    call.cancel({ mode: 'kill' });
    await expectError(ctx, 'kill', () => call);
    ctx.emit({ type: 'after', value: await caller.session.call(n.procedure('ping')) });
  },

  /** Two sessions of one service share a procedure with invoke "roundrobin". */
  async shared(ctx) {
    const first = await asService(ctx, 'first');
    const second = await asService(ctx, 'second');
    const caller = await asUser(ctx, 'caller');
    await first.session.register(n.procedure('shared'), () => 'first', { invoke: 'roundrobin' });
    await second.session.register(n.procedure('shared'), () => 'second', { invoke: 'roundrobin' });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await caller.session.call(n.procedure('shared')));
    ctx.emit({ type: 'answers', answers });
  },

  /**
   * Publish/subscribe on the free bus: acknowledge, exclude_me (default true, and false), exclude, eligible,
   * disclose_me, and a publish without acknowledge. Ends with a marker every session receives.
   */
  async pubsub(ctx) {
    const a = await asUser(ctx, 'A');
    const b = await asService(ctx, 'B');
    const p = await asTicketUser(ctx, 'P');
    const topic = n.topic('news');
    const boxes = { A: inbox(), B: inbox(), P: inbox() };
    for (const [who, conn] of Object.entries({ A: a, B: b, P: p })) {
      await conn.session.subscribe(topic, (args, kwargs, event) => boxes[who].add(args[0], {
        publisher: event.publisher, publisher_authid: event.publisher_authid, publisher_authrole: event.publisher_authrole,
        topic: event.topic,
      }));
    }
    ctx.emit({ type: 'sessions', A: a.session.id, B: b.session.id, P: p.session.id });
    const ack = await p.session.publish(topic, ['p1'], {}, { acknowledge: true });
    ctx.emit({ type: 'published', publication: ack?.id });
    await p.session.publish(topic, ['p2'], {}, { acknowledge: true, exclude_me: false });
    await p.session.publish(topic, ['p3'], {}, { acknowledge: true, exclude_me: false, exclude: [a.session.id] });
    await p.session.publish(topic, ['p4'], {}, { acknowledge: true, eligible: [b.session.id] });
    await p.session.publish(topic, ['p5'], {}, { acknowledge: true, disclose_me: true });
    p.session.publish(topic, ['p6']); // no acknowledge: nothing comes back, the event still goes out
    await p.session.publish(topic, ['end'], {}, { acknowledge: true, exclude_me: false });
    await awaitInboxes(ctx, boxes, 3000);
    for (const [who, box] of Object.entries(boxes)) ctx.emit({ type: 'received', who, payloads: box.payloads, details: box.details });
  },

  /** Prefix and wildcard subscriptions and registrations: details.topic / details.procedure name the concrete URI. */
  async patterns(ctx) {
    const service = await asService(ctx, 'service');
    const user = await asUser(ctx, 'user');
    const prefixBox = inbox('tree-end');
    const wildcardBox = inbox('wild-end');
    await user.session.subscribe(n.topic('tree'), (args, kwargs, event) => prefixBox.add(args[0], { topic: event.topic }), { match: 'prefix' });
    await user.session.subscribe(`${n.topic('')}.temp`, (args, kwargs, event) => wildcardBox.add(args[0], { topic: event.topic }), { match: 'wildcard' });
    for (const [topic, payload] of [['tree.a.b', 'x1'], ['room7.temp', 'x2'], ['tree.temp', 'x3'], ['tree.end', 'tree-end'], ['end.temp', 'wild-end']]) {
      await service.session.publish(n.topic(topic), [payload], {}, { acknowledge: true });
    }
    await awaitInboxes(ctx, { prefix: prefixBox, wildcard: wildcardBox }, 3000);
    ctx.emit({ type: 'received', who: 'prefix', payloads: prefixBox.payloads, details: prefixBox.details });
    ctx.emit({ type: 'received', who: 'wildcard', payloads: wildcardBox.payloads, details: wildcardBox.details });

    await service.session.register(n.procedure('pfx'), (args, kwargs, details) => ({ via: 'prefix', procedure: details.procedure }), { match: 'prefix' });
    await service.session.register(`${n.procedure('')}.wild`, (args, kwargs, details) => ({ via: 'wildcard', procedure: details.procedure }), { match: 'wildcard' });
    for (const name of ['pfx.alpha.beta', 'room7.wild']) {
      ctx.emit({ type: 'pattern-call', called: n.procedure(name), ...plain(await user.session.call(n.procedure(name))) });
    }
  },

  /** Meta API as an Admin user: session count/get, on_join/on_leave, registration and subscription lookups, testaments. */
  async meta(ctx) {
    const admin = await asUser(ctx, 'admin');
    ctx.emit({ type: 'count', ...plain(await admin.session.call('wamp.session.count')) });
    ctx.emit({ type: 'session-get', session: admin.session.id, ...plain(await admin.session.call('wamp.session.get', [admin.session.id])) });

    const joins = collector();
    const leaves = collector();
    await admin.session.subscribe('wamp.session.on_join', (args) => joins.add(args));
    await admin.session.subscribe('wamp.session.on_leave', (args) => leaves.add(args));
    const visitor = await asService(ctx, 'visitor');
    const id = visitor.session.id;
    ctx.emit({ type: 'joined', session: id });
    ctx.emit({ type: 'on_join', args: await joins.waitFor((args) => args[0]?.session === id, 3000, 'wamp.session.on_join of the visitor') });
    await close(visitor);
    ctx.emit({ type: 'on_leave', args: await leaves.waitFor((args) => args[0] === id, 3000, 'wamp.session.on_leave of the visitor') });

    const registrant = await asService(ctx, 'registrant');
    const registration = await registrant.session.register(n.procedure('looked.up'), () => 1);
    ctx.emit({ type: 'registered', registration: registration.id, callee: registrant.session.id });
    ctx.emit({ type: 'lookup', ...plain(await admin.session.call('wamp.registration.lookup', [n.procedure('looked.up')])) });
    ctx.emit({ type: 'callees', ...plain(await admin.session.call('wamp.registration.list_callees', [registration.id])) });
    const subscription = await admin.session.subscribe(n.topic('watched'), () => {});
    ctx.emit({ type: 'subscribed', subscription: subscription.id });
    ctx.emit({ type: 'subscription-lookup', ...plain(await admin.session.call('wamp.subscription.lookup', [n.topic('watched')])) });

    const testaments = collector();
    await admin.session.subscribe(n.topic('last.words'), (args) => testaments.add(args));
    const testator = await asService(ctx, 'testator');
    await testator.session.call('wamp.session.add_testament', [n.topic('last.words'), ['farewell'], {}]);
    await close(testator);
    ctx.emit({ type: 'testament', args: await testaments.waitFor(() => true, 3000, 'the testament event') });
  },

  /** 53: a JSON caller and publisher reach a MessagePack callee and subscriber: the router re-encodes. */
  async mixed(ctx) {
    const callee = await connect(ctx, { label: 'callee', authmethods: ['anonymous'], authid: opts.serviceKey, serializerName: 'msgpack' });
    const caller = await connect(ctx, { label: 'caller', authmethods: ['anonymous'], authid: opts.userToken, serializerName: 'json' });
    ctx.emit({ type: 'serializers', callee: callee.details.transport?.protocol, caller: caller.details.transport?.protocol });
    await callee.session.register(n.procedure('mixed'), (args, kwargs) => {
      ctx.emit({ type: 'invocation', args, kwargs });
      return new autobahn.Result(args, kwargs);
    });
    const events = collector();
    await callee.session.subscribe(n.topic('mixed'), (args, kwargs) => events.add({ args, kwargs }));
    const sent = ['text', 7, -3, 2.25, false, null, { list: [1, 'x'], deep: { a: 1 } }];
    const kwargs = { k: 'v', big: 4294967297 };
    ctx.emit({ type: 'sent', args: sent, kwargs });
    ctx.emit({ type: 'result', ...plain(await caller.session.call(n.procedure('mixed'), sent, kwargs)) });
    await caller.session.publish(n.topic('mixed'), sent, kwargs, { acknowledge: true });
    ctx.emit({ type: 'event', ...(await events.waitFor(() => true, 3000, 'the EVENT at the MessagePack subscriber')) });
  },

  /** Half of the killed-callee test: registers, reports each invocation and never answers (the test kills it). */
  async 'doomed-callee'(ctx) {
    const callee = await asService(ctx, 'callee');
    await callee.session.register(n.procedure('doomed'), (args) => {
      ctx.emit({ type: 'invocation', n: args[0] });
      return new Promise(() => {});
    });
    ctx.emit({ type: 'registered' });
    await new Promise(() => {});
  },

  /** The other half: two calls wait on the doomed callee; each must end with ERROR once the callee is gone. */
  async 'doomed-caller'(ctx) {
    const caller = await asUser(ctx, 'caller');
    await Promise.all([1, 2].map((i) => caller.session.call(n.procedure('doomed'), [i]).then(
      (value) => ctx.emit({ type: 'unexpected-success', n: i, value: String(value) }),
      (error) => ctx.emit({ type: 'error', what: 'doomed', n: i, error: uriOf(error) }))));
  },

  /** 57: the router ends the session with GOODBYE vakt.close.token_expired; the client refreshes and rejoins. */
  async 'token-expiry'(ctx) {
    const first = await asUser(ctx, 'expiring');
    ctx.emit({ ...welcome('anonymous', first), round: 1 });
    const closed = await first.closed;
    ctx.emit({ type: 'closed', reason: closed.wampReason, message: closed.message, transport: closed.reason });
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
