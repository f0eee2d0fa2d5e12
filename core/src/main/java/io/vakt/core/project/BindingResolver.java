package io.vakt.core.project;

import io.vakt.core.model.Binding;
import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;
import io.vakt.core.model.SourceRef;
import io.vakt.core.model.TechnicalAddress;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the {@code Variable} of list entries and the {@code data-vakt-bind} of view elements against the
 * loaded controllers. Bindings to a controller whose own file had errors are not reported again: that file's
 * errors already say what is wrong.
 */
final class BindingResolver {
    /** A binding in the controller's own spelling, with the point it names. */
    record Resolved(Binding binding, Point point) {}

    private final Map<String, Controller> controllers;
    private final Set<String> broken;

    /**
     * @param controllers loaded controllers by lower-cased name
     * @param broken      lower-cased names of controller files that had errors
     */
    BindingResolver(Map<String, Controller> controllers, Set<String> broken) {
        this.controllers = Map.copyOf(controllers);
        this.broken = Set.copyOf(broken);
    }

    /**
     * Resolves {@code text} ({@code *AHU1.GT11} or {@code AHU1.GT11}); reports what is wrong and returns empty.
     *
     * @param label how the file calls the text, for messages ({@code Variable}, {@code data-vakt-bind})
     */
    Optional<Resolved> resolve(String text, String label, SourceRef at, Problems problems) {
        Optional<Binding> parsed = Binding.parse(text);
        if (parsed.isEmpty()) {
            problems.error(at, "bad " + label + " \"" + text + "\" (expected [*]Controller.Point, e.g. \"*AHU1.GT11\")");
            return Optional.empty();
        }
        Binding binding = parsed.get();
        TechnicalAddress address = binding.address();
        Controller controller = controllers.get(address.controllerKey());
        if (controller == null) {
            if (!broken.contains(address.controllerKey())) {
                List<String> names = controllers.values().stream().map(Controller::name).toList();
                problems.error(at, "unknown controller \"" + address.controller() + "\" in " + label + " \"" + text + "\""
                        + Suggestions.didYouMean(address.controller(), names));
            }
            return Optional.empty();
        }
        Optional<Point> point = controller.point(address.point());
        if (point.isEmpty()) {
            List<String> names = controller.points().stream().map(Point::address).toList();
            problems.error(at, "controller " + controller.name() + " has no point \"" + address.point() + "\""
                    + Suggestions.didYouMean(address.point(), names));
            return Optional.empty();
        }
        Binding canonical = new Binding(new TechnicalAddress(controller.name(), point.get().address()), binding.bound());
        return Optional.of(new Resolved(canonical, point.get()));
    }
}
