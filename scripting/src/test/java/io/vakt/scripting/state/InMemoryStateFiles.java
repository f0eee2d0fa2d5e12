package io.vakt.scripting.state;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** State files in a map, as the store would keep them; can be told to fail like a broken store. */
class InMemoryStateFiles implements StateFiles {
    final Map<String, String> files = new ConcurrentHashMap<>();
    final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    @Override
    public Optional<String> read(String file) {
        failIfAsked();
        return Optional.ofNullable(files.get(file));
    }

    @Override
    public void write(String file, String content) {
        failIfAsked();
        files.put(file, content);
    }

    @Override
    public boolean delete(String file) {
        failIfAsked();
        return files.remove(file) != null;
    }

    private void failIfAsked() {
        RuntimeException e = failure.get();
        if (e != null) throw e;
    }
}
