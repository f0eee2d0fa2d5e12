package io.vakt.core.project;

import io.vakt.core.model.SourceRef;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * File access below one project root, on any file system (a folder on disk or the demo inside the jar):
 * names relative to the root with {@code /} separators, sorted listings, and size-limited UTF-8 reads.
 */
final class ProjectFiles {
    /** No project file is anywhere near this big; refusing keeps a wrong path from filling the heap. */
    static final int MAX_FILE_BYTES = 4 * 1024 * 1024;

    private final Path root;
    private final Problems problems;

    ProjectFiles(Path root, Problems problems) {
        this.root = root;
        this.problems = problems;
    }

    Path root() { return root; }

    /** The file's name as errors show it: relative to the project root, {@code /}-separated. */
    String name(Path file) {
        Path relative = root.relativize(file);
        List<String> parts = new ArrayList<>();
        for (Path part : relative) parts.add(part.toString());
        return String.join("/", parts);
    }

    SourceRef at(Path file, int line) { return new SourceRef(name(file), line); }

    /** Entries of a folder sorted by name, hidden ones ({@code .git}, {@code .DS_Store}) left out. */
    List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            problems.error(at(dir, 0), "cannot list folder: " + e.getMessage());
            return List.of();
        }
    }

    /** The file's text, or empty after reporting why it could not be read. */
    Optional<String> readText(Path file) {
        SourceRef at = at(file, 0);
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                problems.error(at, String.format(Locale.ROOT,
                        "file is %.1f MiB, larger than the limit of 4 MiB", size / (1024.0 * 1024.0)));
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            // editors on Windows like to start UTF-8 files with a byte order mark
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (CharacterCodingException e) {
            problems.error(at, "file is not UTF-8 text");
        } catch (IOException e) {
            problems.error(at, "cannot read file: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** The file's YAML tree, or empty after reporting why it could not be read. */
    Optional<YamlNode> readYaml(Path file) {
        return readText(file).flatMap(text -> {
            try {
                return Optional.of(YamlReader.read(text, name(file), problems));
            } catch (ProjectException e) {
                problems.add(e);
                return Optional.empty();
            }
        });
    }
}
