// Shared plumbing of the WAMP client scripts (wamp-autobahn.mjs, wamp-wampy.mjs): JSON-lines output the Java
// tests read, a scenario runner that keeps going after a failed scenario (so one router bug does not hide the
// others), and small helpers for names and HTTP. Nothing here speaks WAMP: each script uses only its library.

/** One JSON object per line on stdout; the Java side parses each line. */
export function emit(event) {
  process.stdout.write(JSON.stringify(event, jsonSafe) + '\n');
}

// MessagePack hands back Buffers and (for 64-bit ids) BigInts, which JSON.stringify cannot print as-is.
function jsonSafe(key, value) {
  if (typeof value === 'bigint') return Number(value);
  if (value && value.type === 'Buffer' && Array.isArray(value.data)) return { binary: Buffer.from(value.data).toString('base64') };
  return value;
}

/** The options object passed as JSON in argv[2]. */
export function options() {
  const raw = process.argv[2];
  if (!raw) {
    console.error('usage: node <script> \'{"url": "...", "scenarios": [...], ...}\'');
    process.exit(2);
  }
  return JSON.parse(raw);
}

/** Ends the process after the overall time limit, so a hung router never hangs the build. */
export function deadline(ms) {
  const timer = setTimeout(() => {
    emit({ type: 'timeout', afterMs: ms });
    process.exit(3);
  }, ms);
  return timer;
}

/** Rejects with a labelled error when promise has not settled within ms. */
export function within(ms, promise, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** A promise with its resolve/reject exposed, for "wait until the callee saw the invocation" style steps. */
export function signal() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Collects what one subscriber receives until a payload named `until` arrives. WAMP orders events of one
 * publisher to one subscriber, so once the end marker is in, every earlier publication that was meant for this
 * subscriber is in too: "did not receive" can be asserted without waiting for a time-out.
 */
export function inbox(until = 'end') {
  const payloads = [];
  const details = {};
  const done = signal();
  return {
    payloads,
    details,
    done: done.promise,
    add(payload, eventDetails) {
      payloads.push(payload);
      details[payload] = eventDetails;
      if (payload === until) done.resolve(payloads);
    },
  };
}

/**
 * Waits until every inbox got its end marker; when one does not, reports what each got so far (as
 * `partial` events) before failing, so the test output shows which event went missing.
 */
export async function awaitInboxes(ctx, boxes, ms) {
  try {
    await within(ms, Promise.all(Object.values(boxes).map((box) => box.done)), `end marker at ${Object.keys(boxes).join(', ')}`);
  } catch (error) {
    for (const [who, box] of Object.entries(boxes)) ctx.emit({ type: 'partial', who, payloads: box.payloads, details: box.details });
    throw error;
  }
}

/**
 * Keeps everything a handler receives and lets a scenario wait for the first item that matches, whether it
 * arrived before or after the wait started (meta events can race the WELCOME that tells us which id to expect).
 */
export function collector() {
  const items = [];
  const waiters = [];
  return {
    items,
    add(item) {
      items.push(item);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(item)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(item);
        }
      }
    },
    waitFor(predicate, ms, what) {
      const found = items.find(predicate);
      if (found !== undefined) return Promise.resolve(found);
      const wanted = signal();
      waiters.push({ predicate, resolve: wanted.resolve });
      return within(ms, wanted.promise, what);
    },
  };
}

export async function postJson(url, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** A token whose signature no longer matches (one character in the middle of the signature changed). */
export function forge(jwt) {
  // change a character in the middle of the signature: the last Base64url character may carry only padding
  // bits, so changing it can leave the decoded signature as it was
  const at = jwt.lastIndexOf('.') + 5;
  const swapped = jwt[at] === 'A' ? 'B' : 'A';
  return jwt.slice(0, at) + swapped + jwt.slice(at + 1);
}

/**
 * URIs of one run. Both serializers of a library run at the same time against one server with one service key,
 * so each run works below its own tag (procedure names must be unique, and events of the other run must not
 * count here).
 */
export function names(opts) {
  const account = opts.account ?? 'demo';
  const tag = opts.tag ?? opts.serializer;
  return {
    account,
    realm: opts.realm ?? 'realm1',
    procedure: (name) => `accounts.${account}.services.${opts.serviceName}.${tag}.${name}`,
    topic: (name) => `com.example.${opts.serviceName}.${tag}.${name}`,
    ssfInfo: `accounts.${account}.services.ssf.info`,
  };
}

/**
 * Runs the named scenarios one after another. Every event a scenario emits carries its name; each ends with
 * scenario-done or scenario-failed (with the error), and the process exits 1 when any failed. A scenario gets
 * `scenarioTimeoutMs` (default 8 s) and its cleanups run whatever happened, so the next one starts clean.
 */
export async function runScenarios(opts, table) {
  const timer = deadline(opts.timeoutMs ?? 60000);
  let failures = 0;
  for (const name of opts.scenarios ?? []) {
    const scenario = table[name];
    const cleanups = [];
    const ctx = {
      name,
      emit: (event) => emit({ scenario: name, ...event }),
      cleanup: (fn) => cleanups.push(fn),
    };
    emit({ scenario: name, type: 'scenario-start' });
    try {
      if (!scenario) throw new Error(`unknown scenario ${name}`);
      await within(opts.scenarioTimeoutMs ?? 8000, scenario(ctx), `end of scenario ${name}`);
      emit({ scenario: name, type: 'scenario-done' });
    } catch (error) {
      failures += 1;
      emit({ scenario: name, type: 'scenario-failed', error: describe(error) });
    }
    for (const fn of cleanups.reverse()) {
      try {
        await within(2000, Promise.resolve().then(fn), `cleanup of ${name}`);
      } catch {
        // a connection that will not close politely is dropped with the process anyway
      }
    }
  }
  clearTimeout(timer);
  emit({ type: 'done', failures });
  // give stdout a moment to flush before exiting (process.exit does not wait for pipes)
  setTimeout(() => process.exit(failures ? 1 : 0), 50);
}

/** A readable form of whatever a library rejected with (WAMP error objects are not Error instances). */
export function describe(error) {
  if (error === undefined || error === null) return String(error);
  if (error instanceof Error && !error.errorUri && !error.error) return `${error.name}: ${error.message}`;
  try {
    return JSON.stringify(error, jsonSafe);
  } catch {
    return String(error);
  }
}
