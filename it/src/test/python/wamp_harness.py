"""What the Autobahn|Python client scripts (wamp_autobahn.py, ssf_autobahn.py) share: output, sessions and the
scenario runner.

Both run under the system interpreter (/usr/bin/python3) with Debian's python3-autobahn, asyncio flavour, take
their options as one JSON argument and print one JSON object per line on stdout, each tagged with its scenario,
ending with {"type": "done", "failures": N}. The exit code is 1 when a scenario failed, 3 when the watchdog
gave up.

Sessions are built from ApplicationSession and WampWebSocketClientFactory: autobahn.asyncio.component.run does
not work with the Python this package is built for.
"""

import asyncio
import json
import os
import sys
import threading

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
    if isinstance(value, types.CallResult):
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


def load_options(script):
    """The JSON options of argv[1]; without them, a usage line on stderr and exit code 2."""
    opts = json.loads(sys.argv[1]) if len(sys.argv) > 1 else None
    if opts is None:
        sys.stderr.write('usage: ' + script + ' \'{"url": "...", "scenarios": [...], ...}\'\n')
        sys.exit(2)
    return opts


def make_serializer(opts):
    return MsgPackSerializer() if opts['serializer'] == 'msgpack' else JsonSerializer()


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

    def as_failure(self, label):
        """The refusal as a failed assertion naming the session, for scenarios that never expect one."""
        if self.reason is None:  # no ABORT: the connection went before WELCOME
            return AssertionError('{}: {}'.format(label, self.message))
        return AssertionError('{} refused: {} {}'.format(label, self.reason, self.message))


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
    """One WAMP session: joins with the given credentials and reports what the library does not surface.

    What it reports beyond library errors is chosen per script, since each script's expected output is fixed:
    announce_join emits a 'welcome' event on WELCOME, report_frames emits the INTERRUPT and GOODBYE frames
    (GOODBYE comes with every close, so a script that does not check them would print noise).
    """

    def __init__(self, ctx, label, realm, authmethods, authid, ticket=None, announce_join=False,
                 report_frames=False):
        super().__init__(types.ComponentConfig(realm=realm))
        self.ctx = ctx
        self.label = label
        self._authmethods = authmethods
        self._authid = authid
        self._ticket = ticket
        self._announce_join = announce_join
        self._report_frames = report_frames
        loop = asyncio.get_running_loop()
        self.joined = loop.create_future()
        self.left = loop.create_future()
        self.gone = loop.create_future()
        # the library swallows the router's ERROR for a cancelled call, so the raw frames keep its URI
        self.call_errors = Collector()
        self.details = None

    def onConnect(self):
        self.join(self.config.realm, authmethods=self._authmethods, authid=self._authid)

    def onChallenge(self, challenge):
        self.ctx.emit(type='challenge', label=self.label, method=challenge.method, extra=challenge.extra)
        return self._ticket or ''

    def onJoin(self, details):
        self.details = details
        if self._announce_join:
            self.ctx.emit(type='welcome', label=self.label, authid=details.authid, authrole=details.authrole,
                          protocol='wamp.2.' + str(details.serializer))
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
        elif self._report_frames and isinstance(msg, (message.Interrupt, message.Goodbye)):
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


async def connect(opts, ctx, label, authmethods, authid, ticket=None, realm=None, announce_join=False,
                  report_frames=False, refusal_fails=False):
    """A joined session at opts['url'], closed by ctx's cleanups. A refusal raises Refused, or with
    refusal_fails an AssertionError naming the session (for scripts whose scenarios never expect one)."""
    session = Client(ctx, label, realm or opts.get('realm', 'realm1'), authmethods, authid, ticket,
                     announce_join=announce_join, report_frames=report_frames)
    factory = WampWebSocketClientFactory(lambda: session, url=opts['url'], serializers=[make_serializer(opts)])
    _, host, port, _, _, _ = parse_url(opts['url'])
    await asyncio.get_running_loop().create_connection(factory, host, port)
    ctx.cleanup(lambda: close(session))
    try:
        await asyncio.wait_for(asyncio.shield(session.joined), 5)
    except asyncio.TimeoutError:
        raise AssertionError('no WELCOME for {} within 5 s'.format(label)) from None
    except Refused as error:
        if not refusal_fails:
            raise
        raise error.as_failure(label) from None
    return session


async def close(session):
    if session.is_attached():
        session.leave()
    elif session.is_connected():
        session.disconnect()
    await asyncio.wait_for(asyncio.shield(session.gone), 2)


def plain(result):
    """A call result as {args, kwargs}: Autobahn unwraps a single positional result."""
    if isinstance(result, types.CallResult):
        return dict(args=list(result.results), kwargs=result.kwresults or {})
    return dict(args=[] if result is None else [result], kwargs={})


async def run(opts, scenarios):
    """Runs opts['scenarios'] in order, each with its own time limit and cleanups; returns the failure count."""
    failures = 0
    for name in opts.get('scenarios', []):
        ctx = Ctx(name)
        ctx.emit(type='scenario-start')
        try:
            if name not in scenarios:
                raise AssertionError('unknown scenario ' + name)
            await asyncio.wait_for(scenarios[name](ctx), opts.get('scenarioTimeoutMs', 8000) / 1000)
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


def main(opts, scenarios):
    limit = opts.get('timeoutMs', 60000) / 1000

    # a hung event loop must not hang the build: this thread ends the process regardless
    def give_up():
        emit(type='timeout', afterMs=int(limit * 1000))
        os._exit(3)
    watchdog = threading.Timer(limit, give_up)
    watchdog.daemon = True
    watchdog.start()
    failures = asyncio.run(run(opts, scenarios))
    sys.exit(1 if failures else 0)
