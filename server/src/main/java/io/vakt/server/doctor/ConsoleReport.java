package io.vakt.server.doctor;

import java.io.PrintWriter;

/** The progress lines: {@code [ok]   TCP connection: 10.0.0.5:443 accepts connections (3 ms)}, then cause and fix indented. */
public final class ConsoleReport implements Progress {
    private static final String INDENT = "       ";
    private final PrintWriter out;

    public ConsoleReport(PrintWriter out) { this.out = out; }

    public void header(DoctorTarget target) {
        out.println("vakt doctor " + target);
        out.flush();
    }

    @Override
    public void finished(StepResult result) {
        out.printf("%-7s%s: %s (%d ms)%n", result.status().label(), result.name(), result.detail(), result.millis());
        if (result.cause() != null) out.println(INDENT + "cause: " + result.cause());
        if (result.fix() != null) {
            String[] lines = result.fix().split("\n");
            out.println(INDENT + "fix:   " + lines[0]);
            for (int i = 1; i < lines.length; i++) out.println(INDENT + "       " + lines[i]);
        }
        out.flush();
    }

    @Override
    public void note(String text) {
        out.println(INDENT + text);
        out.flush();
    }

    public void summary(DoctorReport report) {
        out.println(report.summary() + " Exit status " + report.exitCode() + ".");
        out.flush();
    }
}
