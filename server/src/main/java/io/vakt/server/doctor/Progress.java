package io.vakt.server.doctor;

/** Where a run reports as it goes: each result as soon as it is known, and a note before a long wait. */
public interface Progress {
    void finished(StepResult result);

    default void note(String text) {}

    /** Reports nothing (for {@code --json}, where only the final document is printed). */
    Progress SILENT = result -> {};
}
