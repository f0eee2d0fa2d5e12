// Live state of bound elements: what an update from the `data(path)` subscription means for the element it
// addresses, and how that is shown. Shared by published lists (pvl-table.js) and views (view-runtime.js), so a
// value is "pending", "unreachable" or "stale" for the same reasons and looks the same in both.
//
//   update type           → data-live-state / class
//   Response, Update      → normal          vakt-normal
//   Pending               → pending         vakt-pending       (the classic yellow box)
//   ErrorUnreachable      → unreachable     vakt-unreachable
//   ErrorNotExist         → not-existing    vakt-not-existing
//   UnknownError, other   → error           vakt-error
//   bindings[k].readable=false → no-access  vakt-no-access     (the server never sends it)
// While the live connection is not open every bound element also carries data-stale="true" + vakt-stale; the
// first update for an element after the reconnect clears it (the server re-sends every current value then).
//
// Updates arrive in bursts (a list of 40 variables answers at once on subscribe); LiveModel keeps only the
// latest update per element and hands the changed ones to the renderer once per animation frame, so a burst
// costs one layout. The model itself is pure (the frame scheduler is injected), and the apply functions touch
// only the element they are given, so `node --test` can import this module.

import { clockTime, parseTimestamp } from './format.js';

export const STATES = Object.freeze(['pending', 'normal', 'unreachable', 'not-existing', 'error', 'no-access']);
const STATE_CLASSES = STATES.map((state) => `vakt-${state}`);

const TYPE_STATES = Object.freeze({
  Response: 'normal',
  Update: 'normal',
  Pending: 'pending',
  ErrorUnreachable: 'unreachable',
  ErrorNotExist: 'not-existing',
  UnknownError: 'error',
});

const ELEMENT_PATH = /^(Cw[A-Za-z]*)\.Advise\.A\[(\d+)\]$/;

/** "Cwl.Advise.A[3]" / "Cwv.Advise.A[3]" → { root: "Cwl", k: 3 }; null for anything else. */
export function parseElementPath(path) {
  const match = ELEMENT_PATH.exec(typeof path === 'string' ? path.trim() : '');
  return match ? { root: match[1], k: Number(match[2]) } : null;
}

/** The state an update type means (unknown types count as errors: better flagged than shown as normal). */
export function stateOfType(type) {
  return TYPE_STATES[type] ?? 'error';
}

/** The state of an element from its binding and its latest update (none yet = pending). */
export function stateOf(update, binding) {
  if (binding && binding.readable === false) return 'no-access';
  if (!update) return 'pending';
  return stateOfType(update.type);
}

/** The single root key of a node's content ("Cwl", "Cwv"), or null. */
export function contentRoot(content) {
  if (!content || typeof content !== 'object') return null;
  return Object.keys(content).find((key) => /^Cw/.test(key)) ?? null;
}

/**
 * Where each advise k lands in the content (spec §5.2): Advise.A[k] → AdviseRefs.A[k] = [j…] →
 * ElementRefs[j] = [childPath, attributeIndex]. Returns Map k → [{ childPath: [i, …], attributeIndex }].
 * One advise may feed several elements; k is NOT the child index (text rows and unbound entries sit between).
 */
export function adviseTargets(content) {
  const root = content?.[contentRoot(content)];
  const targets = new Map();
  const adviseRefs = root?.AdviseRefs?.A ?? [];
  const elementRefs = root?.ElementRefs ?? [];
  adviseRefs.forEach((refs, k) => {
    const list = [];
    for (const j of Array.isArray(refs) ? refs : []) {
      const ref = elementRefs[j];
      if (Array.isArray(ref) && Array.isArray(ref[0])) list.push({ childPath: ref[0].slice(), attributeIndex: ref[1] });
    }
    targets.set(k, list);
  });
  return targets;
}

/** For a list: Map top-level child index → the advise k that feeds it (the first one, if several). */
export function adviseByChild(content) {
  const byChild = new Map();
  for (const [k, targets] of adviseTargets(content)) {
    for (const { childPath } of targets) {
      if (childPath.length > 0 && !byChild.has(childPath[0])) byChild.set(childPath[0], k);
    }
  }
  return byChild;
}

const STATE_WORDS = {
  pending: (since) => `Pending since ${since}: waiting for the first value from the controller`,
  normal: (since) => `Updated ${since}`,
  unreachable: (since) => `Unreachable since ${since}: the controller does not answer`,
  'not-existing': (since) => `Does not exist in the controller (reported ${since})`,
  error: (since) => `Error since ${since}`,
  'no-access': () => 'No access: your level may not read this value',
};

/** The tooltip of an element: its state in words and the time, plus a warning while the connection is down. */
export function describe(state, sinceMs, stale = false) {
  const since = sinceMs === null || sinceMs === undefined ? '—' : clockTime(sinceMs);
  const words = (STATE_WORDS[state] ?? STATE_WORDS.error)(since);
  return stale ? `${words}. Connection lost: the value may be out of date` : words;
}

/**
 * The live state of every bound element of one list or view. Feed it subscription payloads (receive) and
 * connection changes (setConnectionOpen); it calls render(k, entry) for each changed element, batched.
 * entry = { k, binding, state, type, value, hasValue, timeStamp, since, stale, fresh }
 *   value      the latest value (kept through error states, so a greyed element still shows what it last was)
 *   since      epoch ms the state began (the server's timeStamp, else when the browser saw it)
 */
export class LiveModel {
  /**
   * @param bindings  the node's bindings (index k), from node(path){bindings{…}}
   * @param render    (k, entry) → void, called from flush
   * @param schedule  (callback) → void: runs callback before the next paint (requestAnimationFrame)
   * @param now       () → epoch ms
   */
  constructor({ bindings = [], render, schedule, now = () => Date.now() }) {
    this.render = render;
    this.schedule = schedule;
    this.now = now;
    this.entries = new Map();
    this.dirty = new Set();
    this.scheduled = false;
    this.open = true;
    bindings.forEach((binding, k) => {
      const state = stateOf(null, binding);
      this.entries.set(k, {
        k, binding, state, type: null, value: null, hasValue: false, timeStamp: null,
        since: now(), stale: false, fresh: false,
      });
      this.dirty.add(k);
    });
  }

  /** An update { value, path, type, timeStamp } (the `data` field of a subscription result). */
  update(variable) {
    const address = parseElementPath(variable?.path);
    if (!address) return false;
    let entry = this.entries.get(address.k);
    if (!entry) {
      entry = { k: address.k, binding: null, state: 'pending', type: null, value: null, hasValue: false,
        timeStamp: null, since: this.now(), stale: false, fresh: false };
      this.entries.set(address.k, entry);
    }
    const state = stateOf(variable, entry.binding);
    const since = parseTimestamp(variable.timeStamp ?? variable.timestamp);
    // since = when this state began: the server's timeStamp (for errors the time the error began), else now;
    // the first message replaces the browser's own guess for the initial pending
    if (state !== entry.state || state === 'normal' || entry.type === null) entry.since = since ?? this.now();
    entry.state = state;
    entry.type = variable.type ?? null;
    entry.timeStamp = variable.timeStamp ?? variable.timestamp ?? null;
    // error states carry no value (null): keep the last one, drawn greyed/hatched, rather than a blank
    if (state === 'normal' || (variable.value !== null && variable.value !== undefined)) {
      entry.value = variable.value ?? null;
      entry.hasValue = state === 'normal' || entry.hasValue;
    }
    entry.stale = false;
    entry.fresh = true;
    this.markDirty(address.k);
    return true;
  }

  /** A subscription result { data: { data: variable }, errors }; errors are left to the caller. */
  receive(payload) {
    const variable = payload?.data?.data;
    return variable ? this.update(variable) : false;
  }

  /** The live connection opened or closed: while it is not open every element is stale. */
  setConnectionOpen(open) {
    if (open === this.open) return;
    this.open = open;
    if (open) return; // stale stays until each element's own fresh value arrives
    for (const [k, entry] of this.entries) {
      entry.stale = true;
      this.markDirty(k);
    }
  }

  markDirty(k) {
    this.dirty.add(k);
    if (this.scheduled || !this.schedule) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
  }

  /** Renders every element changed since the last flush (latest value wins). */
  flush() {
    this.scheduled = false;
    const keys = [...this.dirty];
    this.dirty.clear();
    for (const k of keys) this.render(k, this.entries.get(k));
    return keys.length;
  }

  entry(k) {
    return this.entries.get(k);
  }
}

/** A scheduler that runs callbacks before the next paint, or soon when the page has no frames (hidden tab). */
export function frameScheduler() {
  return (callback) => {
    if (typeof requestAnimationFrame === 'function' && !(typeof document !== 'undefined' && document.hidden)) {
      requestAnimationFrame(callback);
    } else {
      setTimeout(callback, 100);
    }
  };
}

function setAttr(element, name, value) {
  if (value === null) {
    if (element.hasAttribute(name)) element.removeAttribute(name);
  } else if (element.getAttribute(name) !== value) {
    element.setAttribute(name, value);
  }
}

/**
 * Puts an entry's state on a bound element: data-live-state, the vakt-<state> class, data-stale + vakt-stale
 * and the title tooltip. Inside SVG a title attribute shows no tooltip, so `tooltipTarget` (an SVG <title>
 * child) gets the same text.
 */
export function applyState(element, entry, tooltipTarget = null) {
  setAttr(element, 'data-live-state', entry.state);
  const wanted = `vakt-${entry.state}`;
  for (const name of STATE_CLASSES) {
    if (name !== wanted && element.classList.contains(name)) element.classList.remove(name);
  }
  if (!element.classList.contains(wanted)) element.classList.add(wanted);
  setAttr(element, 'data-stale', entry.stale ? 'true' : null);
  element.classList.toggle('vakt-stale', entry.stale);
  const text = describe(entry.state, entry.since, entry.stale);
  setAttr(element, 'title', text);
  if (tooltipTarget && tooltipTarget.textContent !== text) tooltipTarget.textContent = text;
}

export const DATA_SUBSCRIPTION =
  'subscription($p:String!){ data(path:$p){ value path technicalAddress type timeStamp } }';
const HASH_QUERY = 'query($p:String!){ node(path:$p){ hash } }';

/**
 * Feeds a model from the `data(path)` subscription on the tab's one live connection, and its connection state
 * (stale while not open). After a reconnect it compares the node's hash with the one drawn (spec §5.1) and calls
 * onFileChanged() when the file changed on the server, so the caller redraws.
 * @returns unsubscribe()
 */
export function followLive({ session, nodePath, model, hash, signal, onProblem, onFileChanged }) {
  const live = session.live;
  model.setConnectionOpen(live.state === 'open');
  const onState = async () => {
    const open = live.state === 'open';
    const reopened = open && !model.open;
    model.setConnectionOpen(open);
    if (!reopened || !hash) return;
    try {
      const now = (await session.graphql(HASH_QUERY, { p: nodePath }))?.node?.hash;
      if (now && now !== hash && !signal?.aborted) onFileChanged?.();
    } catch {
      // keep what is on screen; the next reconnect checks again
    }
  };
  live.addEventListener('statechange', onState, { signal });
  return live.subscribe(DATA_SUBSCRIPTION, { p: nodePath }, {
    next: (payload) => {
      if (payload?.errors?.length && !payload?.data?.data) {
        onProblem?.(`Live values stopped: ${payload.errors[0].message}`);
        return;
      }
      model.receive(payload);
    },
    error: (error) => onProblem?.(`Live values stopped: ${error?.message ?? error}`),
    complete: () => {},
  });
}
