package io.vakt.server.config;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.project.Suggestions;
import io.vakt.wamp.router.Action;
import io.vakt.wamp.router.Identity;
import io.vakt.wamp.router.PermissionRule;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.vakt.server.config.InvalidValueException.quoted;

/**
 * The list-valued {@code wamp.*} keys. In the YAML file they are YAML lists; in the environment and on the
 * command line the same list is written inline, in JSON or YAML flow style
 * ({@code [{prefix: "", roles: [user], allow: [call]}]}); realms may also be a plain comma-separated list.
 */
final class WampValues {
    /** WAMP's strict URI rule (WAMP spec "URIs"), which realm names follow. */
    private static final Pattern REALM = Pattern.compile("[0-9a-z_]+(\\.[0-9a-z_]+)*");
    private static final List<String> RULE_FIELDS = List.of("prefix", "roles", "minLevel", "allow");
    private static final List<String> ROLES = List.of(Identity.USER_ROLE, Identity.SERVICE_ROLE);
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]*)}");
    private static final Set<String> VARIABLES = Set.of("account", "authid");
    // flow-style YAML is a superset of JSON, so one reader takes both forms
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WampValues() {}

    static List<String> realms(String text) {
        String stripped = text.strip();
        List<String> names = new ArrayList<>();
        if (stripped.startsWith("[")) {
            for (Object item : list(stripped, "a list of realm names")) {
                if (!(item instanceof String name)) throw new InvalidValueException("realm names must be text, not " + item);
                names.add(name.strip());
            }
        } else {
            Arrays.stream(stripped.split(",")).map(String::strip).forEach(names::add);
        }
        if (names.isEmpty() || names.stream().allMatch(String::isEmpty)) throw new InvalidValueException("names no realm");
        Set<String> unique = new LinkedHashSet<>();
        for (String name : names) {
            if (!REALM.matcher(name).matches()) {
                throw new InvalidValueException(quoted(name) + " is not a realm name (lower-case letters, digits and _,"
                        + " in dot-separated parts, e.g. realm1)");
            }
            if (!unique.add(name)) throw new InvalidValueException("realm " + quoted(name) + " is listed twice");
        }
        return List.copyOf(unique);
    }

    static String formatRealms(List<String> realms) {
        return String.join(",", realms);
    }

    static List<PermissionRule> permissions(String text) {
        List<Object> items = list(text.strip(), "a list of rules like [{prefix: \"\", roles: [user], allow: [call]}]");
        List<PermissionRule> rules = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String where = "rule " + (i + 1) + ": ";
            if (!(items.get(i) instanceof Map<?, ?> fields)) {
                throw new InvalidValueException(where + "must be a map with prefix, roles, minLevel and allow");
            }
            rules.add(rule(fields, where));
        }
        return List.copyOf(rules);
    }

    static String formatPermissions(List<PermissionRule> rules) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PermissionRule rule : rules) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("prefix", rule.prefix());
            fields.put("roles", rule.roles().stream().sorted().toList());
            fields.put("minLevel", rule.minLevel().name());
            fields.put("allow", rule.allow().stream().sorted().map(Action::id).toList());
            out.add(fields);
        }
        return JSON.writeValueAsString(out);
    }

    private static PermissionRule rule(Map<?, ?> fields, String where) {
        for (Object key : fields.keySet()) {
            if (!RULE_FIELDS.contains(String.valueOf(key))) {
                throw new InvalidValueException(where + "unknown field " + quoted(String.valueOf(key))
                        + Suggestions.didYouMean(String.valueOf(key), RULE_FIELDS) + "; fields: " + String.join(", ", RULE_FIELDS));
            }
        }
        if (!(fields.get("prefix") instanceof String prefix)) {
            throw new InvalidValueException(where + "needs a prefix (text; \"\" matches every URI)");
        }
        checkVariables(prefix, where);
        Set<String> roles = new LinkedHashSet<>();
        for (String role : texts(fields.get("roles"), where + "roles")) {
            String lowered = role.toLowerCase(Locale.ROOT);
            if (!ROLES.contains(lowered)) {
                throw new InvalidValueException(where + "unknown role " + quoted(role) + Suggestions.didYouMean(role, ROLES)
                        + "; roles: " + String.join(", ", ROLES) + " (none listed = every role)");
            }
            roles.add(lowered);
        }
        AccessLevel minLevel = AccessLevel.None;
        Object level = fields.get("minLevel");
        if (level != null) {
            minLevel = AccessLevel.parse(String.valueOf(level)).orElseThrow(() -> new InvalidValueException(where
                    + "unknown level " + quoted(String.valueOf(level)) + Suggestions.didYouMean(String.valueOf(level),
                    Arrays.stream(AccessLevel.values()).map(Enum::name).toList()) + "; levels: " + AccessLevel.names()));
        }
        Set<Action> allow = EnumSet.noneOf(Action.class);
        List<String> actionIds = Arrays.stream(Action.values()).map(Action::id).toList();
        for (String action : texts(fields.get("allow"), where + "allow")) {
            allow.add(Action.parse(action).orElseThrow(() -> new InvalidValueException(where + "unknown action "
                    + quoted(action) + Suggestions.didYouMean(action, actionIds) + "; actions: "
                    + String.join(", ", actionIds) + " (none listed = deny)")));
        }
        return new PermissionRule(prefix, roles, minLevel, allow);
    }

    private static void checkVariables(String prefix, String where) {
        var matcher = VARIABLE.matcher(prefix);
        while (matcher.find()) {
            if (!VARIABLES.contains(matcher.group(1))) {
                throw new InvalidValueException(where + "unknown variable " + quoted(matcher.group()) + " in the prefix;"
                        + " variables: {account}, {authid}");
            }
        }
    }

    /** A single text or a list of texts; absent = none. */
    private static List<String> texts(Object value, String what) {
        if (value == null) return List.of();
        if (value instanceof String text) return List.of(text);
        if (value instanceof List<?> list) {
            List<String> texts = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof String text)) throw new InvalidValueException(what + " must be a list of names");
                texts.add(text);
            }
            return texts;
        }
        throw new InvalidValueException(what + " must be a list of names");
    }

    private static List<Object> list(String text, String expected) {
        Object parsed;
        try {
            parsed = YAML.readValue(text, Object.class);
        } catch (JacksonException e) {
            throw new InvalidValueException("is not " + expected + " (" + YamlSettings.firstLine(e.getOriginalMessage()) + ")");
        }
        if (!(parsed instanceof List<?> list)) throw new InvalidValueException("must be " + expected);
        return new ArrayList<>(list);
    }
}
