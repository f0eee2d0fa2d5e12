// tree.js — the area tree in nav#area-tree, and the folder data it and the folder pages share.
//
// Folders come from `folder(id)` queries, children loaded when a folder is expanded. Each visible folder is an
// a[data-folder-id] (contract). Keyboard: Tab/Shift+Tab and Enter as usual; in the tree ArrowUp/ArrowDown move
// between folders, ArrowRight expands (or moves to the first child), ArrowLeft collapses (or moves to the parent),
// Home/End go to the first/last folder. The expand buttons carry aria-expanded.

export const FOLDER_QUERY = `query($id: ID) { folder(id: $id) {
  id name title icon parent accessLevel
  folders { items { id name title icon folders { totalCount } } }
  ... on UserArea { publishedVariableLists { name path title } views { name path title } }
  ... on RootArea { publishedVariableLists { name path title } views { name path title } } } }`;

/** The folder's display name: its title, else its name. */
export const labelOf = (folder) => folder?.title || folder?.name || '(unnamed)';

/** Folder data for one sign-in; pages ask with fresh=true, the tree takes what is known. */
export class Folders {
  constructor(session) {
    this.session = session;
    this.cache = new Map();      // id → folder (with children and files)
    this.inFlight = new Map();
    this.rootId = null;
  }

  clear() { this.cache.clear(); this.inFlight.clear(); this.rootId = null; }

  /** A folder; id null → the root. Rejects with the GraphqlError 'Invalid path' for unknown/forbidden ids. */
  get(id, { fresh = false } = {}) {
    const key = id ?? this.rootId ?? '';
    if (!fresh && this.cache.has(key)) return Promise.resolve(this.cache.get(key));
    if (!fresh && this.inFlight.has(key)) return this.inFlight.get(key);
    const request = this.session.graphql(FOLDER_QUERY, { id: id ?? null }).then((data) => {
      const folder = data?.folder;
      if (!folder) throw Object.assign(new Error('Invalid path'), { name: 'NotFound' });
      if (!folder.parent) this.rootId = folder.id;
      this.cache.set(folder.id, folder);
      return folder;
    }).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, request);
    return request;
  }

  /** Root first, the folder last. */
  async chain(id) {
    const chain = [];
    let folder = await this.get(id);
    for (let guard = 0; folder && guard < 64; guard++) {
      chain.unshift(folder);
      if (!folder.parent) break;
      folder = await this.get(folder.parent);
    }
    return chain;
  }
}

let instanceCount = 0;

export class AreaTree {
  constructor(nav, session, folders) {
    this.nav = nav;
    this.session = session;
    this.folders = folders;
    this.items = new Map();      // folder id → { li, link, toggle, list, loaded }
    this.currentId = null;
    this.prefix = `tree${++instanceCount}`;
    nav.addEventListener('keydown', (e) => this.onKey(e));
  }

  clear() {
    this.generation = (this.generation ?? 0) + 1;   // a build under way for the previous sign-in draws nothing
    this.loading = null;
    this.nav.replaceChildren();
    this.items.clear();
    this.currentId = null;
  }

  /** Build the first levels (the root and its areas), once. Errors are shown in the tree, not thrown. */
  load() {
    this.loading ??= this.build().finally(() => { if (!this.items.size) this.loading = null; });
    return this.loading;
  }

  async build() {
    const heading = document.createElement('h2');
    heading.className = 'tree-heading';
    heading.textContent = 'Areas';
    const status = document.createElement('p');
    status.className = 'tree-status';
    status.textContent = 'Loading areas…';
    this.nav.replaceChildren(heading, status);
    const generation = this.generation;
    try {
      const root = await this.folders.get(null);
      if (generation !== this.generation) return;
      const list = document.createElement('ul');
      list.className = 'tree';
      list.append(this.item(root, 0, true));
      status.remove();
      this.nav.append(list);
      await this.expand(root.id);
    } catch (err) {
      status.textContent = `The areas could not be loaded: ${err.message}`;
      const retry = document.createElement('button');
      retry.type = 'button';
      retry.className = 'link-button';
      retry.textContent = 'Try again';
      retry.addEventListener('click', () => { this.clear(); this.load(); });
      this.items.clear();
      status.append(' ', retry);
    }
    if (this.currentId) this.reveal(this.currentId);
  }

  item(folder, depth, isRoot = false) {
    const li = document.createElement('li');
    li.className = 'tree-item';
    li.dataset.depth = String(depth);
    const row = document.createElement('div');
    row.className = 'tree-row';
    row.style.setProperty('--depth', String(depth));
    const hasChildren = isRoot || (folder.folders?.totalCount ?? folder.folders?.items?.length ?? 0) > 0;
    const link = document.createElement('a');
    link.href = isRoot ? '#/' : `#/${encodeURIComponent(folder.id)}`;
    link.dataset.folderId = folder.id;
    link.className = 'tree-link';
    link.textContent = labelOf(folder);
    let toggle = null;
    let list = null;
    if (hasChildren) {
      list = document.createElement('ul');
      list.className = 'tree-children';
      list.id = `${this.prefix}-${this.items.size}`;
      list.hidden = true;
      toggle = document.createElement('button');
      toggle.type = 'button';
      toggle.className = 'tree-toggle';
      toggle.setAttribute('aria-expanded', 'false');
      toggle.setAttribute('aria-controls', list.id);
      toggle.setAttribute('aria-label', `Expand ${labelOf(folder)}`);
      toggle.addEventListener('click', () => this.toggle(folder.id));
      row.append(toggle, link);
    } else {
      const spacer = document.createElement('span');
      spacer.className = 'tree-spacer';
      spacer.setAttribute('aria-hidden', 'true');
      row.append(spacer, link);
    }
    li.append(row);
    if (list) li.append(list);
    this.items.set(folder.id, { li, link, toggle, list, loaded: false, folder, depth });
    if (folder.id === this.currentId) link.setAttribute('aria-current', 'page');
    return li;
  }

  async toggle(id) {
    const entry = this.items.get(id);
    if (!entry?.list) return;
    if (entry.list.hidden) await this.expand(id);
    else this.collapse(id);
  }

  async expand(id) {
    const entry = this.items.get(id);
    if (!entry?.list) return;
    if (!entry.loaded) {
      entry.toggle.setAttribute('aria-busy', 'true');
      try {
        const folder = await this.folders.get(id);
        entry.list.replaceChildren(...(folder.folders?.items ?? []).map((child) => this.item(child, entry.depth + 1)));
        entry.loaded = true;
      } catch (err) {
        const li = document.createElement('li');
        li.className = 'tree-status';
        li.textContent = `Could not load: ${err.message}`;
        entry.list.replaceChildren(li);
      } finally {
        entry.toggle.removeAttribute('aria-busy');
      }
    }
    entry.list.hidden = false;
    entry.toggle.setAttribute('aria-expanded', 'true');
    entry.toggle.setAttribute('aria-label', `Collapse ${labelOf(entry.folder)}`);
  }

  collapse(id) {
    const entry = this.items.get(id);
    if (!entry?.list) return;
    entry.list.hidden = true;
    entry.toggle.setAttribute('aria-expanded', 'false');
    entry.toggle.setAttribute('aria-label', `Expand ${labelOf(entry.folder)}`);
  }

  /** Highlight a folder and expand its ancestors so it is visible. */
  async reveal(id) {
    this.currentId = id;
    for (const { link } of this.items.values()) link.removeAttribute('aria-current');
    if (!id || !this.items.size) return;
    let chain = [];
    try { chain = await this.folders.chain(id); } catch { return; }
    if (this.currentId !== id) return;
    for (const folder of chain.slice(0, -1)) await this.expand(folder.id);
    if (this.currentId !== id) return;
    this.items.get(id)?.link.setAttribute('aria-current', 'page');
  }

  visibleLinks() {
    return [...this.nav.querySelectorAll('a[data-folder-id]')].filter((a) => !a.closest('[hidden]'));
  }

  onKey(e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const link = e.target.closest?.('.tree-row')?.querySelector('a[data-folder-id]');
    if (!link) return;
    const id = link.dataset.folderId;
    const entry = this.items.get(id);
    const links = this.visibleLinks();
    const at = links.indexOf(link);
    const focus = (a) => { if (a) { e.preventDefault(); a.focus(); } };
    switch (e.key) {
      case 'ArrowDown': focus(links[at + 1]); break;
      case 'ArrowUp': focus(links[at - 1]); break;
      case 'Home': focus(links[0]); break;
      case 'End': focus(links[links.length - 1]); break;
      case 'ArrowRight':
        if (!entry?.list) break;
        e.preventDefault();
        if (entry.list.hidden) this.expand(id);
        else focus(entry.list.querySelector('a[data-folder-id]'));
        break;
      case 'ArrowLeft':
        e.preventDefault();
        if (entry?.list && !entry.list.hidden) this.collapse(id);
        else focus(entry?.li.parentElement?.closest('.tree-item')?.querySelector('a[data-folder-id]'));
        break;
      default:
        break;
    }
  }
}
