package io.vakt.core.path;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Folder ids and node paths (spec §3 decision "Path grammar"): standard Base64 with padding of a UTF-8
 * dotted path. A node path names the folders from the top down, the file's technical name, then the
 * literal segment {@code File}.
 */
public final class NodePaths {
    /** The literal last segment of every node path. */
    public static final String FILE_SEGMENT = "File";

    private NodePaths() {}

    public static String encode(String dotted) {
        return Base64.getEncoder().encodeToString(dotted.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes Base64 (padding optional) to text; empty when the input is not Base64 or not UTF-8, the
     * two cases the API reports as {@code Invalid path}.
     */
    public static Optional<String> decode(String base64) {
        if (base64 == null || base64.length() > 4096) return Optional.empty();
        String trimmed = base64.trim();
        // blank input would otherwise decode to the empty path
        if (trimmed.isEmpty()) return Optional.empty();
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }

    /** The dotted node path of a file in the folder with the given technical-name path. */
    public static String dottedNodePath(List<String> folderPath, String fileName) {
        StringBuilder dotted = new StringBuilder();
        for (String segment : folderPath) dotted.append(segment).append('.');
        return dotted.append(fileName).append('.').append(FILE_SEGMENT).toString();
    }
}
