// A published variable list as a live table (DOM contract in docs/web-runtime.md):
//
//   table.pvl[data-node-path]
//     tbody tr[data-advise="k"]    an entry with a binding (k = its Advise index, found through
//                                  AdviseRefs/ElementRefs, never assumed to be the row number)
//       td.title   the entry's Title (Description as a second line when it says more)
//       td.value   the bound element: data-live-state, vakt-<state>, data-stale, title tooltip
//       td.unit · td.type (the update type the server sent) · td.time (local time of timeStamp)
//       td.action  button.write "Change <title>" when this user may write the entry
//     tbody tr.text-row            an entry without a binding, shown as a text line
//
// First node(path){content hash bindings} says what to draw and what this user may do, then the `data(path)`
// subscription brings every value (at once, then changes). On a phone the same table is drawn as stacked cards
// by live.css (the td classes stay, each cell labelled by its data-label).

import {
  adviseByChild, applyState, contentRoot, followLive, frameScheduler, LiveModel, parseElementPath,
} from './live-state.js';
import { formatTimestamp, formatValue, NO_VALUE, unitText } from './format.js';
import { closeWriteDialog, openWriteDialog } from './write-dialog.js';

export const NODE_QUERY = `query($p:String!){ node(path:$p){ hash content
  bindings { path technicalAddress dataType unit min max bound readable writable } } }`;

function el(tag, attributes = {}, text = null) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== null) node.textContent = text;
  return node;
}

/** bindings indexed by their advise k (from their element path, not their position, to be safe). */
export function bindingsByAdvise(bindings) {
  const byK = [];
  (bindings ?? []).forEach((binding, index) => {
    const k = parseElementPath(binding.path)?.k ?? index;
    byK[k] = binding;
  });
  return byK;
}

const TYPE_TEXTS = { 'no-access': 'No access' };

/**
 * Shows a load or subscription problem above a list or view (box class `className`), with a way to try again;
 * lists and views share it so both say it the same way.
 */
export function showProblem(container, className, text, retry) {
  let box = container.querySelector(`.${className}`);
  if (!box) {
    box = el('div', { class: className, role: 'alert' });
    container.prepend(box);
  }
  box.textContent = text;
  if (retry) {
    const button = el('button', { type: 'button', class: 'btn' }, 'Try again');
    button.addEventListener('click', retry);
    box.append(' ', button);
  }
}

const problem = (container, text, retry) => showProblem(container, 'pvl-problem', text, retry);

export function renderList(container, { session, nodePath, title, folderId } = {}) {
  let scope = new AbortController(); // the listeners of the table on screen; replaced when it is redrawn
  let unsubscribe = null;
  let disposed = false;
  let hash = null;

  async function load() {
    container.replaceChildren(el('p', { class: 'pvl-loading', 'aria-busy': 'true' }, 'Loading\u2026'));
    let node;
    try {
      node = (await session.graphql(NODE_QUERY, { p: nodePath }))?.node;
    } catch (error) {
      if (disposed) return;
      container.replaceChildren();
      // a GraphQL error (Invalid path: gone, or not for this user) does not get better by trying again
      const retry = error?.name === 'GraphqlError' ? null : load;
      problem(container, `This list cannot be shown: ${error?.message ?? error}`, retry);
      return;
    }
    if (disposed) return;
    if (!node || !node.content || !contentRoot(node.content)) {
      container.replaceChildren();
      problem(container, 'This list does not exist (any more), or you may not see it.', null);
      return;
    }
    hash = node.hash;
    draw(node);
  }

  function draw(node) {
    const root = node.content[contentRoot(node.content)];
    const attributes = root.attributes ?? {};
    const bindings = bindingsByAdvise(node.bindings);
    const listTitle = attributes.Title || title || attributes.Name || 'List';

    // the shell's page already shows the title (and breadcrumbs); the list adds its description
    const page = el('div', { class: 'pvl-page' });
    if (attributes.Description && attributes.Description !== listTitle && attributes.Description !== title) {
      page.append(el('p', { class: 'pvl-description' }, attributes.Description));
    }

    const table = el('table', { class: 'pvl', 'data-node-path': nodePath });
    table.append(el('caption', { class: 'visually-hidden' }, listTitle));
    const headRow = el('tr');
    for (const [cls, text] of [['title', 'Name'], ['value', 'Value'], ['unit', 'Unit'], ['type', 'Update'],
      ['time', 'Time'], ['action', '']]) {
      const th = el('th', { scope: 'col', class: cls }, text);
      if (cls === 'action') th.append(el('span', { class: 'visually-hidden' }, 'Change'));
      headRow.append(th);
    }
    const thead = el('thead');
    thead.append(headRow);
    table.append(thead);
    const body = el('tbody');
    table.append(body);

    const byChild = adviseByChild(node.content);
    const cells = new Map(); // k → { value, type, time, text }
    const rowTitles = new Map();
    (root.children ?? []).forEach((child, index) => {
      const a = child.attributes ?? {};
      const entryTitle = a.Title || a.Name || '';
      const k = byChild.get(index);
      if (k === undefined) {
        const row = el('tr', { class: 'text-row' });
        const td = el('td', { class: 'title', colspan: '6' }, entryTitle);
        if (a.Description && a.Description !== entryTitle) td.append(el('span', { class: 'entry-desc' }, a.Description));
        row.append(td);
        body.append(row);
        return;
      }
      const binding = bindings[k] ?? { readable: true, writable: false, dataType: null, unit: a.Unit ?? '' };
      const row = el('tr', { 'data-advise': String(k) });
      const titleCell = el('td', { class: 'title' });
      titleCell.append(el('span', { class: 'entry-title' }, entryTitle));
      if (a.Description && a.Description !== entryTitle) {
        titleCell.append(el('span', { class: 'entry-desc' }, a.Description));
        titleCell.title = a.Description;
      }
      const valueCell = el('td', { class: 'value', 'data-label': 'Value' });
      const valueText = el('span', { class: 'v' }, NO_VALUE);
      valueCell.append(valueText);
      const unitCell = el('td', { class: 'unit', 'data-label': 'Unit' }, unitText(binding.unit ?? a.Unit));
      const typeCell = el('td', { class: 'type', 'data-label': 'Update' }, NO_VALUE);
      const timeCell = el('td', { class: 'time', 'data-label': 'Time' }, NO_VALUE);
      const actionCell = el('td', { class: 'action' });
      if (binding.writable) {
        const button = el('button', { type: 'button', class: 'write btn', 'aria-label': `Change ${entryTitle}` });
        button.append(el('span', { class: 'write-glyph', 'aria-hidden': 'true' }, '\u270e'), ' Change');
        button.addEventListener('click', () => openWriteDialog({
          session, nodePath, k, title: entryTitle, binding, entry: model.entry(k), format: '',
          unit: binding.unit ?? a.Unit, texts: null, returnFocus: button,
        }), { signal: scope.signal });
        actionCell.append(button);
      }
      row.append(titleCell, valueCell, unitCell, typeCell, timeCell, actionCell);
      body.append(row);
      cells.set(k, { value: valueCell, text: valueText, type: typeCell, time: timeCell });
      rowTitles.set(k, entryTitle);
    });
    if (body.children.length === 0) {
      const row = el('tr', { class: 'text-row' });
      row.append(el('td', { class: 'title', colspan: '6' }, 'This list has no entries.'));
      body.append(row);
    }
    const wrap = el('div', { class: 'pvl-wrap' });
    wrap.append(table);
    page.append(wrap);

    const model = new LiveModel({
      bindings,
      schedule: frameScheduler(),
      render: (k, entry) => {
        const cell = cells.get(k);
        if (!cell || !entry) return;
        const binding = entry.binding ?? {};
        const text = entry.state === 'no-access' || !entry.hasValue && entry.value === null ? NO_VALUE
          : formatValue(entry.value, { dataType: binding.dataType });
        if (cell.text.textContent !== text) cell.text.textContent = text;
        applyState(cell.value, entry);
        const type = TYPE_TEXTS[entry.state] ?? entry.type ?? NO_VALUE;
        if (cell.type.textContent !== type) cell.type.textContent = type;
        const time = formatTimestamp(entry.timeStamp);
        if (cell.time.textContent !== time) cell.time.textContent = time;
      },
    });
    model.flush(); // initial states (pending / no-access) before the table is shown: no flash of bare cells

    container.replaceChildren(page);
    subscribe(model);
  }

  function subscribe(model) {
    unsubscribe = followLive({
      session, nodePath, model, hash, signal: scope.signal,
      onProblem: (text) => problem(container, text, null),
      onFileChanged: restart,
    });
  }

  function restart() {
    unsubscribe?.();
    unsubscribe = null;
    scope.abort();
    scope = new AbortController();
    load();
  }

  load();

  return {
    dispose() {
      disposed = true;
      scope.abort();
      unsubscribe?.();
      unsubscribe = null;
      closeWriteDialog();
    },
  };
}
