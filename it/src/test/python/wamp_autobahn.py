"""Drives Vakt's WAMP router with Autobahn|Python (Debian's python3-autobahn, asyncio flavour).

Run with the system interpreter (/usr/bin/python3), which sees the apt packages:

    /usr/bin/python3 wamp_autobahn.py '{"url": "ws://...", "scenarios": ["login"], ...}'

Options and output are those of it/src/test/node/wamp-autobahn.mjs: one JSON object per line on stdout, each
tagged with its scenario, ending with {"type": "done", "failures": N}; the exit code is 1 when a scenario failed.
What it shares with ssf_autobahn.py (output, sessions, the scenario runner) is in wamp_harness.py.

Library facts the scenarios work around (Autobahn|Python 22.7, not the router):
* There is no disclose_caller (REGISTER), disclose_me (CALL, PUBLISH) or cancel mode: cancelling the call future
  sends CANCEL without a mode (Vakt then uses killnowait), and the library swallows the router's ERROR, so the
  raw ERROR frames are recorded to see its URI.
* As a callee it announces call_canceling: an INTERRUPT cancels the endpoint's coroutine, which reports it.
* CallOptions(timeout=...) is documented in seconds but sent as is, and WAMP wants milliseconds: an int in ms
  is passed.
"""

import asyncio
import json
import os
import sys
import time
import urllib.request

# the harness sits next to this script; putting its folder first makes the import independent of the working
# directory and of interpreter flags (-P, -I) that leave the script's folder off sys.path
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import wamp_harness as harness  # noqa: E402 (after the sys.path line; it also makes txaio pick asyncio)
from wamp_harness import Collector, Refused, close, describe, forge, main, plain  # noqa: E402
from autobahn.wamp import types  # noqa: E402
from autobahn.wamp.exception import ApplicationError  # noqa: E402

OPTS = harness.load_options(os.path.basename(__file__))

ACCOUNT = OPTS.get('account', 'demo')
TAG = OPTS.get('tag') or OPTS['serializer']


def procedure(name):
    """A procedure of this run; runs of other serializers use their own tag, so names never collide."""
    return 'accounts.{}.services.{}.{}.{}'.format(ACCOUNT, OPTS['serviceName'], TAG, name)


def topic(name):
    return 'com.example.{}.{}.{}'.format(OPTS['serviceName'], TAG, name)


SSF_INFO = 'accounts.{}.services.ssf.info'.format(ACCOUNT)


class Inbox:
    """What one subscriber receives until the end marker; WAMP keeps one publisher's events in order."""

    def __init__(self, until='end'):
        self.payloads = []
        self.details = {}
        self._until = until
        self.done = asyncio.get_running_loop().create_future()

    def add(self, payload, details):
        self.payloads.append(payload)
        self.details[str(payload)] = details
        if payload == self._until and not self.done.done():
            self.done.set_result(self.payloads)


def connect(ctx, label, authmethods, authid, ticket=None, realm=None):
    # the scenarios check the INTERRUPT and GOODBYE frames, and login expects refusals (Refused)
    return harness.connect(OPTS, ctx, label, authmethods, authid, ticket=ticket, realm=realm, report_frames=True)


def as_user(ctx, label):
    return connect(ctx, label, ['anonymous'], OPTS['userToken'])


def as_ticket_user(ctx, label):
    return connect(ctx, label, ['ticket'], OPTS['username'], ticket=OPTS['userToken'])


def as_service(ctx, label):
    return connect(ctx, label, ['anonymous'], OPTS['serviceKey'])


def welcome(how, session):
    d = session.details
    return dict(type='welcome', how=how, authid=d.authid, authrole=d.authrole, authmethod=d.authmethod,
                session=d.session, protocol='wamp.2.' + str(d.serializer))


async def expect_error(ctx, what, action):
    try:
        value = await action()
        ctx.emit(type='unexpected-success', what=what, value=plain(value))
    except ApplicationError as error:
        ctx.emit(type='error', what=what, error=error.error, args=list(error.args))
    except Exception as error:
        ctx.emit(type='error', what=what, error=describe(error))


async def never():
    await asyncio.get_running_loop().create_future()


# ---- scenarios ----

async def login(ctx):
    for how, opener in (('ticket', as_ticket_user), ('anonymous', as_user), ('service', as_service)):
        session = await opener(ctx, how)
        ctx.emit(**welcome(how, session))
        await close(session)
    refusals = (
        ('forged', dict(authmethods=['anonymous'], authid=forge(OPTS['userToken']))),
        ('forged-ticket', dict(authmethods=['ticket'], authid=OPTS['username'], ticket=forge(OPTS['userToken']))),
        ('realm', dict(authmethods=['anonymous'], authid=OPTS['userToken'], realm='no.such.realm')),
        ('no-method', dict(authmethods=['wampcra'], authid=OPTS['username'])),
    )
    for how, auth in refusals:
        try:
            session = await connect(ctx, how, **auth)
            ctx.emit(type='unexpected-welcome', how=how, authid=session.details.authid)
            await close(session)
        except Refused as error:
            ctx.emit(type='abort', how=how, reason=error.reason)


async def ssf_info(ctx):
    user = await as_user(ctx, 'user')
    ctx.emit(type='result', **plain(await user.call(SSF_INFO)))


async def rpc(ctx):
    callee = await as_service(ctx, 'callee')
    rival = await as_service(ctx, 'rival')
    caller = await as_user(ctx, 'caller')

    def echo(*args, details=None, **kwargs):
        ctx.emit(type='invocation', args=list(args), kwargs=kwargs, caller=details.caller,
                 caller_authid=details.caller_authid, caller_authrole=details.caller_authrole)
        return types.CallResult(*args, **kwargs)

    await callee.register(echo, procedure('echo'), options=types.RegisterOptions(details_arg='details'))
    ctx.emit(type='caller', session=caller.session_id)
    sent = ['hello', 42, -7, 1.5, True, None, {'nested': [1, 'two']}]
    ctx.emit(type='sent', args=sent, kwargs={'k': 'v', 'n': 3})
    ctx.emit(type='result', **plain(await caller.call(procedure('echo'), *sent, k='v', n=3)))
    await expect_error(ctx, 'no-such-procedure', lambda: caller.call(procedure('missing')))
    await expect_error(ctx, 'already-registered', lambda: rival.register(lambda: 1, procedure('echo')))


async def not_authorized(ctx):
    user = await as_user(ctx, 'user')
    service = await as_service(ctx, 'service')
    await expect_error(ctx, 'user-register', lambda: user.register(lambda: 1, procedure('mine')))
    await expect_error(ctx, 'user-subscribe', lambda: user.subscribe(lambda *a: None, procedure('feed')))
    foreign = 'accounts.{}.services.someoneelse.{}.x'.format(ACCOUNT, TAG)
    await expect_error(ctx, 'service-register-foreign', lambda: service.register(lambda: 1, foreign))


async def progress(ctx):
    callee = await as_service(ctx, 'callee')
    caller = await as_user(ctx, 'caller')

    def count(n, details=None):
        ctx.emit(type='invocation', receive_progress=details.progress is not None)
        for i in range(1, n + 1):
            if details.progress is not None:
                details.progress(i)
        return 'done'

    await callee.register(count, procedure('count'), options=types.RegisterOptions(details_arg='details'))
    final = await caller.call(procedure('count'), 3, options=types.CallOptions(
        on_progress=lambda *args, **kwargs: ctx.emit(type='progress', value=args[0] if args else None)))
    ctx.emit(type='result', value=final)


def hanging(ctx, invoked=None):
    """An endpoint that never answers and reports whether the router interrupted it (INTERRUPT)."""
    async def hang(*args, details=None):
        ctx.emit(type='invocation', args=list(args))
        if invoked is not None and not invoked.done():
            invoked.set_result(True)
        try:
            await never()
        except asyncio.CancelledError:
            ctx.emit(type='interrupted')
            raise
    return hang


async def timeout(ctx):
    callee = await as_service(ctx, 'callee')
    caller = await as_user(ctx, 'caller')
    await callee.register(hanging(ctx), procedure('hang'), options=types.RegisterOptions(details_arg='details'))
    await callee.register(lambda: 'pong', procedure('ping'))
    started = time.monotonic()
    await expect_error(ctx, 'timeout', lambda: caller.call(procedure('hang'), options=types.CallOptions(timeout=300)))
    ctx.emit(type='elapsed', ms=int((time.monotonic() - started) * 1000))
    ctx.emit(type='after', value=await caller.call(procedure('ping')))


async def cancel(ctx):
    callee = await as_service(ctx, 'callee')
    caller = await as_user(ctx, 'caller')
    invoked = asyncio.get_running_loop().create_future()
    await callee.register(hanging(ctx, invoked), procedure('hang'), options=types.RegisterOptions(details_arg='details'))
    await callee.register(lambda: 'pong', procedure('ping'))
    call = caller.call(procedure('hang'))
    await asyncio.wait_for(invoked, 3)
    call.cancel()  # CANCEL without a mode
    uri = await caller.call_errors.wait_for(lambda error: True, 3, 'the ERROR answering the CANCEL')
    ctx.emit(type='error', what='default', error=uri)
    ctx.emit(type='after', value=await caller.call(procedure('ping')))


async def shared(ctx):
    first = await as_service(ctx, 'first')
    second = await as_service(ctx, 'second')
    caller = await as_user(ctx, 'caller')
    await first.register(lambda: 'first', procedure('shared'), options=types.RegisterOptions(invoke='roundrobin'))
    await second.register(lambda: 'second', procedure('shared'), options=types.RegisterOptions(invoke='roundrobin'))
    answers = [await caller.call(procedure('shared')) for _ in range(4)]
    ctx.emit(type='answers', answers=answers)


async def pubsub(ctx):
    a = await as_user(ctx, 'A')
    b = await as_service(ctx, 'B')
    p = await as_ticket_user(ctx, 'P')
    news = topic('news')
    boxes = {'A': Inbox(), 'B': Inbox(), 'P': Inbox()}
    for who, session in (('A', a), ('B', b), ('P', p)):
        def on_event(payload, details=None, box=boxes[who]):
            box.add(payload, dict(publisher=details.publisher, publisher_authid=details.publisher_authid,
                                  publisher_authrole=details.publisher_authrole, topic=details.topic))
        await session.subscribe(on_event, news, options=types.SubscribeOptions(details_arg='details'))
    ctx.emit(type='sessions', A=a.session_id, B=b.session_id, P=p.session_id)
    ack = await p.publish(news, 'p1', options=types.PublishOptions(acknowledge=True))
    ctx.emit(type='published', publication=ack.id)
    await p.publish(news, 'p2', options=types.PublishOptions(acknowledge=True, exclude_me=False))
    await p.publish(news, 'p3', options=types.PublishOptions(acknowledge=True, exclude_me=False, exclude=[a.session_id]))
    await p.publish(news, 'p4', options=types.PublishOptions(acknowledge=True, eligible=[b.session_id]))
    p.publish(news, 'p6')  # no acknowledge: nothing comes back, the event still goes out
    await p.publish(news, 'end', options=types.PublishOptions(acknowledge=True, exclude_me=False))
    try:
        await asyncio.wait_for(asyncio.gather(*(box.done for box in boxes.values())), 3)
    except asyncio.TimeoutError:
        raise AssertionError('the end marker did not reach A, B and P: {}'.format(
            {who: box.payloads for who, box in boxes.items()})) from None
    for who, box in boxes.items():
        ctx.emit(type='received', who=who, payloads=box.payloads, details=box.details)


async def patterns(ctx):
    service = await as_service(ctx, 'service')
    user = await as_user(ctx, 'user')
    prefix_box = Inbox('tree-end')
    wildcard_box = Inbox('wild-end')
    await user.subscribe(lambda payload, details=None: prefix_box.add(payload, dict(topic=details.topic)), topic('tree'),
                         options=types.SubscribeOptions(match='prefix', details_arg='details'))
    await user.subscribe(lambda payload, details=None: wildcard_box.add(payload, dict(topic=details.topic)), topic('') + '.temp',
                         options=types.SubscribeOptions(match='wildcard', details_arg='details'))
    for name, payload in (('tree.a.b', 'x1'), ('room7.temp', 'x2'), ('tree.temp', 'x3'), ('tree.end', 'tree-end'), ('end.temp', 'wild-end')):
        await service.publish(topic(name), payload, options=types.PublishOptions(acknowledge=True))
    try:
        await asyncio.wait_for(asyncio.gather(prefix_box.done, wildcard_box.done), 3)
    except asyncio.TimeoutError:
        raise AssertionError('end markers missing: prefix {} wildcard {}'.format(prefix_box.payloads, wildcard_box.payloads)) from None
    ctx.emit(type='received', who='prefix', payloads=prefix_box.payloads, details=prefix_box.details)
    ctx.emit(type='received', who='wildcard', payloads=wildcard_box.payloads, details=wildcard_box.details)

    await service.register(lambda details=None: {'via': 'prefix', 'procedure': details.procedure}, procedure('pfx'),
                           options=types.RegisterOptions(match='prefix', details_arg='details'))
    await service.register(lambda details=None: {'via': 'wildcard', 'procedure': details.procedure}, procedure('') + '.wild',
                           options=types.RegisterOptions(match='wildcard', details_arg='details'))
    for name in ('pfx.alpha.beta', 'room7.wild'):
        ctx.emit(type='pattern-call', called=procedure(name), **plain(await user.call(procedure(name))))


async def meta(ctx):
    admin = await as_user(ctx, 'admin')
    ctx.emit(type='count', **plain(await admin.call('wamp.session.count')))
    ctx.emit(type='session-get', session=admin.session_id, **plain(await admin.call('wamp.session.get', admin.session_id)))

    joins = Collector()
    leaves = Collector()
    await admin.subscribe(lambda *args: joins.add(list(args)), 'wamp.session.on_join')
    await admin.subscribe(lambda *args: leaves.add(list(args)), 'wamp.session.on_leave')
    visitor = await as_service(ctx, 'visitor')
    visitor_id = visitor.session_id
    ctx.emit(type='joined', session=visitor_id)
    ctx.emit(type='on_join', args=await joins.wait_for(
        lambda args: args and isinstance(args[0], dict) and args[0].get('session') == visitor_id, 3, 'wamp.session.on_join of the visitor'))
    await close(visitor)
    ctx.emit(type='on_leave', args=await leaves.wait_for(
        lambda args: args and args[0] == visitor_id, 3, 'wamp.session.on_leave of the visitor'))

    registrant = await as_service(ctx, 'registrant')
    registration = await registrant.register(lambda: 1, procedure('looked.up'))
    ctx.emit(type='registered', registration=registration.id, callee=registrant.session_id)
    ctx.emit(type='lookup', **plain(await admin.call('wamp.registration.lookup', procedure('looked.up'))))
    ctx.emit(type='callees', **plain(await admin.call('wamp.registration.list_callees', registration.id)))
    subscription = await admin.subscribe(lambda *args: None, topic('watched'))
    ctx.emit(type='subscribed', subscription=subscription.id)
    ctx.emit(type='subscription-lookup', **plain(await admin.call('wamp.subscription.lookup', topic('watched'))))

    testaments = Collector()
    await admin.subscribe(lambda *args: testaments.add(list(args)), topic('last.words'))
    testator = await as_service(ctx, 'testator')
    await testator.call('wamp.session.add_testament', topic('last.words'), ['farewell'], {})
    await close(testator)
    ctx.emit(type='testament', args=await testaments.wait_for(lambda args: True, 3, 'the testament event'))


async def doomed_callee(ctx):
    callee = await as_service(ctx, 'callee')

    async def doomed(n):
        ctx.emit(type='invocation', n=n)
        await never()

    await callee.register(doomed, procedure('doomed'))
    ctx.emit(type='registered')
    await never()  # the test kills this process while the calls wait


async def doomed_caller(ctx):
    caller = await as_user(ctx, 'caller')

    async def one(i):
        try:
            value = await caller.call(procedure('doomed'), i)
            ctx.emit(type='unexpected-success', n=i, value=plain(value))
        except ApplicationError as error:
            ctx.emit(type='error', what='doomed', n=i, error=error.error)

    await asyncio.gather(one(1), one(2))


def refresh():
    """POST /login/refresh with the refresh token (and the expired AT, as ArrigoLocal clients send it)."""
    request = urllib.request.Request(
        OPTS['apiUrl'] + '/login/refresh', method='POST',
        data=json.dumps({'refreshToken': OPTS['refreshToken']}).encode('utf-8'),
        headers={'Content-Type': 'application/json', 'Authorization': 'Bearer ' + OPTS['userToken']})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read().decode('utf-8'))


async def token_expiry(ctx):
    first = await as_user(ctx, 'expiring')
    ctx.emit(round=1, **welcome('anonymous', first))
    details = await first.left
    ctx.emit(type='closed', reason=details.reason, message=details.message)
    status, body = await asyncio.get_running_loop().run_in_executor(None, refresh)
    ctx.emit(type='refreshed', status=status)
    second = await connect(ctx, 'refreshed', ['anonymous'], body['authToken'])
    ctx.emit(round=2, **welcome('anonymous', second))


SCENARIOS = {
    'login': login, 'ssf-info': ssf_info, 'rpc': rpc, 'not-authorized': not_authorized, 'progress': progress,
    'timeout': timeout, 'cancel': cancel, 'shared': shared, 'pubsub': pubsub, 'patterns': patterns, 'meta': meta,
    'doomed-callee': doomed_callee, 'doomed-caller': doomed_caller, 'token-expiry': token_expiry,
}


if __name__ == '__main__':
    main(OPTS, SCENARIOS)
