package io.vakt.it.doctor;

import io.vakt.it.drivers.VaktCli;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** Runs the real {@code vakt doctor} command line in-process and reads its {@code --json} or text output. */
record DoctorCli(int exitCode, String out, String err) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static DoctorCli run(String stdin, String... args) {
        VaktCli cli = VaktCli.run(stdin, args);
        return new DoctorCli(cli.exitCode(), cli.out(), cli.err());
    }

    /** The step of the JSON report with this name. */
    JsonNode step(String name) {
        return StreamSupport.stream(JSON.readTree(out).path("steps").spliterator(), false)
                .filter(step -> name.equals(step.path("name").asString()))
                .findFirst().orElseThrow(() -> new AssertionError("no step " + name + " in " + out));
    }

    String status(String name) { return step(name).path("status").asString(); }

    String cause(String name) { return step(name).path("cause").asString(); }

    /** One line per step, for assertion messages. */
    String summary() {
        if (!out.startsWith("{")) return out + err;
        return StreamSupport.stream(JSON.readTree(out).path("steps").spliterator(), false)
                .map(step -> step.path("status").asString() + " " + step.path("name").asString() + ": "
                        + step.path("detail").asString() + (step.path("cause").isNull() ? "" : " | " + step.path("cause").asString()))
                .collect(Collectors.joining("\n"));
    }
}
