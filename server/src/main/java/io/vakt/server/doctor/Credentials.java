package io.vakt.server.doctor;

/** How the doctor signs in; {@code toString} never shows a secret, so a stray log line cannot leak one. */
public sealed interface Credentials {
    /** No credentials: the checks that need a token are skipped. */
    record None() implements Credentials {}

    /** A user name and password for {@code POST /arrigo/api/login}. */
    record Password(String user, String password) implements Credentials {
        @Override
        public String toString() { return "Password[user=" + user + ", password=***]"; }
    }

    /** An access token checked with {@code POST /arrigo/api/login/verify}. */
    record Token(String accessToken) implements Credentials {
        @Override
        public String toString() { return "Token[***]"; }
    }
}
