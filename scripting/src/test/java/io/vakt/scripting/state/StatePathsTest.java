package io.vakt.scripting.state;

import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.vakt.scripting.state.Demo.LANDSKRONA;
import static io.vakt.scripting.state.Demo.OVERVIEW;
import static io.vakt.scripting.state.Demo.SYSTEM_AIR;
import static io.vakt.scripting.state.Demo.VENTILATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Virtual state paths (spec §8.4) and the rules that keep them inside the state volume. */
class StatePathsTest {
    private final SsfState state = new SsfState(Demo.PROJECT, new InMemoryStateFiles());

    private String file(String registrationPath, String file) { return state.file(registrationPath, file); }

    @Test
    void defaultFileIsTheRegistrationPathUnderArrigoState() {
        assertThat(file(OVERVIEW, null)).isEqualTo("/Arrigo/state/Landskrona.Ventilation.Overview.File.json");
        assertThat(file(LANDSKRONA, null)).isEqualTo("/Arrigo/state/Landskrona.json");
        assertThat(file("Demo", null)).isEqualTo("/Arrigo/state/Demo.json");
    }

    @Test
    void registrationPathsTakeTheProjectsSpelling() {
        assertThat(file("landskrona.ventilation.OVERVIEW.file", null)).isEqualTo(file(OVERVIEW, null));
        assertThat(file("LANDSKRONA", null)).isEqualTo("/Arrigo/state/Landskrona.json");
        assertThat(file("demo", "Area:x.json")).isEqualTo("/x.json");
    }

    @Test
    void pathsThatNameNothingInTheProjectAreKeptAsGiven() {
        assertThat(file("Some.Service.Path", null)).isEqualTo("/Arrigo/state/Some.Service.Path.json");
    }

    @Test
    void bareNamesLiveUnderArrigoState() {
        assertThat(file(OVERVIEW, "counters.json")).isEqualTo("/Arrigo/state/counters.json");
        assertThat(file(OVERVIEW, "sub/counters.json")).isEqualTo("/Arrigo/state/sub/counters.json");
        assertThat(file(OVERVIEW, "/counters.json")).as("a leading slash does not escape").isEqualTo("/Arrigo/state/counters.json");
    }

    @Test
    void projPrefixMapsToTheVolumeRoot() {
        assertThat(file(OVERVIEW, "Proj:x/y.json")).isEqualTo("/x/y.json");
        assertThat(file(OVERVIEW, "Proj:/x/y.json")).isEqualTo("/x/y.json");
    }

    @Test
    void exoscadaAndSharedPrefixesMapToTheirFolders() {
        assertThat(file(OVERVIEW, "EXOscada:x")).isEqualTo("/EXOscada/x");
        assertThat(file(OVERVIEW, "Shared:x.json")).isEqualTo("/Shared/x.json");
        assertThat(file(OVERVIEW, "Shared:/x.json")).isEqualTo("/Shared/x.json");
        assertThat(file(OVERVIEW, "shared:a//b/./c.json")).as("prefix ignores case; empty and . segments drop out")
                .isEqualTo("/Shared/a/b/c.json");
    }

    @Test
    void areaPrefixMapsToTheFolderOwningTheRegistrationPath() {
        assertThat(file(OVERVIEW, "Area:x.json")).as("a view: its folder").isEqualTo("/Landskrona/Ventilation/x.json");
        assertThat(file(SYSTEM_AIR, "Area:x.json")).as("a list: its folder").isEqualTo("/Landskrona/x.json");
        assertThat(file(LANDSKRONA, "Area:x.json")).as("a folder: itself").isEqualTo("/Landskrona/x.json");
        assertThat(file(VENTILATION, "Area:/x.json")).isEqualTo("/Landskrona/Ventilation/x.json");
        assertThat(file("Demo", "Area:x.json")).as("the root folder").isEqualTo("/x.json");
    }

    @Test
    void areaPrefixNeedsARegistrationPathThatNamesSomething() {
        assertThatThrownBy(() -> file("No.Such.File", "Area:x.json"))
                .isInstanceOfSatisfying(VaktException.class, e -> assertThat(e.fault()).isEqualTo(Fault.INVALID_PATH));
    }

    @Test
    void webPathsAreNotStateFiles() {
        assertInvalid("Web:index.html", "Web: paths are not state files");
        assertInvalid("web:x", "Web: paths are not state files");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../x.json", "a/../../x.json", "Proj:../x", "Shared:a/../../etc/passwd", "Area:../x"})
    void dotDotSegmentsAreRefused(String file) {
        assertInvalid(file, "may not contain \"..\"");
    }

    @Test
    void backslashesControlCharactersAndEmptyNamesAreRefused() {
        assertInvalid("a\\b.json", "backslash");
        assertInvalid("a\nb.json", "control characters");
        assertInvalid("a\u0000b.json", "control characters");
        assertInvalid("", "may not be empty");
        assertInvalid("Shared:", "has no file name");
        assertInvalid("Proj:/", "names a folder");
        assertInvalid("x/", "names a folder");
        assertInvalid("/./", "names a folder");
    }

    @Test
    void unknownPrefixesAndStrayColonsAreRefused() {
        assertInvalid("Foo:x.json", "unknown prefix \"Foo:\"");
        assertInvalid("Shared:a:b", "colon");
    }

    @Test
    void pathsLongerThan512CharactersAreRefused() {
        assertInvalid("x".repeat(513), "longer than 512");
        assertInvalid("Shared:" + "x".repeat(505), "longer than 512");
        assertThat(file(OVERVIEW, "x".repeat(498))).hasSize(512);
    }

    @Test
    void registrationPathsWithSlashesOrNothingAreRefused() {
        assertThatThrownBy(() -> file("a/b", null)).isInstanceOfSatisfying(VaktException.class,
                e -> assertThat(e.fault()).isEqualTo(Fault.INVALID_PATH));
        assertThatThrownBy(() -> file(" ", null)).isInstanceOfSatisfying(VaktException.class,
                e -> assertThat(e.fault()).isEqualTo(Fault.INVALID_PATH));
    }

    private void assertInvalid(String file, String message) {
        assertThatThrownBy(() -> file(OVERVIEW, file)).isInstanceOfSatisfying(VaktException.class, e -> {
            assertThat(e.fault()).isEqualTo(Fault.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
