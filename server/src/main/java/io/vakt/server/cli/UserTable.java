package io.vakt.server.cli;

import io.vakt.store.UserRecord;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The table {@code vakt user list} prints: name, level, created, disabled; columns as wide as their content. */
final class UserTable {
    private static final List<String> HEADER = List.of("NAME", "LEVEL", "CREATED", "DISABLED");
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private UserTable() {}

    /** @param zone the zone creation times are shown in (the operator's) */
    static String render(List<UserRecord> users, ZoneId zone) {
        if (users.isEmpty()) return "No users yet. The server creates admin on its first start; or run `vakt user add NAME`.\n";
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (UserRecord user : users) {
            rows.add(List.of(user.username(), user.level().name(), CREATED.withZone(zone).format(user.created()),
                    user.disabled() ? "yes" : "no"));
        }
        return columns(rows);
    }

    /** Rows as left-aligned columns as wide as their content, two spaces apart, without trailing spaces. */
    static String columns(List<List<String>> rows) {
        int[] widths = new int[rows.getFirst().size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) widths[i] = Math.max(widths[i], row.get(i).length());
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i));
                if (i < row.size() - 1) line.append(" ".repeat(widths[i] - row.get(i).length() + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
