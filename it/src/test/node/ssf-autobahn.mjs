// Calls Vakt's ServerSideFunctions with AutobahnJS 22.11.1, the way an ArrigoLocal view's code does
// (accounts.<account>.services.ssf.execute with [path, function] and the function's kwargs).
// Options (JSON in argv[2]):
//   url, serializer ("json" | "msgpack"), account, serviceKey, scenarios (names, run in order), scenarioTimeoutMs,
//   timeoutMs,
//   tokens: {admin, operator, guest} (access tokens, used as authid with authmethod anonymous),
//   paths: {overview, limits, callinfo, register} (Base64 paths), code: {limits, who, good, broken},
//   values: {written, refused} (setpoints for the live-value scenario), settleMs (wait before the last read).
// Output: one JSON object per line, each tagged with its scenario (see wamp-common.mjs). The script only reports
// what comes back; the Java test (SsfScenarios) decides whether it is right.
import autobahn from 'autobahn';
import { emit, options, runScenarios, within, describe, forge } from './wamp-common.mjs';

const opts = options();
const account = opts.account ?? 'demo';
const ssf = (name) => `accounts.${account}.services.ssf.${name}`;
const EXECUTE = ssf('execute');

function serializer() {
  return opts.serializer === 'msgpack' ? new autobahn.serializer.MsgpackSerializer() : new autobahn.serializer.JSONSerializer();
}

/** One session, signed in with a token or a service key as authid (authmethod anonymous); never reconnects. */
function connect(ctx, label, authid) {
  let closedResolve;
  const closed = new Promise((resolve) => { closedResolve = resolve; });
  let opened = false;
  const connection = new autobahn.Connection({
    url: opts.url,
    realm: opts.realm ?? 'realm1',
    serializers: [serializer()],
    authmethods: ['anonymous'],
    authid,
    max_retries: 0,
    retry_if_unreachable: false,
    on_internal_error: (error, message) => ctx.emit({ type: 'library-error', label, message, error: describe(error) }),
    on_user_error: (error, message) => ctx.emit({ type: 'library-error', label, message, error: describe(error) }),
  });
  const joined = new Promise((resolve, reject) => {
    connection.onopen = (session, details) => {
      opened = true;
      ctx.emit({ type: 'welcome', label, authid: details.authid, authrole: details.authrole, protocol: details.transport?.protocol });
      resolve({ label, connection, session, closed });
    };
    connection.onclose = (reason, details) => {
      closedResolve();
      if (!opened) reject(new Error(`${label} refused: ${details.reason} ${details.message ?? ''}`));
      return true; // never reconnect on our own
    };
  });
  connection.open();
  ctx.cleanup(async () => {
    try {
      connection.close();
    } catch {
      // already closed
    }
    await within(2000, closed, 'close');
  });
  return within(5000, joined, `WELCOME for ${label}`);
}

const asAdmin = (ctx) => connect(ctx, 'admin', opts.tokens.admin);
const asOperator = (ctx) => connect(ctx, 'operator', opts.tokens.operator);
const asGuest = (ctx) => connect(ctx, 'guest', opts.tokens.guest);
const asService = (ctx) => connect(ctx, 'service', opts.serviceKey);

/** A call result as {args, kwargs}: AutobahnJS unwraps a single positional result. */
function plain(result) {
  if (result instanceof autobahn.Result) return { args: result.args ?? [], kwargs: result.kwargs ?? {} };
  return { args: result === undefined || result === null ? [] : [result], kwargs: {} };
}

/** ssf.execute of one function; resolves with {args, kwargs}. */
async function execute(conn, path, fn, kwargs = {}, callOptions = {}) {
  return plain(await conn.session.call(EXECUTE, [path, fn], kwargs, callOptions));
}

/** Emits {type: 'result', what, args, kwargs} or, when the call fails, {type: 'error', what, error, args}. */
async function step(ctx, what, action) {
  try {
    const value = await action();
    ctx.emit({ type: 'result', what, ...(value instanceof autobahn.Result ? plain(value) : value) });
  } catch (error) {
    ctx.emit({ type: 'error', what, error: error instanceof autobahn.Error ? error.error : describe(error), args: error?.args ?? [] });
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const scenarios = {
  /** Plain results, both kwargs conventions, ssf.info, and each kind of refusal a caller can get. */
  async results(ctx) {
    const admin = await asAdmin(ctx);
    const overview = opts.paths.overview;
    await step(ctx, 'add', () => execute(admin, overview, 'add', { a: 2, b: 3 }));
    await step(ctx, 'add-wrapped', () => execute(admin, overview, 'add', { kwargs: { a: 1, b: 2 }, _token: opts.tokens.admin }));
    await step(ctx, 'fail', () => execute(admin, overview, 'fail'));
    await step(ctx, 'no-such-function', () => execute(admin, overview, 'noSuchFunction'));
    await step(ctx, 'invalid-path', () => execute(admin, '!!', 'add', { a: 1, b: 1 }));
    await step(ctx, 'info', async () => plain(await admin.session.call(ssf('info'))));
  },

  /** slowSum reports each step as a progressive RESULT before the final one. */
  async progress(ctx) {
    const admin = await asAdmin(ctx);
    const final = await new Promise((resolve, reject) => {
      admin.session.call(EXECUTE, [opts.paths.overview, 'slowSum'], { numbers: [1, 2, 3] }, { receive_progress: true })
        .then(resolve, reject, (value) => ctx.emit({ type: 'progress', ...plain(value) }));
    });
    ctx.emit({ type: 'result', what: 'slowSum', ...plain(final) });
  },

  /** Two visits in a row; the Java test runs this before and after a server restart on the same data. */
  async state(ctx) {
    const admin = await asAdmin(ctx);
    for (let i = 1; i <= 2; i++) await step(ctx, `visit-${i}`, () => execute(admin, opts.paths.overview, 'countVisit'));
  },

  /**
   * Reads the supply air, writes its setpoint as an Operator, then tries to write another value as a Guest, and
   * (as an Admin session passing a Guest's _token) again: both refused, the setpoint unchanged.
   */
  async live(ctx) {
    const operator = await asOperator(ctx);
    const guest = await asGuest(ctx);
    const admin = await asAdmin(ctx);
    const overview = opts.paths.overview;
    await step(ctx, 'read-before', () => execute(operator, overview, 'readSupplyAir'));
    await step(ctx, 'write', () => execute(operator, overview, 'setSupplyAirSetpoint', { value: opts.values.written }));
    // legacy.read answers from the live-value hub, which learns of the write with the controller's next update:
    // poll (bounded) until the written value shows, and report how long that took
    const written = Date.now();
    for (let attempt = 1; attempt <= 30; attempt++) {
      const read = await execute(operator, overview, 'readSupplyAir');
      ctx.emit({ type: 'poll', attempt, ms: Date.now() - written, ...read });
      if (read.args[0]?.setpoint === opts.values.written) break;
      await sleep(100);
    }
    await step(ctx, 'read-after-write', () => execute(operator, overview, 'readSupplyAir'));
    await step(ctx, 'guest-write', () => execute(guest, overview, 'setSupplyAirSetpoint', { value: opts.values.refused }));
    await step(ctx, 'guest-token-write', () => execute(admin, overview, 'setSupplyAirSetpoint',
      { kwargs: { value: opts.values.refused }, _token: opts.tokens.guest }));
    // long enough for a write that did go through to reach the hub, so "unchanged" means something
    await sleep(opts.settleMs);
    await step(ctx, 'read-after-refusal', () => execute(operator, overview, 'readSupplyAir'));
  },

  /**
   * An infinite loop and a memory bomb registered by a service. While the loop runs, ping (same path) and add
   * (other code) are called one after another and each answer is reported as it arrives, so the output order
   * shows them answered before the loop's ERROR.
   */
  async limits(ctx) {
    const service = await asService(ctx);
    const admin = await asAdmin(ctx);
    const path = opts.paths.limits;
    await step(ctx, 'register', async () => plain(await service.session.call(ssf('register'), [path, opts.code.limits])));

    const started = Date.now();
    let spinning = true;
    const spin = execute(admin, path, 'spin').then(
      (value) => ctx.emit({ type: 'result', what: 'spin', ...value }),
      (error) => ctx.emit({ type: 'error', what: 'spin', error: error?.error ?? describe(error), args: error?.args ?? [] }))
      .finally(() => {
        spinning = false;
        ctx.emit({ type: 'elapsed', what: 'spin', ms: Date.now() - started });
      });
    // give the loop a head start, so the calls below are made while it runs
    await sleep(200);
    const during = async (what, action, expected) => {
      try {
        const value = await action();
        ctx.emit({ type: 'answered', what, value: value.args[0], expected, ms: Date.now() - started });
      } catch (error) {
        ctx.emit({ type: 'error', what: `${what}-during-spin`, error: error?.error ?? describe(error), args: error?.args ?? [] });
      }
    };
    for (let i = 0; spinning && i < 200; i++) {
      await during('ping', () => execute(admin, path, 'ping'), 'pong');
      await during('add', () => execute(admin, opts.paths.overview, 'add', { a: i, b: 1 }), i + 1);
      await sleep(50);
    }
    await spin;

    const bombStarted = Date.now();
    await step(ctx, 'bomb', () => execute(admin, path, 'bomb'));
    ctx.emit({ type: 'elapsed', what: 'bomb', ms: Date.now() - bombStarted });
    await step(ctx, 'ping-after', () => execute(admin, path, 'ping'));
    await step(ctx, 'add-after', () => execute(admin, opts.paths.overview, 'add', { a: 2, b: 3 }));
  },

  /** callInfo.token from the session, from _token, and from callmeta.token (which wins); callInfo.path; kwargs. */
  async callinfo(ctx) {
    const service = await asService(ctx);
    const admin = await asAdmin(ctx);
    const path = opts.paths.callinfo;
    await step(ctx, 'register', async () => plain(await service.session.call(ssf('register'), [path, opts.code.who])));
    await step(ctx, 'session-token', () => execute(admin, path, 'who', { a: 1 }));
    await step(ctx, 'underscore-token', () => execute(admin, path, 'who', { kwargs: { a: 1 }, _token: opts.tokens.guest }));
    await step(ctx, 'callmeta-token', () => execute(admin, path, 'who',
      { kwargs: { a: 1 }, _token: opts.tokens.guest, callmeta: { token: opts.tokens.operator } }));
    await step(ctx, 'callmeta-flat', () => execute(admin, path, 'who', { a: 1, callmeta: { token: opts.tokens.operator } }));
    await step(ctx, 'forged-token', () => execute(admin, path, 'who', { kwargs: { a: 1 }, _token: forge(opts.tokens.guest) }));
  },

  /** ssf.register: services only; code that does not evaluate is refused with its line, the good code stays. */
  async register(ctx) {
    const service = await asService(ctx);
    const admin = await asAdmin(ctx);
    const path = opts.paths.register;
    await step(ctx, 'user-register', async () => plain(await admin.session.call(ssf('register'), [path, opts.code.good])));
    await step(ctx, 'register', async () => plain(await service.session.call(ssf('register'), [path, opts.code.good])));
    await step(ctx, 'call-good', () => execute(admin, path, 'ok'));
    await step(ctx, 'register-broken', async () => plain(await service.session.call(ssf('register'), [path, opts.code.broken])));
    await step(ctx, 'call-after-broken', () => execute(admin, path, 'ok'));
    await step(ctx, 'info', async () => plain(await admin.session.call(ssf('info'))));
  },
};

runScenarios(opts, scenarios).catch((error) => {
  emit({ type: 'fatal', error: describe(error) });
  process.exit(1);
});
