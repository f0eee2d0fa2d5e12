package io.vakt.scripting.engine;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Error messages about a code block in the form administrators read them:
 * {@code areas/Landskrona/area.ssf.js line 3: SyntaxError: Expected ident but found ;}. The line is the file's own
 * (the wrapper adds none), and GraalJS's {@code name:line:col} prefix and source excerpt are left out.
 */
final class CodeErrors {
    private CodeErrors() {}

    static String describe(CodeBlock block, PolyglotException error) {
        String message = firstLine(error.getMessage());
        Matcher located = Pattern.compile("^(\\w*Error): " + Pattern.quote(block.sourceName()) + ":\\d+:\\d+ (.*)$")
                .matcher(message);
        if (located.matches()) message = located.group(1) + ": " + located.group(2);
        int line = lineOf(block, error);
        return block.sourceName() + (line > 0 ? " line " + line : "") + ": " + message;
    }

    /** The line in the block where the error arose, or 0 when it did not arise in the block's own code. */
    static int lineOf(CodeBlock block, PolyglotException error) {
        SourceSection location = error.getSourceLocation();
        if (isIn(block, location)) return location.getStartLine();
        for (PolyglotException.StackFrame frame : error.getPolyglotStackTrace()) {
            if (frame.isGuestFrame() && isIn(block, frame.getSourceLocation())) return frame.getSourceLocation().getStartLine();
        }
        return 0;
    }

    private static boolean isIn(CodeBlock block, SourceSection location) {
        return location != null && location.getSource() != null
                && block.sourceName().equals(location.getSource().getName());
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) return "the code failed";
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
