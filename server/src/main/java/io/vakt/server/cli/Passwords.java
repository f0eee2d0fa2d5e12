package io.vakt.server.cli;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Where a new password comes from: the first line of standard input, the terminal (asked twice, echo off),
 * or a generator. Passwords stay in char arrays the caller wipes, never in strings, except a generated one,
 * which must be printed anyway.
 */
final class Passwords {
    /** Longer input is not a password but a wrongly piped file. */
    static final int MAX_BYTES = 1024;
    // no 0/O, 1/l/I: a generated password is read off a screen and typed in again
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int GENERATED_LENGTH = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {}

    /** The first line of {@code in}, without its line break. */
    static char[] fromStdin(InputStream in) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (line.size() >= MAX_BYTES) throw new CliException("the password on standard input is longer than "
                        + MAX_BYTES + " bytes");
                line.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the password from standard input", e);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') length--;
        try {
            char[] password = decode(bytes, length);
            if (password.length == 0) throw new CliException("the password on standard input is empty");
            return password;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Asks twice with echo off; the two answers must match and not be empty. */
    static char[] fromConsole(Console console, String username) {
        char[] first = console.readPassword("New password for %s: ", username);
        if (first == null || first.length == 0) throw new CliException("the password must not be empty");
        char[] second = console.readPassword("Repeat the password: ");
        try {
            if (!Arrays.equals(first, second)) {
                Arrays.fill(first, '\0');
                throw new CliException("the passwords do not match");
            }
            return first;
        } finally {
            if (second != null) Arrays.fill(second, '\0');
        }
    }

    /** A random password of {@value #GENERATED_LENGTH} letters and digits (about 117 bits). */
    static char[] generate() {
        char[] password = new char[GENERATED_LENGTH];
        for (int i = 0; i < password.length; i++) password[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        return password;
    }

    private static char[] decode(byte[] bytes, int length) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length));
            char[] password = new char[chars.remaining()];
            chars.get(password);
            Arrays.fill(chars.array(), '\0');
            return password;
        } catch (CharacterCodingException e) {
            throw new CliException("the password on standard input is not UTF-8 text");
        }
    }
}
