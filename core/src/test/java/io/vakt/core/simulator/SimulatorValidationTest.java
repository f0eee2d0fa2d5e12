package io.vakt.core.simulator;

import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;
import io.vakt.core.model.SourceRef;
import io.vakt.core.project.ProjectException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** One test per rule the simulator checks in {@code validate}, each naming file and line. */
class SimulatorValidationTest {
    private final SimulatorDriverFactory factory = new SimulatorDriverFactory();

    private static Controller controller(Map<String, String> settings, TestPoint... points) {
        List<Point> built = java.util.Arrays.stream(points).map(TestPoint::build).toList();
        Map<String, SourceRef> lines = new HashMap<>();
        settings.keySet().forEach(key -> lines.put(key, new SourceRef(TestPoint.FILE, 4)));
        return new Controller("SIM", "Test", "simulator", settings, built, new SourceRef(TestPoint.FILE, 1), lines);
    }

    private String problem(Controller controller) {
        return catchThrowableOfType(ProjectException.class, () -> factory.validate(controller)).getMessage();
    }

    private String simProblem(String sim) {
        return problem(controller(Map.of(),
                TestPoint.real("SP").writable().line(3),
                TestPoint.string("NAME").line(7),
                TestPoint.real("GT11").sim(sim).line(12)));
    }

    @Test
    void acceptsEveryFunction() {
        for (String sim : List.of("hold", "drift(target=SP, tau=120, noise=0.05)", "drift(target=21.5)",
                "follow(source=SP, gain=2, offset=-1, tau=10s, noise=0)", "schedule(on=6:30, off=24:00, days=Mon-Wed+Fri)",
                "counter(rate=SP, per=15min)", "wave(min=-3, max=7, period=24h, phase=4h)", "walk(min=0, max=1)",
                "clock(millis)", "toggle(period=2m)", "HOLD()")) {
            assertThatCode(() -> factory.validate(controller(Map.of(), TestPoint.real("SP"), TestPoint.real("GT11").sim(sim))))
                    .as(sim).doesNotThrowAnyException();
        }
    }

    @Test
    void rejectsAnUnknownFunction() {
        assertThat(simProblem("drfit(target=SP)")).isEqualTo("controllers/SIM.yaml:12: point GT11: sim \"drfit(target=SP)\": "
                + "unknown function \"drfit\" (did you mean \"drift\"?) (use hold, drift, follow, schedule, counter, wave, walk, clock, toggle)");
    }

    @Test
    void rejectsTextThatIsNoFunction() {
        assertThat(simProblem("42")).startsWith("controllers/SIM.yaml:12: point GT11: sim \"42\": expected a function");
    }

    @Test
    void rejectsUnbalancedParentheses() {
        assertThat(simProblem("drift(target=SP")).endsWith("missing closing parenthesis");
        assertThat(simProblem("drift(target=(SP)")).endsWith("unbalanced parentheses");
    }

    @Test
    void rejectsMalformedArguments() {
        assertThat(simProblem("drift(target=SP,)")).endsWith("empty argument");
        assertThat(simProblem("drift(target=)")).endsWith("no value for target");
        assertThat(simProblem("drift(tar get=SP)")).endsWith("bad argument name \"tar get\"");
    }

    @Test
    void rejectsAnUnknownArgument() {
        assertThat(simProblem("drift(target=SP, tua=10)"))
                .endsWith("drift has no argument \"tua\" (did you mean \"tau\"?) (it takes target, tau, noise)");
    }

    @Test
    void rejectsAMissingArgument() {
        assertThat(simProblem("drift(tau=10)")).endsWith("drift needs target=…");
    }

    @Test
    void rejectsAnArgumentGivenTwice() {
        assertThat(simProblem("drift(target=SP, target=1)")).endsWith("target given twice");
    }

    @Test
    void rejectsPositionalArguments() {
        assertThat(simProblem("drift(SP)")).endsWith("write arguments as key=value (drift takes target, tau, noise)");
    }

    @Test
    void rejectsAReferenceToAnUnknownPoint() {
        assertThat(simProblem("follow(source=GT99)"))
                .isEqualTo("controllers/SIM.yaml:12: point GT11: sim \"follow(source=GT99)\": no point \"GT99\" in controller SIM");
    }

    @Test
    void rejectsAReferenceToAStringPoint() {
        assertThat(simProblem("follow(source=NAME)")).endsWith("source names string point NAME; it must be numeric");
    }

    @Test
    void rejectsANumberThatIsNoNumber() {
        assertThat(simProblem("follow(source=SP, gain=lots)")).endsWith("gain must be a number, not \"lots\"");
    }

    @Test
    void rejectsABadDuration() {
        assertThat(simProblem("drift(target=SP, tau=soon)")).contains("tau must be a duration");
    }

    @Test
    void rejectsNegativeNoise() {
        assertThat(simProblem("drift(target=SP, noise=-1)")).endsWith("noise must not be negative");
    }

    @Test
    void rejectsABadTimeOfDay() {
        assertThat(simProblem("schedule(on=25:00)")).endsWith("on must be a time of day such as 06:00, not \"25:00\"");
    }

    @Test
    void rejectsAScheduleThatStartsWhenItEnds() {
        assertThat(simProblem("schedule(on=06:00, off=06:00)")).endsWith("on and off are the same time");
    }

    @Test
    void rejectsBadDays() {
        assertThat(simProblem("schedule(days=Weekdays)")).endsWith("days must look like Mon-Fri, Sat+Sun or Mon-Wed+Fri, not \"Weekdays\"");
    }

    @Test
    void rejectsAMaxThatIsNotAboveMin() {
        assertThat(simProblem("wave(min=5, max=5)")).endsWith("max must be above min");
    }

    @Test
    void rejectsAZeroPeriod() {
        assertThat(simProblem("toggle(period=0s)")).endsWith("period must be longer than zero");
    }

    @Test
    void rejectsAnUnknownClockField() {
        assertThat(simProblem("clock(day)")).endsWith("unknown clock field \"day\" (use second, minute, hour or millis)");
        assertThat(simProblem("clock(field=second)")).endsWith("write clock(second), clock(minute), clock(hour) or clock(millis)");
    }

    @Test
    void rejectsAStringPointThatDoesMoreThanHold() {
        assertThat(problem(controller(Map.of(), TestPoint.string("NAME").sim("walk(min=0, max=1)").line(5))))
                .isEqualTo("controllers/SIM.yaml:5: point NAME: sim \"walk(min=0, max=1)\": string points can only hold their value");
    }

    @Test
    void rejectsAnInitialValueOutsideTheRange() {
        assertThat(problem(controller(Map.of(), TestPoint.real("SP").range(14, 26).initial("30").line(8))))
                .startsWith("controllers/SIM.yaml:8: point SP: initial \"30\": 30 is outside [14, 26]");
    }

    @Test
    void rejectsAnInitialValueOfTheWrongType() {
        assertThat(problem(controller(Map.of(), TestPoint.digital("D").initial("maybe").line(8))))
                .startsWith("controllers/SIM.yaml:8: point D: initial \"maybe\": \"maybe\" is not 0 or 1");
    }

    @Test
    void rejectsBadDecimals() {
        assertThat(problem(controller(Map.of(), TestPoint.real("R").option("decimals", "9").line(8))))
                .isEqualTo("controllers/SIM.yaml:8: point R: decimals must be a whole number from 0 to 6, not \"9\"");
    }

    @Test
    void rejectsNearMissesOfItsOptions() {
        assertThat(problem(controller(Map.of(), TestPoint.real("R").option("intial", "3").line(8))))
                .isEqualTo("controllers/SIM.yaml:8: point R: unknown option \"intial\" (did you mean \"initial\"?)");
    }

    @Test
    void ignoresOtherDriversOptions() {
        assertThatCode(() -> factory.validate(controller(Map.of(), TestPoint.real("R").option("register", "40001"))))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsAnUnknownSetting() {
        assertThat(problem(controller(Map.of("intervall", "1s"))))
                .startsWith("controllers/SIM.yaml:4: unknown simulator setting \"intervall\" (did you mean \"interval\"?)");
    }

    @Test
    void rejectsABadInterval() {
        assertThat(problem(controller(Map.of("interval", "fast"))))
                .isEqualTo("controllers/SIM.yaml:4: setting interval \"fast\" must be a duration (e.g. 250ms, 1s, 2m, 1h)");
        assertThat(problem(controller(Map.of("interval", "1ms"))))
                .isEqualTo("controllers/SIM.yaml:4: setting interval \"1ms\" must be between 10ms and 1h");
    }

    @Test
    void rejectsABadSeed() {
        assertThat(problem(controller(Map.of("seed", "abc")))).endsWith("setting seed \"abc\" must be a whole number");
    }

    @Test
    void rejectsAChanceThatIsNoProbability() {
        assertThat(problem(controller(Map.of("unreachableChance", "1.5"))))
                .endsWith("setting unreachableChance \"1.5\" must be a probability from 0 to 1");
    }

    @Test
    void rejectsABadOutageRange() {
        assertThat(problem(controller(Map.of("unreachableFor", "30s-5s"))))
                .endsWith("setting unreachableFor \"30s-5s\" must be a range of durations such as 5s-30s");
    }

    @Test
    void rejectsATimeScaleThatIsNotPositive() {
        assertThat(problem(controller(Map.of("timeScale", "0"))))
                .endsWith("setting timeScale \"0\" must be above 0 (1 = real time)");
    }
}
