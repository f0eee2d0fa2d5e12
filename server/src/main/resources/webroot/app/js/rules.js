// The rule attributes of view elements (docs/views.md): data-vakt-states, data-vakt-texts, data-vakt-fill,
// data-vakt-stroke and data-vakt-visible. Each attribute is parsed once when a view is drawn and then evaluated
// for every value, so a burst of updates costs a few comparisons, not a re-parse.
//
// The server's loader validates the same grammar when it loads a project (core …/project/), so a view that
// reaches the browser is normally well-formed; the parser here still reports what it cannot read (RuleError)
// and the view runtime then ignores that one attribute rather than the whole view. Keep both in agreement.
//
// Grammar:
//   states   = entry *(";" entry)        entry = key "=" name      name = [A-Za-z0-9_-]+
//   texts    = entry *(";" entry)        entry = key "=" text      text = anything but ";"
//   key      = number | word             number = -?digits[.digits]   word = [A-Za-z0-9_-]+
//   colours  = rule *(";" rule)          rule = condition ":" colour | colour (only as the last, the default)
//   visible  = condition *(";" condition)   (visible when ANY matches)
//   condition = "<" N | "<=" N | ">" N | ">=" N | "=" N | "!=" N | N ".." M   (M inclusive)
//   colour   = #rgb | #rrggbb | #rrggbbaa | a CSS colour name (letters only) | none
// Spaces around tokens are allowed. Pure module: no DOM.

/** A rule attribute that cannot be read; the message says where and why. */
export class RuleError extends Error {
  constructor(message) {
    super(message);
    this.name = 'RuleError';
  }
}

const NUMBER = '-?\\d+(?:\\.\\d+)?';
const NUMBER_ONLY = new RegExp(`^${NUMBER}$`);
const WORD = /^[A-Za-z0-9_-]+$/;
const COMPARISON = new RegExp(`^(<=|>=|!=|<|>|=)\\s*(${NUMBER})$`);
const RANGE = new RegExp(`^(${NUMBER})\\s*\\.\\.\\s*(${NUMBER})$`);
const COLOUR = /^(?:#[0-9A-Fa-f]{3}|#[0-9A-Fa-f]{6}|#[0-9A-Fa-f]{8}|[A-Za-z]+)$/;

/** The non-empty ";"-separated parts of a rule text, trimmed; an empty attribute has none. */
function parts(text) {
  return String(text ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** A value as a number for comparisons: numbers, booleans (digitals as 0/1) and numeric strings. */
export function numeric(value) {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && NUMBER_ONLY.test(value.trim())) return Number(value.trim());
  return null;
}

/** Does a value match a states/texts key: equal as numbers, or, when either is not a number, equal as text. */
export function keyMatches(key, value) {
  if (value === null || value === undefined) return false;
  const keyNumber = numeric(key);
  const valueNumber = numeric(value);
  if (keyNumber !== null && valueNumber !== null) return keyNumber === valueNumber;
  return String(key) === String(value).trim();
}

function parseEntries(text, attribute, checkTarget) {
  const entries = [];
  for (const part of parts(text)) {
    const at = part.indexOf('=');
    if (at < 0) throw new RuleError(`${attribute}: "${part}" needs the form value=name (e.g. 0=off;1=on)`);
    const key = part.slice(0, at).trim();
    const target = part.slice(at + 1).trim();
    if (!NUMBER_ONLY.test(key) && !WORD.test(key)) {
      throw new RuleError(`${attribute}: "${key}" is not a number or a word`);
    }
    checkTarget(target, part);
    entries.push({ key, target });
  }
  if (entries.length === 0) throw new RuleError(`${attribute} is empty`);
  return entries;
}

/** data-vakt-states="0=off;1=on" → [{ key: "0", target: "off" }, …]. */
export function parseStates(text) {
  return parseEntries(text, 'data-vakt-states', (name, part) => {
    if (!WORD.test(name)) {
      throw new RuleError(`data-vakt-states: state name "${name}" in "${part}" may only hold letters, digits, _ and -`);
    }
  });
}

/** data-vakt-texts="0=Stopped;1=Running" → [{ key: "0", target: "Stopped" }, …]. */
export function parseTexts(text) {
  return parseEntries(text, 'data-vakt-texts', () => {});
}

/** The target (state name or text) of the first entry whose key matches the value, else undefined. */
export function lookup(entries, value) {
  if (!entries) return undefined;
  for (const entry of entries) if (keyMatches(entry.key, value)) return entry.target;
  return undefined;
}

/** "<18", ">=5", "=1", "!=0", "18..24" → { op, a, b }. */
export function parseCondition(text, attribute = 'condition') {
  const trimmed = String(text).trim();
  const comparison = COMPARISON.exec(trimmed);
  if (comparison) return { op: comparison[1], a: Number(comparison[2]) };
  const range = RANGE.exec(trimmed);
  if (range) {
    const a = Number(range[1]);
    const b = Number(range[2]);
    if (a > b) throw new RuleError(`${attribute}: range "${trimmed}" runs backwards (write the lower bound first)`);
    return { op: '..', a, b };
  }
  throw new RuleError(`${attribute}: "${trimmed}" is not a condition (use <N, <=N, >N, >=N, =N, !=N or N..M)`);
}

/** Does a value satisfy a condition. A value that is not a number (or no value) satisfies none. */
export function matches(condition, value) {
  const v = numeric(value);
  if (v === null) return false;
  switch (condition.op) {
    case '<': return v < condition.a;
    case '<=': return v <= condition.a;
    case '>': return v > condition.a;
    case '>=': return v >= condition.a;
    case '=': return v === condition.a;
    case '!=': return v !== condition.a;
    case '..': return v >= condition.a && v <= condition.b;
    default: return false;
  }
}

function parseColour(text, attribute) {
  const colour = text.trim();
  if (!COLOUR.test(colour)) {
    throw new RuleError(`${attribute}: "${colour}" is not a colour (use #rgb, #rrggbb, #rrggbbaa, a colour name or none)`);
  }
  return colour;
}

/** data-vakt-fill / data-vakt-stroke → { rules: [{ condition, colour }], fallback: colour | null }. */
export function parseColourRules(text, attribute = 'data-vakt-fill') {
  const list = parts(text);
  if (list.length === 0) throw new RuleError(`${attribute} is empty`);
  const rules = [];
  let fallback = null;
  list.forEach((part, index) => {
    const at = part.indexOf(':');
    if (at < 0) {
      if (index !== list.length - 1) {
        throw new RuleError(`${attribute}: the bare colour "${part}" must come last (it is the default)`);
      }
      fallback = parseColour(part, attribute);
      return;
    }
    rules.push({ condition: parseCondition(part.slice(0, at), attribute), colour: parseColour(part.slice(at + 1), attribute) });
  });
  return { rules, fallback };
}

/** The colour for a value: the first matching rule, else the default, else null (= the drawing's own colour). */
export function colourFor(colourRules, value) {
  if (!colourRules || value === null || value === undefined) return null;
  for (const rule of colourRules.rules) if (matches(rule.condition, value)) return rule.colour;
  return colourRules.fallback;
}

/** data-vakt-visible="=1;=3" → [condition, …]. */
export function parseVisible(text) {
  const list = parts(text);
  if (list.length === 0) throw new RuleError('data-vakt-visible is empty');
  return list.map((part) => parseCondition(part, 'data-vakt-visible'));
}

/** Visible when any condition matches; no value (pending, no access) matches none, so the element is hidden. */
export function isVisible(conditions, value) {
  return conditions.some((condition) => matches(condition, value));
}

const PARSERS = {
  states: ['data-vakt-states', parseStates],
  texts: ['data-vakt-texts', parseTexts],
  fill: ['data-vakt-fill', (text) => parseColourRules(text, 'data-vakt-fill')],
  stroke: ['data-vakt-stroke', (text) => parseColourRules(text, 'data-vakt-stroke')],
  visible: ['data-vakt-visible', parseVisible],
};

/**
 * All rule attributes of one element, parsed: { states, texts, fill, stroke, visible, errors }. An attribute
 * that is absent is null; one that cannot be read is null and its RuleError message is in errors.
 * @param getAttribute  name → value or null (e.g. element.getAttribute.bind(element))
 */
export function compileRules(getAttribute) {
  const compiled = { errors: [] };
  for (const [field, [attribute, parse]] of Object.entries(PARSERS)) {
    const text = getAttribute(attribute);
    compiled[field] = null;
    if (text === null || text === undefined) continue;
    try {
      compiled[field] = parse(text);
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      compiled.errors.push(error.message);
    }
  }
  return compiled;
}

/** Does a compiled element have any rule at all. */
export function hasRules(compiled) {
  return Boolean(compiled.states || compiled.texts || compiled.fill || compiled.stroke || compiled.visible);
}
