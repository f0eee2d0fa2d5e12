// The write dialog: how an operator changes a writable value in a list or a view.
//
// Flow (one confirmation mechanism, a second button):
//   1. openWriteDialog() shows dialog#write-dialog (showModal) with the title, the current value, the unit, the
//      allowed range and input#write-value: type=number with min/max/step for numbers, a <select> 0/1 (with the
//      view's data-vakt-texts) for digitals and for numbers that have data-vakt-texts (a run mode: Off, Auto …),
//      a text field for strings.
//   2. button#write-submit ("Check") validates the value here first: type (integer/real/digital/string) and
//      range (min/max from node.bindings). A problem is shown in #write-error (role=alert) and nothing is sent.
//   3. A valid value leads to the confirmation step: the input locks, the question "Set … to …?" appears and a
//      button#write-confirm ("Confirm <value> <unit>") is inserted into the dialog; it exists only in this step.
//      button#write-back returns to editing. Tests click #write-submit, then #write-confirm if present.
//   4. #write-confirm sends mutation writeData with key "<nodePath>:<k>" and the value as a string. The server
//      answers [true] once the controller's read-back shows the value: the dialog closes and
//      notify("<title> set to <value> <unit>", {kind:'ok'}). A refusal ([false] plus a GraphQL error naming
//      NOT_WRITABLE, OUT_OF_RANGE, …) shows the server's message in #write-error and returns to editing.
//   Escape or button#write-cancel closes the dialog without writing; focus always returns to the element that
//   opened it. A write already sent when the dialog is closed still finishes and reports through a notice.

import { notify } from './notify.js';
import { decimalsOf, fixed, formatValue, NO_VALUE, stepFor, unitText, withUnit } from './format.js';
import { lookup } from './rules.js';

const WRITE_MUTATION = 'mutation($v:[VariableKeyValue!]!){ writeData(variables:$v) }';

let dialog = null; // one dialog per page, reused
let current = null; // the open write: its options and step

function el(tag, attributes = {}, text = null) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== null) node.textContent = text;
  return node;
}

function buildDialog() {
  const d = el('dialog', { id: 'write-dialog', class: 'vakt-dialog', 'aria-labelledby': 'write-title' });
  const form = el('form', { method: 'dialog', novalidate: '' });
  form.append(
    el('h2', { id: 'write-title' }),
    el('p', { id: 'write-address', class: 'dialog-sub' }),
  );
  const facts = el('dl', { class: 'write-facts' });
  facts.append(
    el('dt', {}, 'Current value'), el('dd', { id: 'write-current' }),
    el('dt', {}, 'Allowed'), el('dd', { id: 'write-range' }),
  );
  const label = el('label', { for: 'write-value', id: 'write-label' }, 'New value');
  const field = el('div', { class: 'write-field' });
  field.append(el('input', { id: 'write-value' }), el('span', { id: 'write-unit', class: 'write-unit' }));
  const question = el('p', { id: 'write-question', hidden: '' });
  const error = el('p', { id: 'write-error', role: 'alert' });
  const buttons = el('div', { class: 'dialog-buttons' });
  buttons.append(
    el('button', { type: 'button', id: 'write-cancel', class: 'btn' }, 'Cancel'),
    el('button', { type: 'button', id: 'write-back', class: 'btn', hidden: '' }, 'Back'),
    el('button', { type: 'submit', id: 'write-submit', class: 'btn btn-primary' }, 'Check'),
  );
  form.append(facts, label, field, question, error, buttons);
  d.append(form);

  form.addEventListener('submit', (event) => {
    event.preventDefault(); // method=dialog would close it
    if (current?.step === 'edit') check();
  });
  d.querySelector('#write-cancel').addEventListener('click', () => d.close('cancel'));
  d.querySelector('#write-back').addEventListener('click', () => toEditing());
  d.addEventListener('close', () => {
    const closing = current;
    current = null;
    if (closing?.returnFocus?.isConnected) closing.returnFocus.focus({ preventScroll: true });
  });
  document.body.append(d);
  return d;
}

/** The text of a value for this write: number format, digital texts, unit. */
function display(options, value) {
  if (value === null || value === undefined) return NO_VALUE;
  const text = lookup(options.texts, value);
  const shown = formatValue(value, { format: options.format, dataType: options.binding.dataType });
  if (text !== undefined) return text === shown ? text : `${text} (${shown})`;
  return withUnit(shown, options.unit);
}

function rangeText({ binding, unit, format, texts }) {
  const type = binding.dataType;
  const choices = choicesFor(binding, texts);
  if (choices) {
    const named = choices.map(({ value, text }) => (text !== undefined && text !== value ? `${value} ${text}` : value));
    return named.length === 2 ? named.join(' or ') : named.join(', ');
  }
  if (type === 'string') return 'Any text';
  const decimals = decimalsOf(format);
  const number = (n) => (decimals === null ? String(n) : fixed(n, decimals));
  const kind = type === 'integer' ? 'Whole number' : 'Number';
  const u = unitText(unit);
  const suffix = u ? ` ${u}` : '';
  if (binding.min !== null && binding.max !== null) return `${kind} from ${number(binding.min)} to ${number(binding.max)}${suffix}`;
  if (binding.min !== null) return `${kind}, at least ${number(binding.min)}${suffix}`;
  if (binding.max !== null) return `${kind}, at most ${number(binding.max)}${suffix}`;
  return kind;
}

/**
 * The values to choose from, or null for free input: 0 and 1 for digitals; for other numbers the keys of
 * data-vakt-texts when there are some (within min/max). Strings are always typed.
 */
function choicesFor(binding, texts) {
  if (binding.dataType === 'digital') return ['0', '1'].map((value) => ({ value, text: lookup(texts, value) }));
  if (binding.dataType === 'string' || !texts || texts.length === 0) return null;
  const choices = texts
    .filter((entry) => /^-?\d+(?:\.\d+)?$/.test(entry.key))
    .filter((entry) => validate(entry.key, binding).ok)
    .map((entry) => ({ value: entry.key, text: entry.target }));
  return choices.length > 0 ? choices : null;
}

function makeInput(options) {
  const { binding, texts, format } = options;
  const currentValue = options.entry?.hasValue ? options.entry.value : null;
  let input;
  const choices = choicesFor(binding, texts);
  if (choices) {
    // a value with named states (digitals, or numbers with data-vakt-texts such as a run mode): pick one
    input = el('select', { id: 'write-value' });
    for (const { value, text } of choices) {
      input.append(el('option', { value }, text !== undefined && text !== value ? `${value} \u2014 ${text}` : value));
    }
    const selected = currentValue === null ? null
      : choices.find((choice) => Number(choice.value) === Number(currentValue));
    if (selected) input.value = selected.value;
  } else if (binding.dataType === 'string') {
    input = el('input', { id: 'write-value', type: 'text', autocomplete: 'off', spellcheck: 'false' });
    if (currentValue !== null) input.value = String(currentValue);
  } else {
    input = el('input', { id: 'write-value', type: 'number', inputmode: 'decimal', autocomplete: 'off',
      step: stepFor(format, binding.dataType) });
    if (binding.min !== null && binding.min !== undefined) input.min = String(binding.min);
    if (binding.max !== null && binding.max !== undefined) input.max = String(binding.max);
    if (currentValue !== null && Number.isFinite(Number(currentValue))) {
      const decimals = decimalsOf(format);
      input.value = decimals === null ? String(currentValue) : fixed(Number(currentValue), decimals);
    }
  }
  input.setAttribute('aria-describedby', 'write-range write-error');
  return input;
}

/**
 * Checks a typed value against the binding: { ok: true, value: "<string to send>", number } or
 * { ok: false, reason }. Exported for tests of the dialog's rules.
 */
export function validate(text, binding, badInput = false) {
  const type = binding.dataType;
  const trimmed = String(text ?? '').trim();
  if (type === 'string') return { ok: true, value: String(text ?? '') };
  if (badInput || trimmed === '') return { ok: false, reason: type === 'digital' ? 'Choose 0 or 1.' : 'Enter a number.' };
  if (type === 'digital') {
    return trimmed === '0' || trimmed === '1' ? { ok: true, value: trimmed, number: Number(trimmed) }
      : { ok: false, reason: 'A digital value is 0 or 1.' };
  }
  if (!/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(trimmed)) {
    return { ok: false, reason: `"${trimmed}" is not a number (use a point as decimal separator).` };
  }
  const number = Number(trimmed);
  if (!Number.isFinite(number)) return { ok: false, reason: 'Enter a number.' };
  if (type === 'integer' && !Number.isInteger(number)) return { ok: false, reason: `${trimmed} is not a whole number.` };
  const unit = unitText(binding.unit) ? ` ${unitText(binding.unit)}` : '';
  if (binding.min !== null && binding.min !== undefined && number < binding.min) {
    return { ok: false, reason: `${trimmed} is below the minimum, ${binding.min}${unit}.` };
  }
  if (binding.max !== null && binding.max !== undefined && number > binding.max) {
    return { ok: false, reason: `${trimmed} is above the maximum, ${binding.max}${unit}.` };
  }
  return { ok: true, value: String(number), number };
}

function showError(text) {
  const error = dialog.querySelector('#write-error');
  error.textContent = text ?? '';
  const input = dialog.querySelector('#write-value');
  if (text) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

function check() {
  const input = dialog.querySelector('#write-value');
  const result = validate(input.value, current.binding, Boolean(input.validity?.badInput));
  if (!result.ok) {
    showError(result.reason);
    input.focus();
    return;
  }
  showError('');
  toConfirming(result);
}

function toConfirming(result) {
  current.step = 'confirm';
  current.value = result.value;
  const shown = display(current, result.number ?? result.value);
  const input = dialog.querySelector('#write-value');
  input.disabled = true;
  const question = dialog.querySelector('#write-question');
  question.textContent = `Set ${current.title} to ${shown}?`;
  question.hidden = false;
  dialog.querySelector('#write-submit').hidden = true;
  dialog.querySelector('#write-back').hidden = false;
  const confirm = el('button', { type: 'button', id: 'write-confirm', class: 'btn btn-primary' }, `Confirm ${shown}`);
  confirm.addEventListener('click', () => send(shown));
  dialog.querySelector('.dialog-buttons').append(confirm);
  confirm.focus();
}

/** The dialog's first step: the value field and Check, no confirmation question. */
function showEditStep() {
  dialog.querySelector('#write-confirm')?.remove();
  dialog.querySelector('#write-question').hidden = true;
  dialog.querySelector('#write-back').hidden = true;
  const submit = dialog.querySelector('#write-submit');
  submit.hidden = false;
  submit.disabled = false;
}

function toEditing() {
  if (!current) return;
  current.step = 'edit';
  showEditStep();
  dialog.querySelector('#write-back').disabled = false;
  const input = dialog.querySelector('#write-value');
  input.disabled = false;
  input.focus();
}

/** The server's reason for a refusal: the GraphQL error message (with its code when it adds something). */
function refusal(error) {
  const first = error?.errors?.[0];
  const message = first?.message ?? error?.message ?? 'The server refused the write.';
  return message;
}

async function send(shown) {
  const write = current;
  write.step = 'sending';
  const confirm = dialog.querySelector('#write-confirm');
  confirm.disabled = true;
  confirm.textContent = 'Writing\u2026';
  dialog.querySelector('#write-back').disabled = true;
  dialog.querySelector('#write-question').textContent = `Writing ${shown}: waiting for the controller to confirm\u2026`;
  dialog.setAttribute('aria-busy', 'true');
  let failure = null;
  try {
    const data = await write.session.graphql(WRITE_MUTATION, { v: [{ key: `${write.nodePath}:${write.k}`, value: write.value }] });
    if (!(Array.isArray(data?.writeData) && data.writeData[0] === true)) failure = 'The server did not confirm the write.';
  } catch (error) {
    failure = refusal(error);
  }
  dialog.removeAttribute('aria-busy');
  const stillOpen = current === write && dialog.open;
  if (!failure) {
    notify(`${write.title} set to ${shown}`, { kind: 'ok', key: `write:${write.nodePath}:${write.k}` });
    if (stillOpen) dialog.close('written');
    return;
  }
  if (!stillOpen) {
    notify(`${write.title} not written: ${failure}`, { kind: 'error', key: `write:${write.nodePath}:${write.k}` });
    return;
  }
  toEditing();
  showError(`Not written: ${failure}`);
}

/**
 * Opens the write dialog for one bound element.
 * @param options {
 *   session, nodePath, k,           where to write: key "<nodePath>:<k>"
 *   title,                          what the operator knows the value as
 *   binding,                        node.bindings[k]: dataType, unit, min, max, technicalAddress
 *   entry,                          the element's live entry (current value), may be null
 *   format, unit, texts,            how values are shown (texts: parsed data-vakt-texts, or null)
 *   returnFocus                     the element focused again when the dialog closes
 * }
 */
export function openWriteDialog(options) {
  if (!dialog || !dialog.isConnected) dialog = buildDialog();
  if (dialog.open) dialog.close('replaced');
  current = { step: 'edit', format: '', texts: null, ...options, unit: options.unit ?? options.binding.unit };
  dialog.querySelector('#write-title').textContent = `Change ${current.title}`;
  dialog.querySelector('#write-address').textContent = current.binding.technicalAddress ?? '';
  const entry = current.entry;
  let currentText = entry?.hasValue ? display(current, entry.value) : NO_VALUE;
  if (entry && entry.state !== 'normal' && entry.state) currentText += ` (${entry.state.replace('-', ' ')})`;
  dialog.querySelector('#write-current').textContent = currentText;
  dialog.querySelector('#write-range').textContent = rangeText(current);
  dialog.querySelector('#write-unit').textContent = choicesFor(current.binding, current.texts) ? '' : unitText(current.unit);
  const field = makeInput(current);
  // a refusal explains the value it was about; once the user edits, it no longer applies
  field.addEventListener(field.tagName === 'SELECT' ? 'change' : 'input', () => showError(''));
  dialog.querySelector('#write-value').replaceWith(field);
  showError('');
  showEditStep();
  dialog.showModal();
  const input = dialog.querySelector('#write-value');
  input.focus();
  if (typeof input.select === 'function') input.select();
  const write = current;
  return { close: () => { if (current === write && dialog.open) dialog.close('disposed'); } };
}

/** Closes the write dialog if open (the router navigates away). */
export function closeWriteDialog() {
  if (dialog?.open) dialog.close('navigated');
}
