package io.vakt.core.driver;

import io.vakt.core.model.Controller;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Everything a driver gets to run one controller. The assembly owns the scheduler (drivers never create
 * executors of their own) and the clock (tests may pass a fixed one).
 *
 * @param controller the controller, its settings and points
 * @param sink       where samples of advised points go
 * @param scheduler  shared scheduler for the driver's timers; tasks must be short and must not block
 * @param clock      time source for sample timestamps
 */
public record DriverContext(Controller controller, SampleSink sink, ScheduledExecutorService scheduler, Clock clock) {
}
