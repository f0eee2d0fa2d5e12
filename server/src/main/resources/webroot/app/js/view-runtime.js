// A view (docs/views.md) drawn live: the SVG from node(path){drawing} with its bound elements fed by the
// `data(path)` subscription.
//
//   div.view[data-node-path]  with an OPEN shadow root holding <link rel=stylesheet href="css/live.css"> and the
//                             drawing's <svg>: the drawing's own <style> stays inside and cannot restyle the page,
//                             and the page's styles cannot reach into the drawing.
//   [data-vakt-advise="k"]    a bound element (the server marks them; k = its Cwv.Advise.A[k]). <text>/<tspan>
//                             show the formatted value + unit, or data-vakt-texts; data-vakt-states sets
//                             vakt-state-<name>; data-vakt-fill/-stroke/-visible recolour or hide it (also on
//                             elements inside a bound <g>: the nearest bound ancestor's value counts). The live
//                             state is on the element (data-live-state, vakt-<state>, data-stale) and, for
//                             every state but normal, drawn as a box behind it: <rect class="vakt-box
//                             vakt-box-<state>"> (pending: also vakt-pending-box, the classic yellow box), sized
//                             from getBBox() after each text change. Writable ones (bindings[k].writable) get
//                             role=button, tabindex=0, vakt-writable and open the write dialog.
//   [data-vakt-call]          a button calling the view's ServerSideFunction (ssf-button.js).
//
// DOM writes happen once per animation frame for everything that changed (LiveModel); the boxes are measured
// after the writes of that frame, so a burst of 50 updates costs one layout.

import { applyState, contentRoot, followLive, frameScheduler, LiveModel } from './live-state.js';
import { formatValue, NO_VALUE, withUnit } from './format.js';
import { colourFor, compileRules, isVisible, lookup } from './rules.js';
import { closeWriteDialog, openWriteDialog } from './write-dialog.js';
import { wireSsfButtons } from './ssf-button.js';
import { bindingsByAdvise, showProblem } from './pvl-table.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
export const VIEW_QUERY = `query($p:String!){ node(path:$p){ hash content drawing
  bindings { path technicalAddress dataType unit min max bound readable writable } } }`;
const TEXT_TAGS = new Set(['text', 'tspan', 'textPath']);
const RULE_SELECTOR = '[data-vakt-fill],[data-vakt-stroke],[data-vakt-visible],[data-vakt-states],[data-vakt-texts]';
/** Room between a value and its state box, in drawing units. */
const BOX_PAD_X = 3;
const BOX_PAD_Y = 1.5;

function el(tag, attributes = {}, text = null) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== null) node.textContent = text;
  return node;
}

function svgEl(tag, attributes = {}) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

/** The drawing text as an <svg> element of this document, or an Error saying why it cannot be. */
export function parseDrawing(text) {
  const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = parsed.documentElement;
  const error = parsed.querySelector('parsererror');
  if (error || !root || root.localName !== 'svg' || root.namespaceURI !== SVG_NS) {
    return new Error(error ? error.textContent.trim().split('\n')[0] : 'the drawing is not an SVG picture');
  }
  return document.importNode(root, true);
}

/** Makes the svg scale with its container: a viewBox (from width/height if missing), no fixed size; → w/h. */
function makeScalable(svg) {
  if (!svg.hasAttribute('viewBox')) {
    const width = parseFloat(svg.getAttribute('width'));
    const height = parseFloat(svg.getAttribute('height'));
    if (width > 0 && height > 0) svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  }
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  svg.classList.add('vakt-drawing');
  svg.setAttribute('role', 'img');
  const box = svg.viewBox?.baseVal;
  if (!box || box.width <= 0 || box.height <= 0) return null;
  svg.style.setProperty('aspect-ratio', `${box.width} / ${box.height}`);
  return box.width / box.height;
}

/** Patterns the state boxes use (hatching for unreachable), once per drawing. */
function addDefs(svg) {
  const defs = svgEl('defs', { class: 'vakt-defs' });
  const hatch = svgEl('pattern', { id: 'vakt-hatch', patternUnits: 'userSpaceOnUse', width: '6', height: '6',
    patternTransform: 'rotate(45)' });
  hatch.append(svgEl('rect', { width: '6', height: '6', class: 'vakt-hatch-bg' }),
    svgEl('line', { x1: '0', y1: '0', x2: '0', y2: '6', class: 'vakt-hatch-line' }));
  defs.append(hatch);
  svg.prepend(defs);
}

/** The name an operator knows a bound element by: data-vakt-label, its own <title>, aria-label, id, address. */
function elementName(element, binding) {
  const label = element.getAttribute('data-vakt-label');
  if (label && label.trim()) return label.trim();
  const ownTitle = [...element.children].find((child) => child.localName === 'title');
  if (ownTitle && ownTitle.textContent.trim()) return ownTitle.textContent.trim();
  const aria = element.getAttribute('aria-label');
  if (aria && aria.trim()) return aria.trim();
  if (element.id) return element.id;
  return binding?.technicalAddress ?? 'value';
}

/** The text node a bound text element shows its value in (the first <tspan> if it has some). */
function valueNodeOf(element) {
  if (!TEXT_TAGS.has(element.localName)) return null;
  const tspan = element.localName === 'text' ? element.querySelector('tspan') : null;
  const target = tspan ?? element;
  const original = target.textContent;
  for (const child of [...target.childNodes]) if (child.nodeType === 3) child.remove();
  const node = document.createTextNode(original.trim() === '' ? NO_VALUE : original.trim());
  const firstElement = [...target.childNodes].find((child) => child.nodeType === 1 && child.localName !== 'title');
  target.insertBefore(node, firstElement ?? null);
  return { node, placeholder: node.data };
}

/**
 * Tooltips for the drawing. Browsers show no tooltip for a title attribute on SVG elements, and a <title> child
 * inside a <text> would become part of its text; so one small box in the shadow root shows the title attribute
 * of the bound element under the pointer (or focused), positioned next to it.
 */
function addTooltips(frame, svg, signal) {
  const tip = el('div', { class: 'vakt-tip', role: 'tooltip', hidden: '' });
  frame.append(tip);
  let shownFor = null;
  const show = (element, x, y) => {
    const text = element.getAttribute('title');
    if (!text) return;
    shownFor = element;
    tip.textContent = text;
    tip.hidden = false;
    const frameBox = frame.getBoundingClientRect();
    const left = Math.min(x - frameBox.left + 12, frame.clientWidth - tip.offsetWidth - 4);
    tip.style.left = `${Math.max(4, left)}px`;
    tip.style.top = `${Math.max(4, y - frameBox.top + 16)}px`;
  };
  const hide = () => {
    shownFor = null;
    tip.hidden = true;
  };
  const boundUnder = (target) => (target instanceof Element ? target.closest('[data-vakt-advise][title]') : null);
  svg.addEventListener('pointermove', (event) => {
    const element = boundUnder(event.target);
    if (element) show(element, event.clientX, event.clientY);
    else if (shownFor) hide();
  }, { signal });
  svg.addEventListener('pointerleave', hide, { signal });
  svg.addEventListener('focusin', (event) => {
    const element = boundUnder(event.target);
    if (!element) return;
    const box = element.getBoundingClientRect();
    show(element, box.left, box.bottom);
  }, { signal });
  svg.addEventListener('focusout', hide, { signal });
  return { refresh: (element) => { if (shownFor === element) tip.textContent = element.getAttribute('title'); } };
}

export function renderView(container, { session, nodePath, title, folderId } = {}) {
  let scope = new AbortController();
  let unsubscribe = null;
  let ssf = null;
  let disposed = false;

  const problem = (text, retry) => showProblem(container, 'view-problem', text, retry);

  async function load() {
    container.replaceChildren(el('p', { class: 'view-loading', 'aria-busy': 'true' }, 'Loading\u2026'));
    let node;
    try {
      node = (await session.graphql(VIEW_QUERY, { p: nodePath }))?.node;
    } catch (error) {
      if (disposed) return;
      container.replaceChildren();
      // a GraphQL error (Invalid path: gone, or not for this user) does not get better by trying again
      const retry = error?.name === 'GraphqlError' ? null : load;
      problem(`This view cannot be shown: ${error?.message ?? error}`, retry);
      return;
    }
    if (disposed) return;
    if (!node || !node.drawing) {
      container.replaceChildren();
      problem('This view does not exist (any more), or you may not see it.', null);
      return;
    }
    const svg = parseDrawing(node.drawing);
    if (svg instanceof Error) {
      container.replaceChildren();
      problem(`The drawing of this view cannot be read: ${svg.message}`, null);
      return;
    }
    draw(node, svg);
  }

  function draw(node, svg) {
    const content = node.content?.[contentRoot(node.content)];
    const viewTitle = svg.getAttribute('data-vakt-title')
      || [...svg.children].find((child) => child.localName === 'title')?.textContent?.trim()
      || content?.attributes?.Title || title || 'View';
    const bindings = bindingsByAdvise(node.bindings);

    // the shell's page already shows the title (and breadcrumbs); the drawing carries it as its accessible name
    const page = el('div', { class: 'view-page' });

    const host = el('div', { class: 'view', 'data-node-path': nodePath });
    const shadow = host.attachShadow({ mode: 'open' });
    const frame = el('div', { class: 'view-frame' });
    // on desktop the frame is as wide as the drawing can be while it fits the window's height (live.css)
    const ratio = makeScalable(svg);
    if (ratio) host.style.setProperty('--vakt-ratio', ratio.toFixed(4));
    svg.setAttribute('aria-label', viewTitle);
    addDefs(svg);
    frame.append(svg);
    const tooltips = addTooltips(frame, svg, scope.signal);
    shadow.append(el('link', { rel: 'stylesheet', href: 'css/live.css' }), frame);
    page.append(host);

    // every bound element: k → [{ element, binding, rules, format, valueNode, tooltip, name, box }]
    const bound = new Map();
    for (const element of svg.querySelectorAll('[data-vakt-advise]')) {
      const k = Number(element.getAttribute('data-vakt-advise'));
      const binding = bindings[k] ?? null;
      const name = elementName(element, binding);
      const item = {
        element, binding, name,
        rules: compileRules((attribute) => element.getAttribute(attribute)),
        format: element.getAttribute('data-vakt-format') ?? '',
        valueNode: valueNodeOf(element),
        box: null,
      };
      if (binding?.writable) makeWritable(item, k);
      if (!bound.has(k)) bound.set(k, []);
      bound.get(k).push(item);
    }
    // elements with rules inside a bound element use that element's value: k → [{ element, rules }]
    const ruled = new Map();
    for (const element of svg.querySelectorAll(RULE_SELECTOR)) {
      const owner = element.closest('[data-vakt-advise]');
      if (!owner || owner === element) continue;
      const k = Number(owner.getAttribute('data-vakt-advise'));
      if (!ruled.has(k)) ruled.set(k, []);
      ruled.get(k).push({ element, rules: compileRules((attribute) => element.getAttribute(attribute)) });
    }
    for (const items of bound.values()) {
      for (const item of items) for (const message of item.rules.errors) console.warn(`view ${viewTitle}: ${item.name}: ${message}`);
    }

    const toMeasure = new Set();
    const frameScheduled = frameScheduler();
    const model = new LiveModel({
      bindings,
      schedule: (flush) => frameScheduled(() => {
        flush();
        drawBoxes(toMeasure);
      }),
      render: (k, entry) => {
        if (!entry) return;
        const value = entry.hasValue && entry.state !== 'no-access' ? entry.value : null;
        for (const item of bound.get(k) ?? []) {
          renderItem(item, entry, value);
          tooltips.refresh(item.element);
          toMeasure.add(item);
        }
        for (const { element, rules } of ruled.get(k) ?? []) applyRules(element, rules, value);
      },
    });

    function makeWritable(item, k) {
      const { element } = item;
      element.setAttribute('role', 'button');
      element.setAttribute('tabindex', '0');
      element.setAttribute('aria-label', `Change ${item.name}`);
      element.classList.add('vakt-writable');
      const open = () => openWriteDialog({
        session, nodePath, k, title: item.name, binding: item.binding, entry: model.entry(k),
        format: item.format, unit: item.binding.unit, texts: item.rules.texts, returnFocus: element,
      });
      element.addEventListener('click', (event) => {
        event.preventDefault();
        open();
      }, { signal: scope.signal });
      element.addEventListener('keydown', (event) => {
        if (event.key !== 'Enter' && event.key !== ' ') return;
        event.preventDefault();
        if (!event.repeat) open();
      }, { signal: scope.signal });
    }

    model.flush();
    container.replaceChildren(page);
    drawBoxes(toMeasure); // now that the svg is in the document, getBBox() has something to measure
    ssf = wireSsfButtons(svg, { session, nodePath });
    unsubscribe = followLive({
      session, nodePath, model, hash: node.hash, signal: scope.signal,
      onProblem: (text) => problem(text, null),
      onFileChanged: restart,
    });
  }

  function restart() {
    teardown();
    load();
  }

  function teardown() {
    unsubscribe?.();
    unsubscribe = null;
    ssf?.dispose();
    ssf = null;
    scope.abort();
    scope = new AbortController();
  }

  load();

  return {
    dispose() {
      disposed = true;
      teardown();
      closeWriteDialog();
    },
  };
}

/** Text, state, tooltip and rules of one bound element for its latest entry. */
function renderItem(item, entry, value) {
  const { element, rules, binding } = item;
  if (item.valueNode) {
    let text;
    if (value === null) {
      text = entry.state === 'no-access' ? NO_VALUE : item.valueNode.placeholder;
    } else {
      const mapped = lookup(rules.texts, value);
      text = mapped !== undefined ? mapped
        : withUnit(formatValue(value, { format: item.format, dataType: binding?.dataType }), binding?.unit);
    }
    if (item.valueNode.node.data !== text) item.valueNode.node.data = text;
  }
  applyState(element, entry);
  applyRules(element, rules, value);
}

/** data-vakt-states / -fill / -stroke / -visible of one element for a value (null = no value). */
function applyRules(element, rules, value) {
  if (rules.states) {
    const wanted = value === null ? null : lookup(rules.states, value);
    for (const name of [...element.classList]) {
      if (name.startsWith('vakt-state-') && name !== `vakt-state-${wanted}`) element.classList.remove(name);
    }
    if (wanted !== undefined && wanted !== null) element.classList.add(`vakt-state-${wanted}`);
  }
  for (const property of ['fill', 'stroke']) {
    if (!rules[property]) continue;
    const colour = colourFor(rules[property], value);
    if (colour === null) element.style.removeProperty(property);
    else element.style.setProperty(property, colour);
  }
  if (rules.visible) {
    if (isVisible(rules.visible, value)) element.removeAttribute('visibility');
    else element.setAttribute('visibility', 'hidden');
  }
}

const NOT_DRAWN = new Set(['title', 'desc', 'defs', 'style', 'metadata', 'g', 'clipPath', 'mask', 'pattern',
  'linearGradient', 'radialGradient', 'symbol', 'marker', 'filter']);

/**
 * The box of what a bound group shows now, in its parent's coordinates. getBBox() would also count the parts
 * hidden by data-vakt-visible (a "Filter dirty" badge), so the box is the union of the visible parts' screen
 * boxes, mapped back into the drawing.
 */
function visibleGroupBox(group) {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const part of group.querySelectorAll('*')) {
    if (NOT_DRAWN.has(part.localName) || part.closest('defs, clipPath, mask, pattern, symbol, marker')) continue;
    const style = getComputedStyle(part);
    if (style.visibility !== 'visible' || style.display === 'none') continue;
    const r = part.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    left = Math.min(left, r.left);
    top = Math.min(top, r.top);
    right = Math.max(right, r.right);
    bottom = Math.max(bottom, r.bottom);
  }
  const ctm = group.parentNode?.getScreenCTM?.();
  if (left === Infinity || !ctm) return null;
  const toDrawing = ctm.inverse();
  const corner = (x, y) => new DOMPoint(x, y).matrixTransform(toDrawing);
  const a = corner(left, top);
  const b = corner(right, bottom);
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(b.x - a.x), height: Math.abs(b.y - a.y) };
}

/**
 * The state boxes behind bound elements: one <rect> per element in any state but normal, placed just before
 * it (so it is drawn behind), in the same coordinate system (its transform copied), sized from getBBox().
 * Runs after the frame's text changes, so each box fits the new text.
 */
function drawBoxes(items) {
  if (items.size === 0) return;
  const changes = [];
  for (const item of items) {
    const { element } = item;
    const state = element.getAttribute('data-live-state');
    if (state === 'normal' || !element.isConnected || element.getAttribute('visibility') === 'hidden') {
      changes.push([item, null]);
      continue;
    }
    let box;
    try {
      box = element.localName === 'g' ? visibleGroupBox(element) : element.getBBox();
    } catch {
      box = null;
    }
    changes.push([item, box && (box.width > 0 || box.height > 0) ? { state, box, group: element.localName === 'g' } : null]);
  }
  items.clear();
  for (const [item, wanted] of changes) {
    if (!wanted) {
      item.box?.remove();
      item.box = null;
      continue;
    }
    if (!item.box) {
      item.box = svgEl('rect', { rx: '2', ry: '2', 'aria-hidden': 'true' });
    }
    const { element } = item;
    if (item.box.nextSibling !== element) element.parentNode.insertBefore(item.box, element);
    const { box, state } = wanted;
    item.box.setAttribute('x', String(box.x - BOX_PAD_X));
    item.box.setAttribute('y', String(box.y - BOX_PAD_Y));
    item.box.setAttribute('width', String(box.width + 2 * BOX_PAD_X));
    item.box.setAttribute('height', String(box.height + 2 * BOX_PAD_Y));
    // a group's box is already in its parent's coordinates; an element's own box is in its own, so the rect
    // takes the element's transform
    const transform = wanted.group ? null : element.getAttribute('transform');
    if (transform) item.box.setAttribute('transform', transform);
    else item.box.removeAttribute('transform');
    const stale = element.getAttribute('data-stale') === 'true' ? ' vakt-box-stale' : '';
    item.box.setAttribute('class',
      `vakt-box vakt-box-${state}${state === 'pending' ? ' vakt-pending-box' : ''}${stale}`);
  }
}
