// folder-page.js — the pages of the folder routes: a folder (section#folder with its sub-areas, views and lists as
// a[data-node-path]), a list or view in a folder (F2's renderList / renderView inside), and the "not found or no
// access" page. Every render returns { dispose } for the router.
import { labelOf } from './tree.js';

/** Whether an error means "this folder or node does not exist for this user" (unknown or forbidden: same answer). */
export function isNotFound(err) {
  if (!err) return false;
  if (err.name === 'NotFound') return true;
  const errors = err.errors ?? [];
  return errors.some((e) => e?.message === 'Invalid path' || e?.extensions?.code === 'INVALID_PATH');
}

export const folderHref = (id, isRoot = false) => (isRoot ? '#/' : `#/${encodeURIComponent(id)}`);
export const nodeHref = (folderId, nodePath) => `#/${encodeURIComponent(folderId)}/${encodeURIComponent(nodePath)}`;

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

/** nav.breadcrumbs: root … folder [… node]; the last one is the current page. */
function breadcrumbs(chain, last = null) {
  const list = el('ol');
  chain.forEach((folder, i) => {
    const current = !last && i === chain.length - 1;
    list.append(el('li', {}, current
      ? el('span', { 'aria-current': 'page', text: labelOf(folder) })
      : el('a', { href: folderHref(folder.id, i === 0), text: labelOf(folder) })));
  });
  if (last) list.append(el('li', {}, el('span', { 'aria-current': 'page', text: last })));
  return el('nav', { class: 'breadcrumbs', 'aria-label': 'Breadcrumb' }, list);
}

function heading(text) {
  return el('h1', { tabindex: '-1', text });
}

function loading(container, text = 'Loading…') {
  container.replaceChildren(el('p', { class: 'page-loading', role: 'status', text }));
  container.setAttribute('aria-busy', 'true');
}

/** The error in words, with "Try again" where trying again can help. */
function showError(container, err, retry, { setTitle }) {
  container.removeAttribute('aria-busy');
  if (err?.name === 'SessionEnded') return;     // the sign-in page takes over
  if (isNotFound(err)) {
    renderNotFound(container, { setTitle });
    return;
  }
  const offline = err?.name === 'NetworkError';
  setTitle('Could not load');
  container.replaceChildren(el('section', { id: 'load-error', class: 'message-page' },
    heading(offline ? 'The server cannot be reached' : 'This page could not be loaded'),
    el('p', { text: offline ? 'The server did not answer. It may be restarting, or the network is down.'
      : `The server answered: ${err?.message ?? err}` }),
    el('p', {}, (() => {
      const button = el('button', { type: 'button', class: 'button', text: 'Try again' });
      button.addEventListener('click', retry);
      return button;
    })())));
}

/** The page for a folder or node the user cannot see — unknown and forbidden look the same, as on the server. */
export function renderNotFound(container, { setTitle = () => {} } = {}) {
  setTitle('Not found');
  container.removeAttribute('aria-busy');
  container.replaceChildren(el('section', { id: 'not-found', class: 'message-page' },
    heading('Not found, or no access'),
    el('p', { text: 'This area, list or view does not exist, or your user may not see it. '
      + 'The link may be old, or the project may have changed.' }),
    el('p', {}, el('a', { href: '#/', class: 'button', text: 'Go to the start page' }))));
  return { dispose() {} };
}

const KIND = { view: 'View', list: 'List' };
const NO_RENDERER = 'This part of the web runtime is not installed yet.';

function fileLinks(folder) {
  const files = [
    ...(folder.views ?? []).map((v) => ({ ...v, kind: 'view' })),
    ...(folder.publishedVariableLists ?? []).map((l) => ({ ...l, kind: 'list' })),
  ];
  return files;
}

/** section#folder: sub-areas, then views and lists (a[data-node-path]). */
export function renderFolderPage(container, { folders, folderId, setTitle, onFolder = () => {} }) {
  let disposed = false;
  const load = async () => {
    loading(container);
    try {
      const folder = await folders.get(folderId, { fresh: true });
      const chain = await folders.chain(folder.id);
      if (disposed) return;
      onFolder(folder);
      draw(folder, chain);
    } catch (err) {
      if (!disposed) showError(container, err, load, { setTitle });
    }
  };
  const draw = (folder, chain) => {
    const isRoot = !folder.parent;
    setTitle(labelOf(folder));
    const section = el('section', { id: 'folder', dataset: { folderId: folder.id } });
    if (!isRoot) section.append(breadcrumbs(chain));
    section.append(heading(labelOf(folder)));
    const subfolders = folder.folders?.items ?? [];
    const files = fileLinks(folder);
    if (files.length) {
      const list = el('ul', { class: 'file-list' });
      for (const file of files) {
        list.append(el('li', {}, el('a', {
          href: nodeHref(folder.id, file.path), class: `file-link is-${file.kind}`,
          dataset: { nodePath: file.path, kind: file.kind },
        }, el('span', { class: 'file-kind', text: KIND[file.kind] }), el('span', { class: 'file-title', text: file.title || file.name }))));
      }
      section.append(el('h2', { text: 'Views and lists' }), list);
    }
    if (subfolders.length) {
      const list = el('ul', { class: 'folder-list' });
      for (const sub of subfolders) {
        list.append(el('li', {}, el('a', { href: folderHref(sub.id), class: 'folder-link', dataset: { subfolderId: sub.id } },
          el('span', { class: 'folder-title', text: labelOf(sub) }))));
      }
      section.append(el('h2', { text: isRoot ? 'Areas' : 'Sub-areas' }), list);
    }
    if (!files.length && !subfolders.length) {
      section.append(el('p', { class: 'empty', text: 'There is nothing here for you: no sub-areas, views or lists.' }));
    }
    container.removeAttribute('aria-busy');
    container.replaceChildren(section);
  };
  load();
  return { dispose() { disposed = true; } };
}

/** A list or a view of a folder, drawn by F2's modules. */
export function renderNodePage(container, { session, folders, folderId, nodePath, setTitle, onFolder = () => {} }) {
  let disposed = false;
  let inner = null;
  // node paths match case-insensitively on the server: compare the decoded paths
  const same = (a, b) => a === b || safeDecode(a).toLowerCase() === safeDecode(b).toLowerCase();
  const load = async () => {
    loading(container);
    try {
      const folder = await folders.get(folderId, { fresh: true });
      const chain = await folders.chain(folder.id);
      if (disposed) return;
      onFolder(folder);
      const file = fileLinks(folder).find((f) => same(f.path, nodePath));
      if (!file) { renderNotFound(container, { setTitle }); return; }
      const title = file.title || file.name;
      setTitle(title);
      const body = el('div', { class: `node-body node-${file.kind}` }, el('p', { class: 'page-loading', role: 'status', text: 'Loading…' }));
      container.replaceChildren(el('section', { id: 'node', dataset: { nodePath: file.path, kind: file.kind } },
        breadcrumbs(chain, title), heading(title), body));
      container.removeAttribute('aria-busy');
      let render;
      try {
        const module = file.kind === 'view' ? await import('./view-runtime.js') : await import('./pvl-table.js');
        render = file.kind === 'view' ? module.renderView : module.renderList;
      } catch {
        render = null;
      }
      if (disposed) return;
      if (typeof render !== 'function') {
        body.replaceChildren(el('p', { class: 'empty', text: NO_RENDERER }));
        return;
      }
      body.replaceChildren();
      inner = render(body, { session, nodePath: file.path, title, folderId: folder.id });
    } catch (err) {
      if (!disposed) showError(container, err, load, { setTitle });
    }
  };
  load();
  return {
    dispose() {
      disposed = true;
      try { inner?.dispose?.(); } catch (err) { console.warn(`Closing the page failed: ${err?.message ?? err}`); }
    },
  };
}

function safeDecode(b64) {
  try { return atob(b64); } catch { return b64; }
}
