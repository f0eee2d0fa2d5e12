// The JavaScript half of the Vakt ServerSideFunction runtime. Evaluated once per context (as an internal
// source, so it neither counts against the statement limit nor shows in stack traces) and called with the
// host bridge; returns the entry points the Java side uses. Everything a script may touch is built here from
// plain JavaScript objects: no host object ever reaches script code, and values cross the boundary as JSON
// text only.
//
// Host bridge members (every one takes the id of the call it belongs to; the host ignores stale ids, so a
// callback kept from an earlier call cannot reach a later one):
//   settle(callId, ok, text, uri, stack)      the function's outcome (text = JSON of the result, or the message)
//   op(callId, name, argsJson, onOk, onErr, onProgress)   a host operation; onOk(json), onErr(message, uri)
//   fetch(callId, url, requestJson, onOk, onErr)
//   timer(callId, delayMs, repeat) -> id, clearTimer(callId, id)
//   console(callId, level, text), progress(callId, json)
(function (host) {
    'use strict';

    // Captured now, so that code replacing JSON or Promise cannot change how results and errors cross.
    const stringify = JSON.stringify;
    const parse = JSON.parse;
    const P = Promise;
    const then = Promise.prototype.then;
    const resolved = Promise.resolve.bind(Promise);
    const ErrorCtor = Error;
    const TypeErrorCtor = TypeError;
    const MapCtor = Map;
    const StringCtor = String;
    const hasOwn = Object.prototype.hasOwnProperty;
    const defineProperty = Object.defineProperty;
    const freeze = Object.freeze;
    const keys = Object.keys;
    const URI = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+){2,}$/;
    const global = globalThis;

    // Shell conveniences of GraalJS that a sandboxed script must not see.
    for (const name of ['load', 'print', 'printErr', 'Graal', 'arguments', 'quit', 'read', 'readline', 'readbuffer',
                        'console', 'Polyglot', 'Java', 'Packages', 'java', 'javax']) {
        try { delete global[name]; } catch (notConfigurable) { /* the sandbox test would show it */ }
    }

    // The call running in this context: {id, timers}. One at a time, since a context runs one call at a time.
    let current = null;

    function fromJson(text) { return text === undefined || text === null ? undefined : parse(text); }

    function makeError(message, uri) {
        const error = new ErrorCtor(message);
        if (typeof uri === 'string') error.uri = uri;
        return error;
    }

    // What the caller sees of a thrown or rejected value: never throws itself.
    function describe(thrown) {
        let message;
        let uri = null;
        let stack = null;
        try {
            if (thrown !== null && (typeof thrown === 'object' || typeof thrown === 'function')) {
                const m = thrown.message;
                if (typeof m === 'string' && m !== '') message = m;
                else if (thrown instanceof ErrorCtor) message = StringCtor(thrown.name || 'Error');
                else message = StringCtor(thrown);
                const u = thrown.uri;
                if (typeof u === 'string' && URI.test(u)) uri = u;
                const s = thrown.stack;
                if (typeof s === 'string') stack = s;
            } else {
                message = StringCtor(thrown);
            }
        } catch (undescribable) {
            message = 'the function threw a value that cannot be described';
        }
        return { message, uri, stack };
    }

    function fail(callId, thrown) {
        const d = describe(thrown);
        host.settle(callId, false, d.message, d.uri, d.stack);
    }

    function succeed(callId, value) {
        let text;
        try {
            text = stringify(value);
        } catch (notJson) {
            host.settle(callId, false, 'the function\'s result cannot be sent as JSON: ' + describe(notJson).message, null, null);
            return;
        }
        host.settle(callId, true, text, null, null);
    }

    function isThenable(value) {
        return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof value.then === 'function';
    }

    function define(name, value) {
        defineProperty(global, name, { value, writable: false, enumerable: false, configurable: false });
    }

    // ---- console: Node-like formatting, lines go to the server log through the host (capped per call) ----

    function formatArg(value) {
        if (typeof value === 'string') return value;
        if (value === undefined) return 'undefined';
        if (typeof value === 'function') return '[Function: ' + (value.name || 'anonymous') + ']';
        if (typeof value === 'symbol') return value.toString();
        if (typeof value === 'bigint') return StringCtor(value) + 'n';
        if (value instanceof ErrorCtor) return typeof value.stack === 'string' ? value.stack : value.name + ': ' + value.message;
        try {
            const text = stringify(value);
            return text === undefined ? StringCtor(value) : text;
        } catch (notJson) {
            return '[' + typeof value + ': ' + describe(notJson).message + ']';
        }
    }

    function format(args) {
        let line = '';
        for (let i = 0; i < args.length; i++) {
            if (i > 0) line += ' ';
            line += formatArg(args[i]);
        }
        return line;
    }

    const consoleObject = {};
    for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
        consoleObject[level] = function (...args) {
            if (current !== null) host.console(current.id, level, format(args));
        };
    }
    define('console', freeze(consoleObject));

    // ---- timers: bound to the running call's event loop; discarded when the call ends ----

    function setTimer(fn, delay, args, repeat) {
        if (typeof fn !== 'function') throw new TypeErrorCtor('the timer callback must be a function');
        if (current === null) throw makeError('timers can only be set while a call runs');
        let ms = Number(delay);
        if (!(ms >= 0)) ms = 0;
        const id = host.timer(current.id, ms, repeat);
        current.timers.set(id, { fn, args, repeat });
        return id;
    }

    function clearTimer(id) {
        if (current !== null && current.timers.delete(id)) host.clearTimer(current.id, id);
    }

    define('setTimeout', function setTimeout(fn, delay, ...args) { return setTimer(fn, delay, args, false); });
    define('setInterval', function setInterval(fn, delay, ...args) { return setTimer(fn, delay, args, true); });
    define('clearTimeout', function clearTimeout(id) { clearTimer(id); });
    define('clearInterval', function clearInterval(id) { clearTimer(id); });

    define('queueMicrotask', function queueMicrotask(fn) {
        if (typeof fn !== 'function') throw new TypeErrorCtor('queueMicrotask needs a function');
        const callId = current === null ? -1 : current.id;
        then.call(resolved(), () => {
            try { fn(); } catch (thrown) { fail(callId, thrown); }
        });
    });

    define('require', function require() {
        throw new ErrorCtor('require is not available in Vakt ServerSideFunctions: no Node.js modules; use callInfo.context');
    });

    // ---- fetch: allow-listed hosts only (checked by the host), a small subset of the WHATWG Response ----

    function plainHeaders(headers) {
        const out = {};
        if (headers === undefined || headers === null) return out;
        if (typeof headers.forEach === 'function' && typeof headers.get === 'function') {
            headers.forEach((value, name) => { out[StringCtor(name)] = StringCtor(value); });
            return out;
        }
        for (const name of keys(headers)) out[name] = StringCtor(headers[name]);
        return out;
    }

    function makeResponse(r) {
        const headers = r.headers;
        const body = r.body;
        const lower = name => StringCtor(name).toLowerCase();
        return {
            ok: r.status >= 200 && r.status < 300,
            status: r.status,
            statusText: r.statusText,
            url: r.url,
            redirected: false,
            headers: freeze({
                get(name) { const n = lower(name); return hasOwn.call(headers, n) ? headers[n] : null; },
                has(name) { return hasOwn.call(headers, lower(name)); },
                forEach(fn) { for (const name of keys(headers)) fn(headers[name], name); },
            }),
            text() { return resolved(body); },
            json() { return new P(resolve => resolve(parse(body))); },
        };
    }

    define('fetch', function fetch(resource, init) {
        const callId = current === null ? -1 : current.id;
        return new P((resolve, reject) => {
            const url = resource !== null && typeof resource === 'object' && typeof resource.url === 'string'
                ? resource.url : StringCtor(resource);
            const options = init === undefined || init === null ? {} : init;
            const body = options.body === undefined || options.body === null ? null : options.body;
            if (body !== null && typeof body !== 'string') {
                throw new TypeErrorCtor('fetch: body must be a string (use JSON.stringify for objects)');
            }
            const request = {
                method: options.method === undefined ? 'GET' : StringCtor(options.method).toUpperCase(),
                headers: plainHeaders(options.headers),
                body,
            };
            host.fetch(callId, url, stringify(request),
                text => resolve(makeResponse(parse(text))),
                (message, uri) => reject(makeError(message, uri)));
        });
    });

    // ---- callInfo.context: every service is a host operation returning a Promise ----

    function makeContext(callId) {
        function op(name, args, progress) {
            return new P((resolve, reject) => {
                const onProgress = typeof progress === 'function'
                    ? text => { try { progress(fromJson(text)); } catch (thrown) { fail(callId, thrown); } }
                    : null;
                host.op(callId, name, stringify(args),
                    text => resolve(fromJson(text)),
                    (message, uri) => reject(makeError(message, uri)),
                    onProgress);
            });
        }

        function isOptions(value) {
            return value !== null && typeof value === 'object' && !Array.isArray(value);
        }

        // state.get({key, file}) or state.get(key, file)
        function stateGet(options, file) {
            let o = options;
            if (!isOptions(o)) {
                o = {};
                if (options !== undefined && options !== null) o.key = options;
                if (file !== undefined) o.file = file;
            }
            return op('state.get', [o]);
        }

        // state.set({data, key, file}) or state.set(data, key, file); a lone object is always the options form,
        // so a forgotten data is refused by the host instead of storing the options as data
        function stateSet(...args) {
            let o = args[0];
            if (!(args.length === 1 && isOptions(o))) {
                o = { data: args[0] };
                if (args[1] !== undefined) o.key = args[1];
                if (args[2] !== undefined) o.file = args[2];
            }
            return op('state.set', [o]);
        }

        function table(name) {
            return freeze({
                query(sql, params, options) {
                    return op('db.query', [name, sql, params === undefined ? null : params, options === undefined ? null : options]);
                },
            });
        }

        return freeze({
            state: freeze({ get: stateGet, set: stateSet }),
            db: freeze({ analogs: table('analogs'), digitals: table('digitals'), alarms: table('alarms'), userlog: table('userlog') }),
            call(procedure, args, options) {
                const o = options === undefined || options === null ? {} : options;
                return op('call', [procedure, args === undefined || args === null ? [] : args,
                                   { kwargs: o.kwargs, callmeta: o.callmeta }], o.progress);
            },
            legacy: freeze({
                read(variables) { return op('legacy.read', [variables]); },
                write(write) { return op('legacy.write', [write]); },
                execute() { return P.reject(makeError('legacy.execute (EXO Basic snippets) is not supported by Vakt')); },
            }),
        });
    }

    // ---- entry points for the host ----

    return freeze({
        begin(callId) {
            current = { id: callId, timers: new MapCtor() };
        },

        end(callId) {
            if (current !== null && current.id === callId) current = null;
        },

        // {"functions": [...]} or {"problem": "..."} for what a code block's wrapper function returned
        describe(exports) {
            if (exports === undefined || exports === null) return stringify({ problem: 'it returned ' + exports });
            if (typeof exports === 'function') return stringify({ problem: 'it returned a function, not an object of functions' });
            if (typeof exports !== 'object') return stringify({ problem: 'it returned a ' + typeof exports + ', not an object of functions' });
            const functions = keys(exports).filter(name => typeof exports[name] === 'function');
            if (functions.length === 0) return stringify({ problem: 'it returned an object without functions' });
            return stringify({ functions });
        },

        run(callId, fn, kwargsText, detailsText, token, path) {
            const details = parse(detailsText);
            details.progress = function progress(value) { host.progress(callId, stringify(value)); };
            const callInfo = { context: makeContext(callId), details, token, path };
            let result;
            try {
                result = fn(parse(kwargsText), callInfo);
            } catch (thrown) {
                fail(callId, thrown);
                return;
            }
            let thenable;
            try {
                thenable = isThenable(result);
                if (thenable) then.call(resolved(result), value => succeed(callId, value), thrown => fail(callId, thrown));
            } catch (thrown) {
                fail(callId, thrown);
                return;
            }
            if (!thenable) succeed(callId, result);
        },

        fire(callId, timerId) {
            if (current === null || current.id !== callId) return;
            const timer = current.timers.get(timerId);
            if (timer === undefined) return;
            if (!timer.repeat) current.timers.delete(timerId);
            try {
                timer.fn(...timer.args);
            } catch (thrown) {
                fail(callId, thrown);
            }
        },
    });
})
