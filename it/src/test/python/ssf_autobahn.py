"""Calls Vakt's ServerSideFunctions with Autobahn|Python (Debian's python3-autobahn, asyncio flavour), the kind
of client an ArrigoLocal service is.

Run with the system interpreter (/usr/bin/python3), which sees the apt packages:

    /usr/bin/python3 ssf_autobahn.py '{"url": "ws://...", "scenarios": ["results"], ...}'

Options and output are those of it/src/test/node/ssf-autobahn.mjs: one JSON object per line on stdout, each
tagged with its scenario, ending with {"type": "done", "failures": N}; the exit code is 1 when a scenario failed.
The script only reports what comes back; the Java test (SsfScenarios) decides whether it is right.

What it shares with wamp_autobahn.py (output, sessions, the scenario runner) is in wamp_harness.py.
"""

import asyncio
import os
import sys
import time

# the harness sits next to this script; putting its folder first makes the import independent of the working
# directory and of interpreter flags (-P, -I) that leave the script's folder off sys.path
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import wamp_harness as harness  # noqa: E402 (after the sys.path line; it also makes txaio pick asyncio)
from wamp_harness import describe, forge, main, plain  # noqa: E402
from autobahn.wamp import types  # noqa: E402
from autobahn.wamp.exception import ApplicationError  # noqa: E402

OPTS = harness.load_options(os.path.basename(__file__))

ACCOUNT = OPTS.get('account', 'demo')
TOKENS = OPTS['tokens']
PATHS = OPTS['paths']
CODE = OPTS['code']


def ssf(name):
    return 'accounts.{}.services.ssf.{}'.format(ACCOUNT, name)


EXECUTE = ssf('execute')


def connect(ctx, label, authid):
    # every session signs in with a token or service key as authid; none is meant to be refused, and each
    # announces its WELCOME, which the Java test checks
    return harness.connect(OPTS, ctx, label, ['anonymous'], authid, announce_join=True, refusal_fails=True)


def as_admin(ctx):
    return connect(ctx, 'admin', TOKENS['admin'])


def as_operator(ctx):
    return connect(ctx, 'operator', TOKENS['operator'])


def as_guest(ctx):
    return connect(ctx, 'guest', TOKENS['guest'])


def as_service(ctx):
    return connect(ctx, 'service', OPTS['serviceKey'])


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


def calling(session, procedure, *args):
    """A step's action: one call of procedure (no ssf.execute wrapping), its result as {args, kwargs}."""
    async def action():
        return plain(await session.call(procedure, *args))
    return action


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
    await step(ctx, 'info', calling(admin, ssf('info')))


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
    await step(ctx, 'register', calling(service, ssf('register'), path, CODE['limits']))

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
    await step(ctx, 'register', calling(service, ssf('register'), path, CODE['who']))
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
    await step(ctx, 'user-register', calling(admin, ssf('register'), path, CODE['good']))
    await step(ctx, 'register', calling(service, ssf('register'), path, CODE['good']))
    await step(ctx, 'call-good', lambda: execute(admin, path, 'ok'))
    await step(ctx, 'register-broken', calling(service, ssf('register'), path, CODE['broken']))
    await step(ctx, 'call-after-broken', lambda: execute(admin, path, 'ok'))
    await step(ctx, 'info', calling(admin, ssf('info')))


SCENARIOS = {
    'results': results, 'progress': progress, 'state': state, 'live': live, 'limits': limits,
    'callinfo': callinfo, 'register': register,
}


if __name__ == '__main__':
    main(OPTS, SCENARIOS)
