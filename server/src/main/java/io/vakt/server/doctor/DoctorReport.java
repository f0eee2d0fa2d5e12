package io.vakt.server.doctor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results of one run and what they add up to. Exit status: 0 when every check passed (warnings and checks that
 * do not apply included), 1 when one failed, 3 when none failed but some could not run (no credentials, say).
 */
public record DoctorReport(DoctorTarget target, List<StepResult> steps) {
    public static final int PASSED = 0;
    public static final int FAILED = 1;
    public static final int INCOMPLETE = 3;

    public DoctorReport {
        steps = List.copyOf(steps);
    }

    public int exitCode() {
        if (steps.stream().anyMatch(step -> step.status() == Status.FAIL)) return FAILED;
        if (steps.stream().anyMatch(step -> step.status() == Status.SKIP)) return INCOMPLETE;
        return PASSED;
    }

    public String summary() {
        long failed = count(Status.FAIL);
        long skipped = count(Status.SKIP);
        long warned = count(Status.WARN);
        return switch (exitCode()) {
            case PASSED -> "All checks passed" + (warned > 0 ? " (" + warned + " warning" + (warned > 1 ? "s" : "") + ")" : "") + ".";
            case FAILED -> failed + " check" + (failed > 1 ? "s" : "") + " failed" + (skipped > 0 ? ", " + skipped + " could not run" : "") + ".";
            default -> "Nothing failed, but " + skipped + " check" + (skipped > 1 ? "s" : "") + " could not run.";
        };
    }

    /** The {@code --json} document: the target, the exit status, and every step. */
    public String toJson() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("target", target.toString());
        document.put("exitCode", exitCode());
        document.put("summary", summary());
        document.put("steps", steps.stream().map(step -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", step.name());
            json.put("status", step.status().json());
            json.put("detail", step.detail());
            json.put("cause", step.cause());
            json.put("fix", step.fix());
            json.put("millis", step.millis());
            return json;
        }).toList());
        return Json.write(document);
    }

    private long count(Status status) { return steps.stream().filter(step -> step.status() == status).count(); }
}
