"""Calls Vakt's ServerSideFunctions with Autobahn|Python (Debian's python3-autobahn, asyncio flavour), the kind
of client an ArrigoLocal service is.

Run with the system interpreter (/usr/bin/python3), which sees the apt packages:

    /usr/bin/python3 ssf_autobahn.py '{"url": "ws://...", "scenarios": ["results"], ...}'

Options and output are those of it/src/test/node/ssf-autobahn.mjs: one JSON object per line on stdout, each
tagged with its scenario, ending with {"type": "done", "failures": N}; the exit code is 1 when a scenario failed.
The script only reports what comes back; the Java test (SsfScenarios) decides whether it is right.

Sessions are built from ApplicationSession and WampWebSocketClientFactory, as wamp_autobahn.py does:
autobahn.asyncio.component.run does not work with the Python this package is built for.
"""

import asyncio
import json
import os
import sys
import threading
import time

import txaio

txaio.use_asyncio()

from autobahn.asyncio.wamp import ApplicationSession  # noqa: E402 (txaio must pick asyncio first)
from autobahn.asyncio.websocket import WampWebSocketClientFactory  # noqa: E402
from autobahn.wamp import types  # noqa: E402
from autobahn.wamp.exception import ApplicationError, ProtocolError  # noqa: E402
from autobahn.wamp.serializer import JsonSerializer, MsgPackSerializer  # noqa: E402
from autobahn.websocket.util import parse_url  # noqa: E402


def jsonable(value):
    if isinstance(value, (bytes, bytearray)):
        return {'binary': bytes(value).hex()}
    if isinstance(value, types.CallResult):
        return {'args': list(value.results), 'kwargs': value.kwresults}
    return repr(value)


def emit(**event):
    sys.stdout.write(json.dumps(event, default=jsonable) + '\n')
    sys.stdout.flush()


def describe(error):
    if isinstance(error, ApplicationError):
        return '{}: {} {}'.format(error.error, list(error.args), error.kwargs)
    return '{}: {}'.format(type(error).__name__, error)


OPTS = json.loads(sys.argv[1]) if len(sys.argv) > 1 else None
if OPTS is None:
    sys.stderr.write('usage: ssf_autobahn.py \'{"url": "...", "scenarios": [...], ...}\'\n')
    sys.exit(2)

ACCOUNT = OPTS.get('account', 'demo')
REALM = OPTS.get('realm', 'realm1')
TOKENS = OPTS['tokens']
PATHS = OPTS['paths']
CODE = OPTS['code']


def ssf(name):
    return 'accounts.{}.services.ssf.{}'.format(ACCOUNT, name)


EXECUTE = ssf('execute')


def make_serializer():
    return MsgPackSerializer() if OPTS['serializer'] == 'msgpack' else JsonSerializer()


def forge(jwt):
    """The token with one character in the middle of its signature changed."""
    at = jwt.rindex('.') + 5
    return jwt[:at] + ('B' if jwt[at] == 'A' else 'A') + jwt[at + 1:]


class Ctx:
    def __init__(self, name):
        self.name = name
        self._cleanups = []

    def emit(self, **event):
        emit(scenario=self.name, **event)

    def cleanup(self, fn):
        self._cleanups.append(fn)

    async def run_cleanups(self):
        for fn in reversed(self._cleanups):
            try:
                await asyncio.wait_for(fn(), 2)
            except Exception:  # a session that will not close politely goes with the process
                pass


class Client(ApplicationSession):
    """One WAMP session signed in with a token or service key as authid (authmethod anonymous)."""

    def __init__(self, ctx, label, authid):
        super().__init__(types.ComponentConfig(realm=REALM))
        self.ctx = ctx
        self.label = label
        self._authid = authid
        loop = asyncio.get_running_loop()
        self.joined = loop.create_future()
        self.gone = loop.create_future()

    def onConnect(self):
        self.join(self.config.realm, authmethods=['anonymous'], authid=self._authid)

    def onJoin(self, details):
        self.ctx.emit(type='welcome', label=self.label, authid=details.authid, authrole=details.authrole,
                      protocol='wamp.2.' + str(details.serializer))
        if not self.joined.done():
            self.joined.set_result(details)

    def onLeave(self, details):
        if not self.joined.done():
            self.joined.set_exception(AssertionError('{} refused: {} {}'.format(self.label, details.reason, details.message)))
        self.disconnect()

    def onDisconnect(self):
        if not self.gone.done():
            self.gone.set_result(True)
        if not self.joined.done():
            self.joined.set_exception(AssertionError('{}: connection closed before WELCOME'.format(self.label)))

    def onMessage(self, msg):
        try:
            super().onMessage(msg)
        except ProtocolError as error:
            self.ctx.emit(type='library-error', label=self.label, error=str(error))
            raise

    def onUserError(self, fail, msg):
        self.ctx.emit(type='library-error', label=self.label, message=msg, error=describe(getattr(fail, 'value', fail)))


async def connect(ctx, label, authid):
    session = Client(ctx, label, authid)
    factory = WampWebSocketClientFactory(lambda: session, url=OPTS['url'], serializers=[make_serializer()])
    _, host, port, _, _, _ = parse_url(OPTS['url'])
    await asyncio.get_running_loop().create_connection(factory, host, port)
    ctx.cleanup(lambda: close(session))
    try:
        await asyncio.wait_for(asyncio.shield(session.joined), 5)
    except asyncio.TimeoutError:
        raise AssertionError('no WELCOME for {} within 5 s'.format(label)) from None
    return session


async def close(session):
    if session.is_attached():
        session.leave()
    elif session.is_connected():
        session.disconnect()
    await asyncio.wait_for(asyncio.shield(session.gone), 2)


def as_admin(ctx):
    return connect(ctx, 'admin', TOKENS['admin'])


def as_operator(ctx):
    return connect(ctx, 'operator', TOKENS['operator'])


def as_guest(ctx):
    return connect(ctx, 'guest', TOKENS['guest'])


def as_service(ctx):
    return connect(ctx, 'service', OPTS['serviceKey'])


def plain(result):
    """A call result as {args, kwargs}: Autobahn unwraps a single positional result."""
    if isinstance(result, types.CallResult):
        return dict(args=list(result.results), kwargs=result.kwresults or {})
    return dict(args=[] if result is None else [result], kwargs={})


async def execute(session, path, fn, options=None, **kwargs):
    """ssf.execute of one function: [path, fn] positional, the function's arguments as kwargs."""
    if options is not None:
        return plain(await session.call(EXECUTE, path, fn, options=options, **kwargs))
    return plain(await session.call(EXECUTE, path, fn, **kwargs))


async def step(ctx, what, action):
    """Emits {type: 'result', what, args, kwargs} or, when the call fails, {type: 'error', what, error, args}."""
    try:
        ctx.emit(type='result', what=what, **(await action()))
    except ApplicationError as error:
        ctx.emit(type='error', what=what, error=error.error, args=list(error.args))
    except Exception as error:
        ctx.emit(type='error', what=what, error=describe(error), args=[])


def millis_since(started):
    return int((time.monotonic() - started) * 1000)


# ---- scenarios ----

async def results(ctx):
    admin = await as_admin(ctx)
    overview = PATHS['overview']
    await step(ctx, 'add', lambda: execute(admin, overview, 'add', a=2, b=3))
    await step(ctx, 'add-wrapped', lambda: execute(admin, overview, 'add', kwargs={'a': 1, 'b': 2}, _token=TOKENS['admin']))
    await step(ctx, 'fail', lambda: execute(admin, overview, 'fail'))
    await step(ctx, 'no-such-function', lambda: execute(admin, overview, 'noSuchFunction'))
    await step(ctx, 'invalid-path', lambda: execute(admin, '!!', 'add', a=1, b=1))

    async def info():
        return plain(await admin.call(ssf('info')))
    await step(ctx, 'info', info)


async def progress(ctx):
    admin = await as_admin(ctx)

    def on_progress(*args, **kwargs):
        ctx.emit(type='progress', args=list(args), kwargs=kwargs)

    final = await execute(admin, PATHS['overview'], 'slowSum', options=types.CallOptions(on_progress=on_progress),
                          numbers=[1, 2, 3])
    ctx.emit(type='result', what='slowSum', **final)


async def state(ctx):
    admin = await as_admin(ctx)
    for i in (1, 2):
        await step(ctx, 'visit-{}'.format(i), lambda: execute(admin, PATHS['overview'], 'countVisit'))


async def live(ctx):
    operator = await as_operator(ctx)
    guest = await as_guest(ctx)
    admin = await as_admin(ctx)
    overview = PATHS['overview']
    values = OPTS['values']
    await step(ctx, 'read-before', lambda: execute(operator, overview, 'readSupplyAir'))
    await step(ctx, 'write', lambda: execute(operator, overview, 'setSupplyAirSetpoint', value=values['written']))
    # legacy.read answers from the live-value hub, which learns of the write with the controller's next update:
    # poll (bounded) until the written value shows, and report how long that took
    written = time.monotonic()
    for attempt in range(1, 31):
        read = await execute(operator, overview, 'readSupplyAir')
        ctx.emit(type='poll', attempt=attempt, ms=millis_since(written), **read)
        if read['args'] and read['args'][0].get('setpoint') == values['written']:
            break
        await asyncio.sleep(0.1)
    await step(ctx, 'read-after-write', lambda: execute(operator, overview, 'readSupplyAir'))
    await step(ctx, 'guest-write', lambda: execute(guest, overview, 'setSupplyAirSetpoint', value=values['refused']))
    await step(ctx, 'guest-token-write', lambda: execute(admin, overview, 'setSupplyAirSetpoint',
                                                         kwargs={'value': values['refused']}, _token=TOKENS['guest']))
    # long enough for a write that did go through to reach the hub, so "unchanged" means something
    await asyncio.sleep(OPTS['settleMs'] / 1000)
    await step(ctx, 'read-after-refusal', lambda: execute(operator, overview, 'readSupplyAir'))


async def limits(ctx):
    service = await as_service(ctx)
    admin = await as_admin(ctx)
    path = PATHS['limits']

    async def register():
        return plain(await service.call(ssf('register'), path, CODE['limits']))
    await step(ctx, 'register', register)

    started = time.monotonic()
    spin = asyncio.ensure_future(execute(admin, path, 'spin'))

    def spin_ended(future):
        # reported the moment the answer arrives, so the output order shows what was answered before it
        if future.cancelled():
            return
        error = future.exception()
        if isinstance(error, ApplicationError):
            ctx.emit(type='error', what='spin', error=error.error, args=list(error.args))
        elif error is not None:
            ctx.emit(type='error', what='spin', error=describe(error), args=[])
        else:
            ctx.emit(type='result', what='spin', **future.result())
        ctx.emit(type='elapsed', what='spin', ms=millis_since(started))
    spin.add_done_callback(spin_ended)

    async def during(what, action, expected):
        try:
            value = await action()
            ctx.emit(type='answered', what=what, value=value['args'][0] if value['args'] else None,
                     expected=expected, ms=millis_since(started))
        except ApplicationError as error:
            ctx.emit(type='error', what=what + '-during-spin', error=error.error, args=list(error.args))

    # give the loop a head start, so the calls below are made while it runs
    await asyncio.sleep(0.2)
    i = 0
    while not spin.done() and i < 200:
        await during('ping', lambda: execute(admin, path, 'ping'), 'pong')
        await during('add', lambda: execute(admin, PATHS['overview'], 'add', a=i, b=1), i + 1)
        await asyncio.sleep(0.05)
        i += 1
    await asyncio.wait([spin])

    bomb_started = time.monotonic()
    await step(ctx, 'bomb', lambda: execute(admin, path, 'bomb'))
    ctx.emit(type='elapsed', what='bomb', ms=millis_since(bomb_started))
    await step(ctx, 'ping-after', lambda: execute(admin, path, 'ping'))
    await step(ctx, 'add-after', lambda: execute(admin, PATHS['overview'], 'add', a=2, b=3))


async def callinfo(ctx):
    service = await as_service(ctx)
    admin = await as_admin(ctx)
    path = PATHS['callinfo']

    async def register():
        return plain(await service.call(ssf('register'), path, CODE['who']))
    await step(ctx, 'register', register)
    await step(ctx, 'session-token', lambda: execute(admin, path, 'who', a=1))
    await step(ctx, 'underscore-token', lambda: execute(admin, path, 'who', kwargs={'a': 1}, _token=TOKENS['guest']))
    await step(ctx, 'callmeta-token', lambda: execute(admin, path, 'who', kwargs={'a': 1}, _token=TOKENS['guest'],
                                                      callmeta={'token': TOKENS['operator']}))
    await step(ctx, 'callmeta-flat', lambda: execute(admin, path, 'who', a=1, callmeta={'token': TOKENS['operator']}))
    await step(ctx, 'forged-token', lambda: execute(admin, path, 'who', kwargs={'a': 1}, _token=forge(TOKENS['guest'])))


async def register(ctx):
    service = await as_service(ctx)
    admin = await as_admin(ctx)
    path = PATHS['register']

    def registering(session, code):
        async def action():
            return plain(await session.call(ssf('register'), path, code))
        return action

    async def info():
        return plain(await admin.call(ssf('info')))

    await step(ctx, 'user-register', registering(admin, CODE['good']))
    await step(ctx, 'register', registering(service, CODE['good']))
    await step(ctx, 'call-good', lambda: execute(admin, path, 'ok'))
    await step(ctx, 'register-broken', registering(service, CODE['broken']))
    await step(ctx, 'call-after-broken', lambda: execute(admin, path, 'ok'))
    await step(ctx, 'info', info)


SCENARIOS = {
    'results': results, 'progress': progress, 'state': state, 'live': live, 'limits': limits,
    'callinfo': callinfo, 'register': register,
}


async def run():
    failures = 0
    for name in OPTS.get('scenarios', []):
        ctx = Ctx(name)
        ctx.emit(type='scenario-start')
        try:
            if name not in SCENARIOS:
                raise AssertionError('unknown scenario ' + name)
            await asyncio.wait_for(SCENARIOS[name](ctx), OPTS.get('scenarioTimeoutMs', 8000) / 1000)
            ctx.emit(type='scenario-done')
        except asyncio.TimeoutError:
            failures += 1
            ctx.emit(type='scenario-failed', error='scenario did not end within its time limit')
        except Exception as error:
            failures += 1
            ctx.emit(type='scenario-failed', error=describe(error))
        await ctx.run_cleanups()
    emit(type='done', failures=failures)
    return failures


def main():
    limit = OPTS.get('timeoutMs', 60000) / 1000

    # a hung event loop must not hang the build: this thread ends the process regardless
    def give_up():
        emit(type='timeout', afterMs=int(limit * 1000))
        os._exit(3)
    watchdog = threading.Timer(limit, give_up)
    watchdog.daemon = True
    watchdog.start()
    failures = asyncio.run(run())
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
