package io.vakt.scripting.state;

import java.util.Optional;

/**
 * Where SSF state lives (spec §8.4): whole "files" by normalized virtual path
 * ({@code /Arrigo/state/Landskrona.json}). Implemented over the store; every method blocks briefly.
 */
public interface StateFiles {
    Optional<String> read(String file);

    /** Replaces the file; durable when it returns. */
    void write(String file, String content);

    /** @return whether there was such a file */
    boolean delete(String file);
}
