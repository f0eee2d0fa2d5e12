package io.vakt.core.access;

import io.vakt.core.model.Project;
import org.junit.jupiter.api.Test;

import static io.vakt.core.model.TestProject.ADMIN;
import static io.vakt.core.model.TestProject.BOB;
import static io.vakt.core.model.TestProject.FLOOR1;
import static io.vakt.core.model.TestProject.GUEST;
import static io.vakt.core.model.TestProject.LANDSKRONA;
import static io.vakt.core.model.TestProject.NOBODY;
import static io.vakt.core.model.TestProject.OPERATOR;
import static io.vakt.core.model.TestProject.ROOM101;
import static io.vakt.core.model.TestProject.ROOM102;
import static io.vakt.core.model.TestProject.ROOT;
import static io.vakt.core.model.TestProject.SERVICE;
import static io.vakt.core.model.TestProject.WORKSHOP;
import static io.vakt.core.model.TestProject.project;
import static org.assertj.core.api.Assertions.assertThat;

/** Spec §9 decision "Access levels" and §16 item 69. */
class AccessPolicyTest {
    private final Project project = project();
    private final AccessPolicy policy = new AccessPolicy(project);

    @Test
    void baseLevelAppliesWithoutGrants() {
        assertThat(policy.levelIn(GUEST, LANDSKRONA)).isEqualTo(AccessLevel.Guest);
        assertThat(policy.levelIn(OPERATOR, LANDSKRONA)).isEqualTo(AccessLevel.Operator);
        assertThat(policy.levelIn(SERVICE, ROOT)).isEqualTo(AccessLevel.Service);
        assertThat(policy.levelIn(NOBODY, LANDSKRONA)).isEqualTo(AccessLevel.None);
    }

    @Test
    void grantOnAFolderAppliesToItsSubFolders() {
        assertThat(policy.levelIn(BOB, FLOOR1)).isEqualTo(AccessLevel.Service);
        assertThat(policy.levelIn(BOB, ROOM102)).isEqualTo(AccessLevel.Service);
        assertThat(policy.levelIn(BOB, LANDSKRONA)).as("not upwards").isEqualTo(AccessLevel.Guest);
    }

    @Test
    void nearestGrantWins() {
        // Room101 grants everyone Guest, nearer than bob's Service on Floor1
        assertThat(policy.levelIn(BOB, ROOM101)).isEqualTo(AccessLevel.Guest);
        assertThat(policy.levelIn(OPERATOR, ROOM101)).as("a grant may also lower the base level").isEqualTo(AccessLevel.Guest);
    }

    @Test
    void userGrantBeatsEveryoneInTheSameFolder() {
        assertThat(policy.levelIn(OPERATOR, WORKSHOP)).isEqualTo(AccessLevel.Operator);
        assertThat(policy.levelIn(GUEST, WORKSHOP)).isEqualTo(AccessLevel.None);
        assertThat(policy.levelIn(SERVICE, WORKSHOP)).isEqualTo(AccessLevel.None);
    }

    @Test
    void userNamesMatchIgnoringCase() {
        assertThat(policy.levelIn(new Principal("OPERATOR", AccessLevel.Guest), WORKSHOP)).isEqualTo(AccessLevel.Operator);
        assertThat(policy.levelIn(new Principal("Bob", AccessLevel.Guest), FLOOR1)).isEqualTo(AccessLevel.Service);
    }

    @Test
    void adminIsAdminEverywhere() {
        for (var area : new io.vakt.core.model.Area[]{ROOT, LANDSKRONA, FLOOR1, ROOM101, ROOM102, WORKSHOP}) {
            assertThat(policy.levelIn(ADMIN, area)).as(area.name()).isEqualTo(AccessLevel.Admin);
            assertThat(policy.canSee(ADMIN, area)).isTrue();
        }
    }

    @Test
    void seeingAFolderNeedsAtLeastGuest() {
        assertThat(policy.canSee(GUEST, LANDSKRONA)).isTrue();
        assertThat(policy.canSee(GUEST, WORKSHOP)).isFalse();
        assertThat(policy.canSee(OPERATOR, WORKSHOP)).isTrue();
        assertThat(policy.canSee(NOBODY, LANDSKRONA)).isFalse();
        assertThat(policy.canSee(NOBODY, ROOM101)).as("granted Guest by *").isTrue();
    }

    @Test
    void levelsAreOrdered() {
        assertThat(AccessLevel.Admin.atLeast(AccessLevel.Service)).isTrue();
        assertThat(AccessLevel.Service.atLeast(AccessLevel.Operator)).isTrue();
        assertThat(AccessLevel.Operator.atLeast(AccessLevel.Guest)).isTrue();
        assertThat(AccessLevel.Guest.atLeast(AccessLevel.None)).isTrue();
        assertThat(AccessLevel.Guest.atLeast(AccessLevel.Operator)).isFalse();
        assertThat(AccessLevel.None.atLeast(AccessLevel.None)).isTrue();
    }

    @Test
    void levelNamesParseIgnoringCase() {
        assertThat(AccessLevel.parse(" operator ")).contains(AccessLevel.Operator);
        assertThat(AccessLevel.parse("ADMIN")).contains(AccessLevel.Admin);
        assertThat(AccessLevel.parse("Gust")).isEmpty();
        assertThat(AccessLevel.parse(null)).isEmpty();
    }
}
