package io.vakt.server.doctor;

/**
 * The outcome of one check. {@link #WARN} and {@link #NOT_APPLICABLE} still let the run pass; a {@link #SKIP}
 * (a check that could not run: an earlier failure, or no credentials) does not, because nothing was proven.
 */
public enum Status {
    OK("[ok]", "ok"),
    WARN("[warn]", "warn"),
    FAIL("[FAIL]", "fail"),
    SKIP("[skip]", "skip"),
    NOT_APPLICABLE("[n/a]", "n/a");

    private final String label;
    private final String json;

    Status(String label, String json) {
        this.label = label;
        this.json = json;
    }

    /** The tag of the progress line. */
    public String label() { return label; }

    /** The value of {@code status} in {@code --json}. */
    public String json() { return json; }

    public boolean passes() { return this == OK || this == WARN || this == NOT_APPLICABLE; }
}
