package io.vakt.scripting.legacy;

import io.vakt.core.model.Project;
import io.vakt.core.model.TechnicalAddress;
import io.vakt.core.path.NodePaths;
import io.vakt.core.project.DriverFactories;
import io.vakt.core.project.ProjectLoader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where each technical address of the demo building is published (spec §15 item 9). */
class PublishedAddressesTest {
    private static final Project DEMO = new ProjectLoader(DriverFactories.discover()).loadDemo().project();
    private final PublishedAddresses published = new PublishedAddresses(DEMO);

    private List<String> places(String address) {
        return published.of(TechnicalAddress.parse(address).orElseThrow()).stream()
                .map(entry -> NodePaths.decode(entry.node().nodePath()).orElseThrow() + "#" + entry.index())
                .toList();
    }

    @Test
    void listsAndViewsAreIndexedInFolderTreeOrderWithTheirAdviseIndex() {
        assertThat(places("AHU1.GT11_SP")).containsExactly("Landskrona.SystemAir.File#2",
                "Landskrona.Ventilation.AHU1.File#5", "Landskrona.Ventilation.Overview.File#" + overviewIndex("AHU1.GT11_SP"));
    }

    @Test
    void entriesCarryTheirAccessRules() {
        PublishedEntry workshop = published.of(new TechnicalAddress("AHU1", "MAN_OVERRIDE")).stream()
                .filter(e -> e.node().area().name().equals("Workshop")).findFirst().orElseThrow();
        assertThat(workshop.element().writable()).isTrue();
        assertThat(workshop.element().writeAccess().name()).isEqualTo("Operator");
        assertThat(workshop.address()).isEqualTo(new TechnicalAddress("AHU1", "MAN_OVERRIDE"));
    }

    @Test
    void addressesMatchIgnoringCase() {
        assertThat(places("ahu1.gt11_sp")).isEqualTo(places("AHU1.GT11_SP"));
    }

    @Test
    void unpublishedPointsHaveNoOccurrence() {
        assertThat(places("RU1.R101_SV")).isEmpty();
        assertThat(places("Nope.Nothing")).isEmpty();
        assertThat(published.size()).isPositive();
    }

    @Test
    void variablesParseWithOrWithoutTheLeadingStar() {
        assertThat(PublishedAddresses.parse("*AHU1.GT11")).contains(new TechnicalAddress("AHU1", "GT11"));
        assertThat(PublishedAddresses.parse(" AHU1.QSystem.Sec ")).contains(new TechnicalAddress("AHU1", "QSystem.Sec"));
        assertThat(PublishedAddresses.parse("GT11")).isEmpty();
        assertThat(PublishedAddresses.parse("**AHU1.GT11")).isEmpty();
        assertThat(PublishedAddresses.parse(null)).isEmpty();
    }

    private static int overviewIndex(String address) {
        var view = DEMO.node(NodePaths.encode("Landskrona.Ventilation.Overview.File")).orElseThrow().file();
        for (int k = 0; k < view.advised().size(); k++) {
            if (view.advised().get(k).binding().address().equals(TechnicalAddress.parse(address).orElseThrow())) return k;
        }
        throw new AssertionError(address + " is not in the view");
    }
}
