package io.vakt.store;

import io.vakt.core.error.Fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of one script query, checked and rewritten for SQLite. A small tokenizer that knows SQLite's
 * strings ({@code '…'}), quoted identifiers ({@code "…"}, {@code [...]}, {@code `…`}) and comments
 * ({@code --}, {@code /* *}{@code /}) finds what matters outside them: the first keyword, a {@code ;} and
 * {@code @name} placeholders.
 *
 * <p>This is the first, friendly line of defence, giving clear messages for the common mistakes. It is not
 * what keeps a query away from other tables: {@link TableGuard} checks the compiled program, and the query
 * runs on a read-only connection.
 *
 * @param sql        the statement with each {@code @name} replaced by a positional {@code ?} and without
 *                   a final {@code ;}
 * @param parameters the placeholder names in order of appearance, one per {@code ?} (a name used twice
 *                   appears twice)
 */
record QueryText(String sql, List<String> parameters) {
    QueryText {
        parameters = List.copyOf(parameters);
    }

    /**
     * @param operation how scripts call the query, e.g. {@code db.userlog.query}, for messages
     * @throws io.vakt.core.error.VaktException {@code INVALID_ARGUMENT} for empty SQL, a statement that does
     *                                          not start with SELECT or WITH, more than one statement, or
     *                                          a placeholder other than {@code @name}
     */
    static QueryText parse(String sql, String operation) {
        if (sql == null) throw Fault.INVALID_ARGUMENT.exception("empty SQL");
        int n = sql.length();
        StringBuilder out = new StringBuilder(n);
        List<String> names = new ArrayList<>();
        boolean started = false;
        int i = 0;
        while (i < n) {
            int end = blankEnd(sql, i);
            if (end > i) {
                out.append(sql, i, end);
                i = end;
                continue;
            }
            char ch = sql.charAt(i);
            if (ch == ';') {
                if (blankEnd(sql, i + 1) < n) {
                    throw Fault.INVALID_ARGUMENT.exception(operation + " runs a single statement; nothing may follow ';'");
                }
                break;
            }
            if (ch == '@' && isWordChar(sql, i + 1)) {
                if (!started) throw notASelect(operation);
                end = wordEnd(sql, i + 1);
                names.add(sql.substring(i + 1, end));
                out.append('?');
                i = end;
                continue;
            }
            if (ch == '?' || ((ch == ':' || ch == '$') && isWordChar(sql, i + 1))) {
                // SQLite would number these alongside the rewritten @names and bind the wrong values
                throw Fault.INVALID_ARGUMENT.exception(operation + " takes @name placeholders only, found '"
                        + sql.substring(i, ch == '?' ? i + 1 : wordEnd(sql, i + 1)) + "'");
            }
            end = tokenEnd(sql, i);
            if (!started) {
                String keyword = sql.substring(i, end).toUpperCase(Locale.ROOT);
                if (!keyword.equals("SELECT") && !keyword.equals("WITH")) throw notASelect(operation);
                started = true;
            }
            out.append(sql, i, end);
            i = end;
        }
        if (!started) throw Fault.INVALID_ARGUMENT.exception("empty SQL");
        return new QueryText(out.toString(), names);
    }

    private static RuntimeException notASelect(String operation) {
        return Fault.INVALID_ARGUMENT.exception(operation + " runs only a SELECT statement (or WITH … SELECT)");
    }

    /** The end of the whitespace or comment at {@code i}, or {@code i} if there is none. */
    private static int blankEnd(String sql, int i) {
        int n = sql.length();
        int at = i;
        while (at < n) {
            char ch = sql.charAt(at);
            if (Character.isWhitespace(ch)) {
                at++;
            } else if (sql.startsWith("--", at)) {
                int newline = sql.indexOf('\n', at);
                at = newline < 0 ? n : newline + 1;
            } else if (sql.startsWith("/*", at)) {
                int close = sql.indexOf("*/", at + 2);
                at = close < 0 ? n : close + 2; // SQLite lets an unclosed comment run to the end
            } else {
                break;
            }
        }
        return at;
    }

    /** The end of the token at {@code i}: a quoted string or identifier, a word, or one character. */
    private static int tokenEnd(String sql, int i) {
        char ch = sql.charAt(i);
        return switch (ch) {
            case '\'', '"', '`' -> quotedEnd(sql, i, ch);
            case '[' -> {
                int close = sql.indexOf(']', i + 1);
                yield close < 0 ? sql.length() : close + 1;
            }
            default -> isWordChar(sql, i) ? wordEnd(sql, i) : i + 1;
        };
    }

    /** Quotes inside are doubled ({@code 'it''s'}); an unclosed quote runs to the end, where SQLite rejects it. */
    private static int quotedEnd(String sql, int i, char quote) {
        int at = i + 1;
        while (true) {
            int close = sql.indexOf(quote, at);
            if (close < 0) return sql.length();
            if (close + 1 < sql.length() && sql.charAt(close + 1) == quote) {
                at = close + 2;
            } else {
                return close + 1;
            }
        }
    }

    private static int wordEnd(String sql, int i) {
        int at = i;
        while (isWordChar(sql, at)) at++;
        return at;
    }

    /** SQLite's identifier characters: letters, digits, '_', '$' and every non-ASCII character. */
    private static boolean isWordChar(String sql, int i) {
        if (i >= sql.length()) return false;
        char ch = sql.charAt(i);
        return ch >= 0x80 || Character.isLetterOrDigit(ch) || ch == '_' || ch == '$';
    }
}
