package io.vakt.server.wamp;

import io.vakt.server.cli.CliContext;
import io.vakt.server.cli.VaktCommand;
import io.vakt.wamp.message.WampMessage.Abort;
import io.vakt.wamp.message.WampMessage.Welcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Keys made with {@code vakt service-key} sign services in, also while the server runs (spec §7.1). */
class ServiceKeyCliTest {
    private static final Pattern KEY = Pattern.compile("vsk_[A-Za-z0-9_-]{43}");

    @TempDir Path work;

    @Test
    void aKeyAddedBeforeTheStartWorksAtOnce() {
        String key = cli("add", "reports");
        try (TestServer server = TestServer.startOn(work.resolve("data"), config -> config);
             WampClient client = WampClient.connect(server.wampUrl(), "wamp.2.msgpack")) {
            assertThat(client.join(key).details()).containsEntry("authid", "reports").containsEntry("authrole", "service");
        }
    }

    @Test
    void keysChangedWhileTheServerRunsTakeEffectWithinSeconds() {
        try (TestServer server = TestServer.startOn(work.resolve("data"), config -> config)) {
            String key = cli("add", "charts");
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> welcomes(server, key));

            String rotated = cli("rotate", "charts");
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                    .until(() -> welcomes(server, rotated) && !welcomes(server, key));

            cli("remove", "charts");
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> !welcomes(server, rotated));
        }
    }

    private static boolean welcomes(TestServer server, String key) {
        try (WampClient client = WampClient.connect(server.wampUrl(), "wamp.2.json")) {
            client.hello("realm1", List.of("anonymous"), key);
            Object answer = client.next().message();
            if (answer instanceof Abort abort) {
                assertThat(abort.reason()).isEqualTo("wamp.error.authentication_failed");
                return false;
            }
            return answer instanceof Welcome;
        }
    }

    /** Runs {@code vakt service-key ARGS --data <work>/data} and returns the key it printed, if any. */
    private String cli(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "service-key";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--data";
        full[args.length + 2] = work.resolve("data").toString();
        CommandLine commandLine = VaktCommand.commandLine(new CliContext(Map.of(), work, new ByteArrayInputStream(new byte[0]), null));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        assertThat(commandLine.execute(full)).as(err.toString()).isZero();
        Matcher key = KEY.matcher(out.toString());
        return key.find() ? key.group() : null;
    }
}
