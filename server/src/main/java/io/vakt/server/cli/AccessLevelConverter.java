package io.vakt.server.cli;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.project.Suggestions;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Arrays;

/** Access levels in any letter case, with a hint and the valid names when a level is misspelt. */
final class AccessLevelConverter implements ITypeConverter<AccessLevel> {
    @Override
    public AccessLevel convert(String text) {
        return AccessLevel.parse(text).orElseThrow(() -> new TypeConversionException(
                "unknown access level \"" + text + "\"" + Suggestions.didYouMean(text,
                        Arrays.stream(AccessLevel.values()).map(Enum::name).toList())
                        + "; valid levels: " + AccessLevel.names()));
    }
}
