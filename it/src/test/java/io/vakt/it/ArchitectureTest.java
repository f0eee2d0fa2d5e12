package io.vakt.it;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module rules of ARCHITECTURE.md ("Modules", "Habits") over the main classes of every module on this
 * module's class path (core, graphql, wamp, scripting, store, the four drivers, server, testkit; tests excluded). Plain JUnit tests calling
 * {@link ArchRule#check}, so they need no ArchUnit test engine.
 */
class ArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.vakt");
    }

    /** The rules below are only worth something if the modules were really imported. */
    @Test
    void importsTheMainClassesOfEveryModule() {
        for (String module : List.of("io.vakt.core", "io.vakt.graphql", "io.vakt.wamp", "io.vakt.scripting", "io.vakt.store",
                "io.vakt.driver.modbus", "io.vakt.driver.mqtt", "io.vakt.driver.bacnet", "io.vakt.driver.opcua", "io.vakt.server", "io.vakt.testkit")) {
            assertThat(main.stream().filter(c -> c.getPackageName().startsWith(module)).count()).as("classes of %s", module).isPositive();
        }
        assertThat(main.stream().filter(c -> c.getPackageName().startsWith("io.vakt.it"))).as("test classes").isEmpty();
    }

    @Test
    void coreDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("io.vakt.core..")
                .should().dependOnClassesThat(otherVaktPackagesThan("io.vakt.core.."))
                .because("core depends on nothing in the project")
                .check(main);
    }

    @Test
    void graphqlDependsOnlyOnCore() {
        noClasses().that().resideInAPackage("io.vakt.graphql..")
                .should().dependOnClassesThat(otherVaktPackagesThan("io.vakt.graphql..", "io.vakt.core.."))
                .because("graphql depends only on core")
                .check(main);
    }

    @Test
    void wampDependsOnlyOnCore() {
        noClasses().that().resideInAPackage("io.vakt.wamp..")
                .should().dependOnClassesThat(otherVaktPackagesThan("io.vakt.wamp..", "io.vakt.core.."))
                .because("wamp depends only on core: the WebSocket transport lives in server")
                .check(main);
    }

    @Test
    void scriptingDependsOnlyOnCore() {
        noClasses().that().resideInAPackage("io.vakt.scripting..")
                .should().dependOnClassesThat(otherVaktPackagesThan("io.vakt.scripting..", "io.vakt.core.."))
                .because("scripting depends only on core: the ssf procedures on the bus are wired by server")
                .check(main);
    }

    @Test
    void storeDependsOnlyOnCore() {
        noClasses().that().resideInAPackage("io.vakt.store..")
                .should().dependOnClassesThat(otherVaktPackagesThan("io.vakt.store..", "io.vakt.core.."))
                .because("store depends only on core")
                .check(main);
    }

    @Test
    void eachDriverDependsOnlyOnCore() {
        for (String driver : List.of("modbus", "mqtt", "bacnet", "opcua")) {
            String own = "io.vakt.driver." + driver + "..";
            noClasses().that().resideInAPackage(own)
                    .should().dependOnClassesThat(otherVaktPackagesThan(own, "io.vakt.core.."))
                    .because("each driver module depends only on core and its protocol library")
                    .check(main);
        }
    }

    @Test
    void onlyServerTestkitAndBenchUseVertxOrNetty() {
        noClasses().that().resideOutsideOfPackages("io.vakt.server..", "io.vakt.testkit..", "io.vakt.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.netty..")
                .because("only the server module imports Vert.x and Netty")
                .check(main);
    }

    @Test
    void onlyScriptingUsesGraal() {
        noClasses().that().resideOutsideOfPackage("io.vakt.scripting..")
                .should().dependOnClassesThat().resideInAnyPackage("org.graalvm..", "com.oracle.truffle..")
                .because("the JavaScript engine and its sandbox stay inside the scripting module")
                .check(main);
    }

    @Test
    void noImplClasses() {
        noClasses().should().haveSimpleNameEndingWith("Impl")
                .because("interfaces only at real seams: no Impl twins")
                .check(main);
    }

    @Test
    void noStaticExecutorFields() {
        noFields().that().areStatic().should().haveRawType(assignableTo(ExecutorService.class))
                .because("no static global executors: the assembly creates every executor and shuts it down")
                .check(main);
    }

    @Test
    void noExecutorsCreatedInStaticInitializers() {
        classes().should(notCreateExecutorsInStaticInitializer())
                .because("no static global executors: the assembly creates every executor and shuts it down")
                .check(main);
    }

    private static DescribedPredicate<JavaClass> otherVaktPackagesThan(String... allowed) {
        return resideInAPackage("io.vakt..").and(not(resideInAnyPackage(allowed)))
                .as("classes of other Vakt modules than " + String.join(", ", allowed));
    }

    private static ArchCondition<JavaClass> notCreateExecutorsInStaticInitializer() {
        return new ArchCondition<>("not create executors in a static initializer") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                Optional<? extends JavaCodeUnit> initializer = javaClass.getStaticInitializer();
                if (initializer.isEmpty()) return;
                for (JavaMethodCall call : initializer.get().getMethodCallsFromSelf()) {
                    if (call.getTargetOwner().isEquivalentTo(Executors.class) && call.getName().startsWith("new")) {
                        events.add(SimpleConditionEvent.violated(javaClass, call.getDescription()));
                    }
                }
                for (JavaConstructorCall call : initializer.get().getConstructorCallsFromSelf()) {
                    if (call.getTargetOwner().isAssignableTo(ExecutorService.class)) {
                        events.add(SimpleConditionEvent.violated(javaClass, call.getDescription()));
                    }
                }
            }
        };
    }
}
