// How live values are written on screen: number formats, digitals, units, timestamps.
//
// Pure functions (no DOM), so `node --test` can import them. The decimal separator is always '.', whatever the
// browser's locale: operators compare the screen with the controller's own display and with lists exported
// from other tools, and those all use '.'; a setpoint reading "21,5" on one screen and "21.5" on the next
// invites misreadings. Times are the browser's local time, 24-hour, built by hand for the same reason.

/** Shown for a value that is not there (no value yet, null, no access). An em dash, never "0". */
export const NO_VALUE = '\u2014';

const NUMBER_FORMAT = /^0(?:\.(0+))?$/;

/**
 * The number of decimals a format asks for: "0" → 0, "0.0" → 1, "0.00" → 2 …; null for an empty or unknown
 * format, which means "as sent".
 */
export function decimalsOf(format) {
  if (typeof format !== 'string') return null;
  const match = NUMBER_FORMAT.exec(format.trim());
  if (!match) return null;
  return match[1] ? match[1].length : 0;
}

/** A value as a number, or null: JSON numbers, booleans (digitals) and numeric strings count. */
export function toNumber(value) {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && /^\s*-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/.test(value)) {
    return Number(value);
  }
  return null;
}

/** A number with a fixed count of decimals; never "-0.0" (a value that rounds to zero shows without sign). */
export function fixed(number, decimals) {
  const text = number.toFixed(decimals);
  return /^-0(?:\.0*)?$/.test(text) ? text.slice(1) : text;
}

/**
 * The text of a value, without unit.
 * @param value    what the server sent (number, string, boolean, null)
 * @param options  { format: "0.0" | "" , dataType: "real" | "integer" | "digital" | "string" | null }
 */
export function formatValue(value, { format = '', dataType = null } = {}) {
  if (value === null || value === undefined) return NO_VALUE;
  if (dataType === 'string') return String(value);
  if (dataType === 'digital') {
    const number = toNumber(value);
    if (number === null) return String(value);
    return number === 0 ? '0' : '1';
  }
  const number = toNumber(value);
  if (number === null) return typeof value === 'string' ? value : JSON.stringify(value);
  const decimals = decimalsOf(format);
  if (decimals === null) return typeof value === 'string' ? value.trim() : String(number);
  return fixed(number, decimals);
}

/** The unit to show: "none" and empty mean no unit. */
export function unitText(unit) {
  if (typeof unit !== 'string') return '';
  const trimmed = unit.trim();
  return trimmed === '' || trimmed.toLowerCase() === 'none' ? '' : trimmed;
}

/** "21.5 °C"; just the value when there is no unit or no value. */
export function withUnit(text, unit) {
  const shown = unitText(unit);
  return shown === '' || text === NO_VALUE ? text : `${text} ${shown}`;
}

/** The value and its unit in one: formatValue then withUnit. */
export function formatWithUnit(value, unit, options = {}) {
  return withUnit(formatValue(value, options), unit);
}

/**
 * The server's timestamp ("2026-11-21T20:11:28", UTC, no zone suffix; spec §5.4) as epoch milliseconds, or null.
 * A suffix (Z or an offset) is honoured if a server ever sends one.
 */
export function parseTimestamp(timeStamp) {
  if (typeof timeStamp !== 'string' || timeStamp.trim() === '') return null;
  const text = timeStamp.trim();
  const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? null : ms;
}

const pad = (n) => String(n).padStart(2, '0');

/** Local wall-clock time "hh:mm:ss" (24-hour) of epoch milliseconds. */
export function clockTime(ms) {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Local date "yyyy-mm-dd" of epoch milliseconds. */
export function localDate(ms) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * The local time of a server timestamp for a table cell: "hh:mm:ss" when it is today, else
 * "yyyy-mm-dd hh:mm:ss"; "—" for none.
 */
export function formatTimestamp(timeStamp, now = Date.now()) {
  const ms = parseTimestamp(timeStamp);
  if (ms === null) return NO_VALUE;
  return localDate(ms) === localDate(now) ? clockTime(ms) : `${localDate(ms)} ${clockTime(ms)}`;
}

/** The step of a number input for a format and type: "1" for integers and "0", "0.1" for "0.0", else "any". */
export function stepFor(format, dataType) {
  if (dataType === 'integer') return '1';
  const decimals = decimalsOf(format);
  if (decimals === null) return 'any';
  return decimals === 0 ? '1' : `0.${'0'.repeat(decimals - 1)}1`;
}

/** A JSON value as short text for a notice: at most `max` characters, cut with "…". */
export function shortJson(value, max = 160) {
  let text;
  try {
    text = value === undefined ? 'done' : typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    text = String(value);
  }
  if (text === undefined) text = String(value);
  return text.length > max ? `${text.slice(0, max - 1)}\u2026` : text;
}

/**
 * The text of a ServerSideFunction progress report: "step 2 of 5" when it carries step and of (or total),
 * followed by any other fields; its message when it is (or holds) text; else short JSON.
 * @param payload  the progressive RESULT: { args, kwargs } or its first argument
 */
export function progressText(payload) {
  let value = payload;
  if (payload && typeof payload === 'object' && ('args' in payload || 'kwargs' in payload)) {
    const args = Array.isArray(payload.args) ? payload.args : [];
    value = args.length > 0 ? args[0] : payload.kwargs;
  }
  if (value === null || value === undefined) return 'working\u2026';
  if (typeof value !== 'object') return String(value);
  const step = value.step ?? value.current;
  const of = value.of ?? value.total ?? value.steps;
  const message = typeof value.message === 'string' ? value.message : typeof value.text === 'string' ? value.text : null;
  if (step !== undefined && of !== undefined) {
    const rest = Object.fromEntries(Object.entries(value).filter(([key]) =>
      !['step', 'current', 'of', 'total', 'steps', 'message', 'text'].includes(key)));
    const extra = Object.entries(rest)
      .map(([key, v]) => ` \u00b7 ${key} ${typeof v === 'object' && v !== null ? shortJson(v, 40) : String(v)}`)
      .join('');
    return `step ${step} of ${of}${message ? `: ${message}` : ''}${extra}`;
  }
  if (message) return message;
  return shortJson(value, 120);
}

/** The value a WAMP RESULT stands for: its first argument, else its kwargs (if any), else undefined. */
export function resultValue(result) {
  if (!result || typeof result !== 'object') return result;
  if (Array.isArray(result.args) && result.args.length > 0) return result.args[0];
  if (result.kwargs && typeof result.kwargs === 'object' && Object.keys(result.kwargs).length > 0) return result.kwargs;
  return undefined;
}
