"""Drives Vakt's WAMP router with Autobahn|Python (Debian's python3-autobahn, asyncio flavour).

Run with the system interpreter (/usr/bin/python3), which sees the apt packages:

    /usr/bin/python3 wamp_autobahn.py '{"url": "ws://...", "scenarios": ["login"], ...}'

Options and output are those of it/src/test/node/wamp-autobahn.mjs: one JSON object per line on stdout, each
tagged with its scenario, ending with {"type": "done", "failures": N}; the exit code is 1 when a scenario failed.

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
import threading
import time
import urllib.request

import txaio

txaio.use_asyncio()

from autobahn.asyncio.wamp import ApplicationSession  # noqa: E402 (txaio must pick asyncio first)
from autobahn.asyncio.websocket import WampWebSocketClientFactory  # noqa: E402
from autobahn.wamp import message, types  # noqa: E402
from autobahn.wamp.exception import ApplicationError, ProtocolError  # noqa: E402
from autobahn.wamp.serializer import JsonSerializer, MsgPackSerializer  # noqa: E402
from autobahn.websocket.util import parse_url  # noqa: E402


def jsonable(value):
    if isinstance(value, (bytes, bytearray)):
        return {'binary': bytes(value).hex()}
    if isinstance(value, (types.CallResult,)):
        return {'args': list(value.results), 'kwargs': value.kwresults}
    return repr(value)


def emit(**event):
    sys.stdout.write(json.dumps(event, default=jsonable) + '\n')
    sys.stdout.flush()


def describe(error):
    if isinstance(error, ApplicationError):
        return '{}: {} {}'.format(error.error, list(error.args), error.kwargs)
    if isinstance(error, Refused):
        return 'refused: {} {}'.format(error.reason, error.message)
    return '{}: {}'.format(type(error).__name__, error)


OPTS = json.loads(sys.argv[1]) if len(sys.argv) > 1 else None
if OPTS is None:
    sys.stderr.write('usage: wamp_autobahn.py \'{"url": "...", "scenarios": [...], ...}\'\n')
    sys.exit(2)

ACCOUNT = OPTS.get('account', 'demo')
TAG = OPTS.get('tag') or OPTS['serializer']
REALM = OPTS.get('realm', 'realm1')


def procedure(name):
    """A procedure of this run; runs of other serializers use their own tag, so names never collide."""
    return 'accounts.{}.services.{}.{}.{}'.format(ACCOUNT, OPTS['serviceName'], TAG, name)


def topic(name):
    return 'com.example.{}.{}.{}'.format(OPTS['serviceName'], TAG, name)


SSF_INFO = 'accounts.{}.services.ssf.info'.format(ACCOUNT)


def make_serializer():
    return MsgPackSerializer() if OPTS['serializer'] == 'msgpack' else JsonSerializer()


def forge(jwt):
    """The token with one character in the middle of its signature changed (the last Base64url character
    may carry only padding bits, so changing it can leave the signature as it was)."""
    at = jwt.rindex('.') + 5
    return jwt[:at] + ('B' if jwt[at] == 'A' else 'A') + jwt[at + 1:]


class Refused(Exception):
    """The router answered HELLO with ABORT (or dropped the connection before WELCOME)."""

    def __init__(self, reason, message_text):
        super().__init__(reason)
        self.reason = reason
        self.message = message_text


class Collector:
    """Keeps what a handler receives; wait_for() finds the first match, whether it came before or after."""

    def __init__(self):
        self.items = []
        self._changed = asyncio.Event()

    def add(self, item):
        self.items.append(item)
        self._changed.set()

    async def wait_for(self, predicate, seconds, what):
        async def find():
            while True:
                for item in self.items:
                    if predicate(item):
                        return item
                self._changed.clear()
                await self._changed.wait()
        try:
            return await asyncio.wait_for(find(), seconds)
        except asyncio.TimeoutError:
            raise AssertionError('no {} within {} s'.format(what, seconds)) from None


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
    """One WAMP session: joins with the given credentials and reports what the library does not surface."""

    def __init__(self, ctx, label, realm, authmethods, authid, ticket):
        super().__init__(types.ComponentConfig(realm=realm))
        self.ctx = ctx
        self.label = label
        self._authmethods = authmethods
        self._authid = authid
        self._ticket = ticket
        loop = asyncio.get_running_loop()
        self.joined = loop.create_future()
        self.left = loop.create_future()
        self.gone = loop.create_future()
        self.call_errors = Collector()
        self.details = None

    def onConnect(self):
        self.join(self.config.realm, authmethods=self._authmethods, authid=self._authid)

    def onChallenge(self, challenge):
        self.ctx.emit(type='challenge', label=self.label, method=challenge.method, extra=challenge.extra)
        return self._ticket or ''

    def onJoin(self, details):
        self.details = details
        if not self.joined.done():
            self.joined.set_result(details)

    def onLeave(self, details):
        if not self.left.done():
            self.left.set_result(details)
        if not self.joined.done():
            self.joined.set_exception(Refused(details.reason, details.message))
        self.disconnect()

    def onDisconnect(self):
        if not self.gone.done():
            self.gone.set_result(True)
        if not self.joined.done():
            self.joined.set_exception(Refused(None, 'connection closed before WELCOME'))

    def onMessage(self, msg):
        if isinstance(msg, message.Error) and msg.request_type == message.Call.MESSAGE_TYPE:
            self.call_errors.add(msg.error)
        elif isinstance(msg, (message.Interrupt, message.Goodbye)):
            self.ctx.emit(type='frame', label=self.label, kind=type(msg).__name__.upper(), message=msg.marshal())
        try:
            super().onMessage(msg)
        except ProtocolError as error:
            self.ctx.emit(type='library-error', label=self.label, error=str(error))
            raise

    def onUserError(self, fail, msg):
        # an INTERRUPT cancels the endpoint's coroutine: that is the expected way for it to end, not an error
        if isinstance(getattr(fail, 'value', None), asyncio.CancelledError):
            return
        self.ctx.emit(type='library-error', label=self.label, message=msg, error=describe(getattr(fail, 'value', fail)))


async def connect(ctx, label, authmethods, authid, ticket=None, realm=None):
    session = Client(ctx, label, realm or REALM, authmethods, authid, ticket)
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


def plain(result):
    """A call result as {args, kwargs}: Autobahn unwraps a single positional result."""
    if isinstance(result, types.CallResult):
        return dict(args=list(result.results), kwargs=result.kwresults)
    return dict(args=[] if result is None else [result], kwargs={})


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
