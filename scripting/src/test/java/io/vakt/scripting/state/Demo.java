package io.vakt.scripting.state;

import io.vakt.core.model.Project;
import io.vakt.core.project.DriverFactories;
import io.vakt.core.project.ProjectLoader;

/** The embedded demo building, loaded once for all state tests (it is immutable). */
final class Demo {
    static final Project PROJECT = new ProjectLoader(DriverFactories.discover()).loadDemo().project();
    /** The view whose code the demo ships ({@code Overview.ssf.js}). */
    static final String OVERVIEW = "Landskrona.Ventilation.Overview.File";
    static final String SYSTEM_AIR = "Landskrona.SystemAir.File";
    static final String LANDSKRONA = "Landskrona";
    static final String VENTILATION = "Landskrona.Ventilation";

    private Demo() {}
}
