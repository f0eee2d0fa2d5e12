// schema.js — schema explorer fed by the standard introspection query (spec §4.1, §4.6).
// Shows the Query/Mutation/Subscription fields and lets the user click through named types.
// Descriptions are shown as plain text; ones containing "Vakt extension" get a badge.
import { el, setMessage } from './util.js';

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }';

export const INTROSPECTION_QUERY = `query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type { ${TYPE_REF} }`;

const isExtension = (text) => /vakt extension/i.test(text || '');

export class SchemaView {
  /**
   * @param {object} o
   * @param {HTMLElement} o.container  where roots and type pages are drawn
   * @param {HTMLElement} o.status     role=status message line
   * @param {HTMLSelectElement} o.jump "go to type" selector
   * @param {(body: object) => Promise<object>} o.graphql  POSTs to ./graphql, resolves the JSON answer
   */
  constructor(o) {
    Object.assign(this, o);
    this.types = new Map();
    this.roots = null;
    this.history = [];          // names of previously shown types, for Back
    this.current = null;        // null = root operations page
    // No focus move here: some browsers fire 'change' on every arrow key in a closed <select>.
    this.jump.addEventListener('change', () => { if (this.jump.value) this.show(this.jump.value, true, false); });
  }

  clear(message = 'Log in to load the schema by introspection.') {
    this.types.clear();
    this.roots = null;
    this.current = null;
    this.history = [];
    this.container.replaceChildren();
    this.jump.replaceChildren(el('option', { value: '' }, '—'));
    this.jump.disabled = true;
    setMessage(this.status, message);
  }

  async load() {
    setMessage(this.status, 'Loading schema…');
    let answer;
    try {
      answer = await this.graphql({ query: INTROSPECTION_QUERY, operationName: 'IntrospectionQuery' });
    } catch (err) {
      setMessage(this.status, `Could not load the schema: ${err.message}`, 'error');
      return;
    }
    const schema = answer?.data?.__schema;
    if (!schema || !Array.isArray(schema.types)) {
      const why = answer?.errors?.[0]?.message ?? 'no __schema in the answer';
      setMessage(this.status, `Could not load the schema: ${why}`, 'error');
      return;
    }
    this.types = new Map(schema.types.filter((t) => t?.name).map((t) => [t.name, t]));
    this.roots = [['Query', schema.queryType], ['Mutation', schema.mutationType], ['Subscription', schema.subscriptionType]]
      .filter(([, t]) => t?.name).map(([label, t]) => [label, t.name]);
    const named = [...this.types.keys()].filter((n) => !n.startsWith('__')).sort((a, b) => a.localeCompare(b));
    const extensions = schema.types.filter((t) => isExtension(t?.description)).length
      + schema.types.flatMap((t) => t?.fields ?? []).filter((f) => isExtension(f?.description)).length;
    this.jump.replaceChildren(el('option', { value: '' }, 'Choose a type…'), ...named.map((n) => el('option', { value: n }, n)));
    this.jump.disabled = false;
    setMessage(this.status, `Schema loaded: ${named.length} types; ${extensions} ${extensions === 1 ? 'type or field is' : 'types and fields are'} marked “Vakt extension”.`, 'ok');
    this.history = [];
    this.showRoots(false);
  }

  /** Named type reference as a button, wrapped in [ ] and ! as the type says. */
  typeRef(ref) {
    if (!ref) return ['?'];
    if (ref.kind === 'NON_NULL') return [...this.typeRef(ref.ofType), '!'];
    if (ref.kind === 'LIST') return ['[', ...this.typeRef(ref.ofType), ']'];
    return [el('button', { type: 'button', class: 'type-link', onclick: () => this.show(ref.name) }, ref.name)];
  }

  badges(item) {
    return [
      isExtension(item.description) && el('span', { class: 'badge ext' }, 'Vakt extension'),
      item.isDeprecated && el('span', { class: 'badge dep' }, `deprecated${item.deprecationReason ? `: ${item.deprecationReason}` : ''}`),
    ];
  }

  description(text) {
    return text ? el('p', { class: 'desc' }, text) : null;
  }

  /** `name(arg: Type = default, …): Type` plus argument descriptions underneath. */
  field(f) {
    const sig = el('code', { class: 'sig' }, el('span', { class: 'fname' }, f.name));
    const args = f.args ?? [];
    if (args.length) {
      sig.append('(');
      args.forEach((a, i) => {
        if (i) sig.append(', ');
        sig.append(`${a.name}: `, ...this.typeRef(a.type));
        if (a.defaultValue != null) sig.append(` = ${a.defaultValue}`);
      });
      sig.append(')');
    }
    if (f.type) sig.append(': ', ...this.typeRef(f.type));
    const argNotes = args.filter((a) => a.description);
    return el('li', {},
      sig, ' ', this.badges(f), this.description(f.description),
      argNotes.length > 0 && el('ul', { class: 'args' },
        argNotes.map((a) => el('li', {}, el('code', {}, a.name), ' — ', a.description, ' ', this.badges(a)))));
  }

  fieldList(fields, label) {
    if (!fields?.length) return el('p', { class: 'hint' }, `No ${label}.`);
    return el('ul', { class: 'fields', 'aria-label': label }, fields.map((f) => this.field(f)));
  }

  nav() {
    return el('div', { class: 'toolbar' },
      el('button', { type: 'button', onclick: () => this.back(), disabled: this.history.length === 0 }, '← Back'),
      el('button', { type: 'button', onclick: () => this.showRoots() }, 'Root operations'));
  }

  showRoots(remember = true) {
    if (!this.roots) return;
    if (remember && this.current !== null) this.history.push(this.current);
    this.current = null;
    this.jump.value = '';
    this.container.replaceChildren(...this.roots.map(([label, name]) => {
      const type = this.types.get(name);
      return el('section', { class: 'root' },
        el('h3', {}, ...(label === name ? this.typeRef({ kind: 'OBJECT', name })
          : [`${label} `, el('span', { class: 'hint' }, '(type '), ...this.typeRef({ kind: 'OBJECT', name }), el('span', { class: 'hint' }, ')')])),
        this.description(type?.description),
        this.fieldList(type?.fields, `${label} fields`));
    }));
  }

  back() {
    const prev = this.history.pop(); // null stands for the root operations page
    if (prev == null) this.showRoots(false); else this.show(prev, false);
  }

  show(name, remember = true, focus = true) {
    const t = this.types.get(name);
    if (!t) return;
    if (remember && this.current !== name) this.history = [...this.history, this.current].slice(-50);
    this.current = name;
    this.jump.value = name;
    const heading = el('h3', { tabindex: '-1' }, el('span', { class: 'kind' }, t.kind.toLowerCase().replace('_', ' ')), ' ', name, ' ', this.badges(t));
    const parts = [this.nav(), heading, this.description(t.description)];
    if (t.interfaces?.length) parts.push(el('p', {}, 'Implements ', ...t.interfaces.flatMap((i, k) => [k ? ', ' : '', ...this.typeRef(i)])));
    if (t.possibleTypes?.length) parts.push(el('p', {}, 'Possible types: ', ...t.possibleTypes.flatMap((p, k) => [k ? ', ' : '', ...this.typeRef(p)])));
    if (t.fields) parts.push(el('h4', {}, 'Fields'), this.fieldList(t.fields, 'fields'));
    if (t.inputFields) parts.push(el('h4', {}, 'Input fields'), this.fieldList(t.inputFields, 'input fields'));
    if (t.enumValues) {
      parts.push(el('h4', {}, 'Values'), el('ul', { class: 'fields', 'aria-label': 'enum values' },
        t.enumValues.map((v) => el('li', {}, el('code', { class: 'fname' }, v.name), ' ', this.badges(v), this.description(v.description)))));
    }
    if (t.kind === 'SCALAR' && !t.description) parts.push(el('p', { class: 'hint' }, 'Scalar type.'));
    this.container.replaceChildren(...parts.filter(Boolean));
    if (focus) heading.focus(); // keyboard and screen-reader users land on the new page, not on a removed button
  }
}
