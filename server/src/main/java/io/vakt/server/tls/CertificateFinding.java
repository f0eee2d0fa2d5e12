package io.vakt.server.tls;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing wrong, or about to go wrong, with the served certificate.
 *
 * @param code    stable identifier ({@code SELF_SIGNED}, {@code EXPIRED}, …) for tools such as {@code vakt doctor}
 * @param message what is wrong, in plain words
 * @param fix     what to do about it
 */
public record CertificateFinding(String code, String message, String fix) {
    public static final String SELF_SIGNED = "SELF_SIGNED";
    public static final String EXPIRED = "EXPIRED";
    public static final String NOT_YET_VALID = "NOT_YET_VALID";
    public static final String EXPIRES_SOON = "EXPIRES_SOON";
    public static final String HOST_MISMATCH = "HOST_MISMATCH";
    public static final String INCOMPLETE_CHAIN = "INCOMPLETE_CHAIN";

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("code", code);
        map.put("message", message);
        map.put("fix", fix);
        return map;
    }

    /** One line for logs and the start-up banner. */
    public String line() { return message + " " + fix; }
}
