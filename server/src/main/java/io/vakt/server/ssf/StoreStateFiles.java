package io.vakt.server.ssf;

import io.vakt.scripting.state.StateFiles;
import io.vakt.store.StateFileRepository;

import java.util.Optional;

/** SSF state files kept in the store's {@code ssf_state} table (the store does not know the scripting module). */
record StoreStateFiles(StateFileRepository repository) implements StateFiles {
    @Override public Optional<String> read(String file) { return repository.read(file); }

    @Override public void write(String file, String content) { repository.write(file, content); }

    @Override public boolean delete(String file) { return repository.delete(file); }
}
