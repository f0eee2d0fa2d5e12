package io.vakt.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the load test's project: one simulated controller whose points carry the epoch milliseconds of
 * the driver's sample ({@code clock(millis)}), and one published list binding them all. A client subtracting
 * the value from its own clock gets the latency from driver update to receipt, with no change to the wire
 * format.
 */
public final class BenchProject {
    public static final String NODE_PATH_DOTTED = "Site.Points.File";

    private BenchProject() {}

    public static Path write(Path folder, int points, String interval) {
        try {
            Files.createDirectories(folder.resolve("controllers"));
            Files.createDirectories(folder.resolve("areas/Site"));
            Files.writeString(folder.resolve("project.yaml"), "account: Bench\ntitle: Vakt load test\n");
            StringBuilder controller = new StringBuilder("title: Latency clocks\ndriver: simulator\nsettings:\n")
                    .append("  interval: ").append(interval).append('\n')
                    .append("  unreachableChance: 0\npoints:\n");
            StringBuilder list = new StringBuilder("Title: Points\nVariables:\n");
            for (int i = 1; i <= points; i++) {
                String name = String.format("T%03d", i);
                controller.append("  - address: ").append(name).append("\n    type: integer\n    sim: \"clock(millis)\"\n");
                list.append("  - Name: ").append(name).append("\n    Variable: \"*BENCH.").append(name).append("\"\n");
            }
            Files.writeString(folder.resolve("controllers/BENCH.yaml"), controller);
            Files.writeString(folder.resolve("areas/Site/Points.pvl.yaml"), list);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
