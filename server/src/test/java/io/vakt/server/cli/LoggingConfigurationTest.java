package io.vakt.server.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped {@code logback.xml}. Environment variables cannot be set from a test, but logback looks its
 * variables up in the context's properties first, so those stand in for {@code VAKT_LOG_LEVEL} and
 * {@code VAKT_LOG_FORMAT}.
 */
class LoggingConfigurationTest {
    @Test
    void textIsTheDefaultFormatWithTimeLevelShortLoggerAndMessage() throws JoranException {
        LoggerContext context = configure(Map.of());
        ConsoleAppender<ILoggingEvent> text = appender(context, "text");
        ILoggingEvent event = event(context, "io.vakt.server.cli.ServeCommand", "Listening on 8080");

        assertThat(text.getEncoder()).isInstanceOf(PatternLayoutEncoder.class);
        assertThat(new String(text.getEncoder().encode(event), StandardCharsets.UTF_8))
                .matches("\\d{2}:\\d{2}:\\d{2}\\.\\d{3} INFO  ServeCommand - Listening on 8080\\R");
        assertThat(passes(text, event)).isTrue();
        assertThat(passes(appender(context, "json"), event)).isFalse();
    }

    @Test
    void vaktLogFormatJsonSwitchesToTheJsonEncoder() throws JoranException {
        LoggerContext context = configure(Map.of("VAKT_LOG_FORMAT", "json"));
        ConsoleAppender<ILoggingEvent> json = appender(context, "json");
        ILoggingEvent event = event(context, "io.vakt.x.Y", "hello");

        assertThat(json.getEncoder()).isInstanceOf(JsonEncoder.class);
        assertThat(new String(json.getEncoder().encode(event), StandardCharsets.UTF_8)).startsWith("{")
                .contains("\"level\":\"INFO\"", "\"loggerName\":\"io.vakt.x.Y\"", "\"formattedMessage\":\"hello\"");
        assertThat(passes(json, event)).isTrue();
        assertThat(passes(appender(context, "text"), event)).isFalse();
    }

    @Test
    void anUnknownFormatFallsBackToText() throws JoranException {
        LoggerContext context = configure(Map.of("VAKT_LOG_FORMAT", "xml"));
        ILoggingEvent event = event(context, "io.vakt.x.Y", "hello");
        assertThat(passes(appender(context, "text"), event)).isTrue();
        assertThat(passes(appender(context, "json"), event)).isFalse();
    }

    @Test
    void configurationRaisesNoLogbackWarnings() throws JoranException {
        // logback prints its whole status report on start when there is a warning
        for (String format : List.of("text", "json")) {
            LoggerContext context = configure(Map.of("VAKT_LOG_FORMAT", format));
            assertThat(context.getStatusManager().getCopyOfStatusList())
                    .as(format).noneMatch(status -> status.getLevel() >= Status.WARN);
        }
    }

    @Test
    void vaktIsAtInfoAndNoisyLibrariesAtWarn() throws JoranException {
        LoggerContext context = configure(Map.of());
        assertThat(context.getLogger("io.vakt").getLevel()).isEqualTo(Level.INFO);
        for (String library : List.of("io.netty", "io.vertx", "org.flywaydb", "com.zaxxer")) {
            assertThat(context.getLogger(library).getLevel()).as(library).isEqualTo(Level.WARN);
        }
    }

    @Test
    void vaktLogLevelSetsTheLevelOfVaktsLoggers() throws JoranException {
        LoggerContext context = configure(Map.of("VAKT_LOG_LEVEL", "DEBUG"));
        assertThat(context.getLogger("io.vakt").getLevel()).isEqualTo(Level.DEBUG);
        assertThat(context.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
    }

    private static LoggerContext configure(Map<String, String> properties) throws JoranException {
        LoggerContext context = new LoggerContext();
        // a context made by hand has no MDC adapter; the JSON encoder reads the MDC
        context.setMDCAdapter(new LogbackMDCAdapter());
        properties.forEach(context::putProperty);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LoggingConfigurationTest.class.getResource("/logback.xml"));
        return context;
    }

    @SuppressWarnings("unchecked")
    private static ConsoleAppender<ILoggingEvent> appender(LoggerContext context, String name) {
        var appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(name);
        assertThat(appender).as("root appender " + name).isInstanceOf(ConsoleAppender.class);
        return (ConsoleAppender<ILoggingEvent>) appender;
    }

    private static ILoggingEvent event(LoggerContext context, String logger, String message) {
        return new LoggingEvent(Logger.class.getName(), context.getLogger(logger), Level.INFO, message, null, null);
    }

    private static boolean passes(ConsoleAppender<ILoggingEvent> appender, ILoggingEvent event) {
        return appender.getFilterChainDecision(event) != FilterReply.DENY;
    }
}
