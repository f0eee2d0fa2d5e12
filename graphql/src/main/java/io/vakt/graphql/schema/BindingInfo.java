package io.vakt.graphql.schema;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.model.AdvisedElement;
import io.vakt.core.model.NodeFile;
import io.vakt.core.model.Point;
import io.vakt.core.model.PublishedVariableList;
import io.vakt.core.model.View;
import io.vakt.core.model.ViewBinding;
import io.vakt.core.model.ViewElement;
import io.vakt.core.path.ElementPath;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Vakt extension {@code Node.bindings}: for each bound element, what a client needs to show its value and to
 * offer a write this user may make, so a browser can type- and range-check a value before sending it.
 */
record BindingInfo(String path, String technicalAddress, String dataType, String unit, Double min, Double max,
                   boolean bound, boolean readable, boolean writable) {

    static List<BindingInfo> of(NodeFile file, AccessLevel level, Function<AdvisedElement, Optional<Point>> points) {
        List<AdvisedElement> advised = file.advised();
        List<BindingInfo> infos = new ArrayList<>(advised.size());
        for (int k = 0; k < advised.size(); k++) {
            AdvisedElement element = advised.get(k);
            Optional<Point> point = points.apply(element);
            boolean readable = level.atLeast(element.readAccess());
            infos.add(new BindingInfo(new ElementPath(file.contentRoot(), k).toString(),
                    element.binding().address().toString(),
                    point.map(p -> p.type().name().toLowerCase(Locale.ROOT)).orElse(null),
                    unit(file, k),
                    point.map(Point::min).orElse(null), point.map(Point::max).orElse(null),
                    element.binding().bound(), readable,
                    readable && element.writable() && level.atLeast(element.writeAccess())));
        }
        return infos;
    }

    /** The unit the list entry or view element shows: the loader already put the point's own there by default. */
    private static String unit(NodeFile file, int k) {
        String shown = switch (file) {
            case PublishedVariableList list -> list.variables().get(list.advisedChildIndexes()[k]).unit();
            case View view -> viewUnit(view, view.bindings().get(k));
        };
        return shown == null ? "" : shown;
    }

    private static String viewUnit(View view, ViewBinding binding) {
        List<ViewElement> level = view.elements();
        ViewElement element = null;
        for (int index : binding.childPath()) {
            element = level.get(index);
            level = element.children();
        }
        return element == null ? "" : element.attributes().getOrDefault("Unit", "");
    }
}
