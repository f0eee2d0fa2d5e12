package io.vakt.scripting.state;

import io.vakt.core.error.Fault;
import io.vakt.core.model.Project;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * ServerSideFunction state (spec §8.3, §8.4, §15 items 7 and 8): JSON documents in {@link StateFiles}, one per
 * normalized virtual path, found from the registration path of the code and the optional {@code file} option
 * (rules in {@link #file}). Methods block on the store; {@link StateOperations} runs them off the script threads.
 *
 * <p>Rules where the spec is silent, chosen here:
 * <ul>
 *   <li>Only {@code null} deletes; {@code 0}, {@code ""} and {@code false} are stored like any value.</li>
 *   <li>Deleting the last key leaves the file holding {@code {}}: the file a script created keeps existing
 *       until it is deleted as a whole ({@code data: null} without a key), so a keyless read never starts
 *       failing because keys came and went.</li>
 *   <li>Deleting a key of a missing file, or a missing file, succeeds and changes nothing.</li>
 *   <li>Files hold JSON text. A keyless {@code set} stores any JSON value (a string is stored as a JSON string,
 *       so it reads back as the same string); a file that is not JSON (written by other means) reads back as
 *       its text.</li>
 *   <li>Keyed access needs a file holding a JSON object; anything else fails with {@code INVALID_ARGUMENT}
 *       rather than being overwritten.</li>
 *   <li>{@code key} and {@code file}, when given, may not be empty; a key is at most
 *       {@value StatePaths#MAX_LENGTH} characters; a file at most {@value StateJson#MAX_CHARS} characters of JSON.</li>
 * </ul>
 *
 * <p>Every change of one file (keyed or whole) runs under that file's lock, so concurrent read-modify-writes
 * in this process never lose an update. Locks are striped by path: two files may share a stripe, which only
 * costs a little waiting.
 */
public final class SsfState {
    /** What {@code state.set} answers. */
    public static final Map<String, Object> OK = Map.of("ok", true);

    private static final int STRIPES = 64;

    private final StatePaths paths;
    private final StateFiles files;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public SsfState(Project project, StateFiles files) {
        this.paths = new StatePaths(project);
        this.files = files;
        for (int i = 0; i < STRIPES; i++) locks[i] = new ReentrantLock();
    }

    /**
     * The normalized virtual path for code registered under {@code registrationPath} (dotted, e.g.
     * {@code Landskrona.Ventilation.Overview.File} or the area {@code Landskrona}):
     * {@code Proj:x/y.json} → {@code /x/y.json}, {@code EXOscada:x} → {@code /EXOscada/x}, {@code Shared:x} →
     * {@code /Shared/x}, {@code Area:x} → {@code /<folder of the registration path>/x} (root folder: {@code /x}),
     * a plain name → {@code /Arrigo/state/<name>}, no file → {@code /Arrigo/state/<registration path>.json}.
     * {@code Web:} paths, {@code ..} segments, backslashes, control characters, empty names and paths over
     * {@value StatePaths#MAX_LENGTH} characters fail with {@code INVALID_ARGUMENT}; {@code Area:} with a registration
     * path that names nothing in the project fails with {@code INVALID_PATH}.
     *
     * @param file the {@code file} option, or null
     */
    public String file(String registrationPath, String file) { return paths.resolve(registrationPath, file); }

    /**
     * {@code state.get}: the whole stored value without a key, else the value under {@code key}.
     *
     * @throws io.vakt.core.error.VaktException {@code NOT_FOUND_STATE} for a missing file or key;
     *                                          {@code INVALID_ARGUMENT} for a key into a file that is not a JSON object
     */
    public Object get(String registrationPath, String key, String file) {
        String path = file(registrationPath, file);
        if (key != null) requireKey(key);
        Object stored = StateJson.read(files.read(path).orElseThrow(
                () -> Fault.NOT_FOUND_STATE.exception("no state file " + path)));
        if (key == null) return stored;
        Map<?, ?> object = asObject(stored, path, key);
        if (!object.containsKey(key)) {
            throw Fault.NOT_FOUND_STATE.exception("no key " + StatePaths.quote(key) + " in " + path);
        }
        return object.get(key);
    }

    /**
     * {@code state.set}: stores {@code data} under {@code key}, or as the whole file without a key; {@code null}
     * deletes the key, or the whole file without a key.
     *
     * @return {@link #OK}
     */
    public Map<String, Object> set(String registrationPath, Object data, String key, String file) {
        if (key != null) {
            update(registrationPath, key, file, old -> data);
            return OK;
        }
        String path = file(registrationPath, file);
        // serialised before taking the lock: a large or invalid value never holds up other writers
        String text = data == null ? null : StateJson.write(data);
        ReentrantLock lock = lockOf(path);
        lock.lock();
        try {
            if (text == null) files.delete(path);
            else files.write(path, text);
        } finally {
            lock.unlock();
        }
        return OK;
    }

    /**
     * Atomically replaces the value under {@code key} by {@code change(current)}, where {@code current} is null
     * when the file or the key is missing; a null result deletes the key. Atomic against every other change of
     * the same file in this process.
     *
     * @return the new value
     */
    public Object update(String registrationPath, String key, String file, UnaryOperator<Object> change) {
        requireKey(key);
        String path = file(registrationPath, file);
        ReentrantLock lock = lockOf(path);
        lock.lock();
        try {
            Optional<String> text = files.read(path);
            Map<String, Object> object = new LinkedHashMap<>();
            if (text.isPresent()) {
                asObject(StateJson.read(text.get()), path, key).forEach((k, v) -> object.put((String) k, v));
            }
            Object next = change.apply(object.get(key));
            if (next == null) {
                // nothing to delete: leave the file as it is, and a missing file missing
                if (!object.containsKey(key)) return null;
                object.remove(key);
            } else {
                object.put(key, next);
            }
            files.write(path, StateJson.write(object));
            return next;
        } finally {
            lock.unlock();
        }
    }

    private static Map<?, ?> asObject(Object stored, String path, String key) {
        if (stored instanceof Map<?, ?> map) return map;
        throw Fault.INVALID_ARGUMENT.exception("state file " + path + " holds " + describe(stored)
                + ", not a JSON object, so it has no key " + StatePaths.quote(key) + " (use it without key)");
    }

    private static String describe(Object value) {
        return switch (value) {
            case null -> "null";
            case String ignored -> "a string";
            case Number ignored -> "a number";
            case Boolean ignored -> "a boolean";
            case List<?> ignored -> "an array";
            default -> "a value";
        };
    }

    private static void requireKey(String key) {
        if (key.isEmpty()) throw Fault.INVALID_ARGUMENT.exception("key may not be empty (leave it out for the whole file)");
        if (key.length() > StatePaths.MAX_LENGTH) {
            throw Fault.INVALID_ARGUMENT.exception("key is longer than " + StatePaths.MAX_LENGTH + " characters");
        }
    }

    private ReentrantLock lockOf(String path) {
        // the store may match paths ignoring case: files differing only in case then share a stripe too
        return locks[Math.floorMod(path.toLowerCase(Locale.ROOT).hashCode(), STRIPES)];
    }
}
