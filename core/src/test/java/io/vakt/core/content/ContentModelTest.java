package io.vakt.core.content;

import io.vakt.core.model.NodeRef;
import io.vakt.core.model.Project;
import io.vakt.core.model.PublishedVariable;
import io.vakt.core.model.PublishedVariableList;
import io.vakt.core.model.TestProject;
import io.vakt.core.model.View;
import io.vakt.core.model.ViewBinding;
import io.vakt.core.project.DriverFactories;
import io.vakt.core.project.ProjectLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

import static io.vakt.core.model.TestProject.OVERVIEW;
import static io.vakt.core.model.TestProject.SYSTEM_AIR;
import static io.vakt.core.model.TestProject.SYSTEM_AIR_CHILDREN;
import static org.assertj.core.api.Assertions.assertThat;

/** Spec §5.1, §5.2, §16 items 26–28 and 39: the content clients patch live values into. */
class ContentModelTest {
    private static final List<String> PVL_ATTRIBUTES = List.of("Name", "Title", "Description", "Unit", "Variable",
            "Writable", "ReadAccess", "WriteAccess", "Comment", "VisualFilter");

    private static Project demo;

    private final ContentModel model = new ContentModel();

    @BeforeAll
    static void loadDemo() {
        demo = new ProjectLoader(DriverFactories.discover()).loadDemo().project();
    }

    private JsonNode cwl(PublishedVariableList list) { return model.contentOf(list).content().get("Cwl"); }

    @Test
    void listContentIsPublishedVariables() {
        JsonNode cwl = cwl(SYSTEM_AIR);
        assertThat(model.contentOf(SYSTEM_AIR).content().propertyNames()).containsExactly("Cwl");
        assertThat(cwl.get("type").asString()).isEqualTo("PublishedVariables");
        assertThat(cwl.get("attributes").propertyNames()).containsExactly("Name", "Title", "Description", "Comment");
        assertThat(cwl.get("attributes").get("Name").asString()).isEqualTo("SystemAir");
        assertThat(cwl.get("attributes").get("Title").asString()).isEqualTo("System air");
    }

    @Test
    void childrenArePublishedVariablesWithAttributesInContractOrder() {
        JsonNode children = cwl(SYSTEM_AIR).get("children");
        assertThat(children.size()).isEqualTo(SYSTEM_AIR.variables().size());
        for (JsonNode child : children) {
            assertThat(child.get("type").asString()).isEqualTo("PublishedVariable");
            assertThat(child.get("attributes").propertyNames()).containsExactlyElementsOf(PVL_ATTRIBUTES);
        }
        assertThat(PVL_ATTRIBUTES.get(ContentModel.PVL_VARIABLE_ATTRIBUTE)).isEqualTo("Variable");
    }

    @Test
    void boundAndOneShotEntriesShowUndefinedUntilAValueIsApplied() {
        JsonNode children = cwl(SYSTEM_AIR).get("children");
        for (int i = 0; i < children.size(); i++) {
            PublishedVariable variable = SYSTEM_AIR.variables().get(i);
            String shown = children.get(i).get("attributes").get("Variable").asString();
            assertThat(shown).as(variable.name())
                    .isEqualTo(variable.binding() == null ? variable.variable() : ContentModel.UNDEFINED);
        }
        assertThat(children.get(4).get("attributes").get("Variable").asString()).as("one-shot UnitName")
                .isEqualTo("((undefined))");
        assertThat(children.get(1).get("attributes").get("Variable").asString()).as("unbound Notes").isEmpty();
    }

    @Test
    void attributesCarryTheEntrysRulesWithSpecDefaults() {
        JsonNode second = cwl(SYSTEM_AIR).get("children").get(0).get("attributes");
        assertThat(second.get("Writable").asString()).isEqualTo("No");
        assertThat(second.get("ReadAccess").asString()).isEqualTo("Guest");
        assertThat(second.get("WriteAccess").asString()).isEqualTo("Operator");
        assertThat(second.get("VisualFilter").asString()).isEqualTo("1");
        JsonNode secret = cwl(SYSTEM_AIR).get("children").get(5).get("attributes");
        assertThat(secret.get("Writable").asString()).isEqualTo("Yes");
        assertThat(secret.get("ReadAccess").asString()).isEqualTo("Service");
    }

    @Test
    void adviseRefsPointToElementRefsNamingTheChildsVariable() {
        JsonNode cwl = cwl(SYSTEM_AIR);
        JsonNode adviseRefs = cwl.get("AdviseRefs").get("A");
        assertThat(adviseRefs.size()).isEqualTo(SYSTEM_AIR_CHILDREN.length);
        for (int k = 0; k < adviseRefs.size(); k++) {
            assertThat(adviseRefs.get(k).size()).isEqualTo(1);
            JsonNode ref = cwl.get("ElementRefs").get(adviseRefs.get(k).get(0).intValue());
            assertThat(ref.size()).isEqualTo(2);
            assertThat(ref.get(0).size()).isEqualTo(1);
            assertThat(ref.get(0).get(0).intValue()).as("child of A[%d]", k).isEqualTo(SYSTEM_AIR_CHILDREN[k]);
            assertThat(ref.get(1).intValue()).isEqualTo(4);
        }
    }

    @Test
    void adviseStringsAreIndexColonAttribute() {
        JsonNode advise = cwl(SYSTEM_AIR).get("Advise").get("A");
        List<String> strings = new ArrayList<>();
        advise.forEach(a -> strings.add(a.asString()));
        assertThat(strings).containsExactly("0:4", "1:4", "2:4", "3:4", "4:4", "5:4", "6:4");
    }

    @Test
    void unboundEntriesAreNotAdvised() {
        JsonNode cwl = cwl(SYSTEM_AIR);
        long bound = SYSTEM_AIR.variables().stream().filter(v -> v.binding() != null).count();
        assertThat(cwl.get("Advise").get("A").size()).isEqualTo((int) bound).isEqualTo(SYSTEM_AIR.advised().size());
        for (JsonNode ref : cwl.get("ElementRefs")) {
            assertThat(ref.get(0).get(0).intValue()).as("Notes is child 1").isNotEqualTo(1);
        }
    }

    @Test
    void clientAlgorithmSetsExactlyThatChildsVariable() {
        ObjectNode original = (ObjectNode) model.contentOf(SYSTEM_AIR).content();
        for (int k = 0; k < SYSTEM_AIR_CHILDREN.length; k++) {
            ObjectNode copy = original.deepCopy();
            ClientAlgorithm.apply(copy, "Cwl.Advise.A[" + k + "]", "value-" + k);
            assertThat(changes(original.get("Cwl"), copy.get("Cwl")))
                    .containsExactly("." + SYSTEM_AIR_CHILDREN[k] + "/Variable=value-" + k);
        }
    }

    @Test
    void viewContentIsCwvWithNestedChildPaths() {
        JsonNode cwv = model.contentOf(OVERVIEW).content().get("Cwv");
        assertThat(model.contentOf(OVERVIEW).content().propertyNames()).containsExactly("Cwv");
        assertThat(cwv.get("type").asString()).isEqualTo("View");
        assertThat(cwv.get("attributes").propertyNames()).containsExactly("Name", "Title");
        assertThat(cwv.get("Advise").get("A").get(0).asString()).isEqualTo("0:1");
        assertThat(cwv.get("Advise").get("A").get(1).asString()).isEqualTo("1:1");
        JsonNode second = cwv.get("ElementRefs").get(cwv.get("AdviseRefs").get("A").get(1).get(0).intValue());
        assertThat(second.get(0).size()).isEqualTo(3);
        assertThat(List.of(second.get(0).get(0).intValue(), second.get(0).get(1).intValue(), second.get(0).get(2).intValue()))
                .containsExactly(0, 1, 0);
        assertThat(cwv.get("children").get(1).has("children")).as("a leaf has no children array").isFalse();
    }

    @Test
    void clientAlgorithmSetsANestedViewElement() {
        ObjectNode original = (ObjectNode) model.contentOf(OVERVIEW).content();
        ObjectNode copy = original.deepCopy();
        ClientAlgorithm.apply(copy, "Cwv.Advise.A[1]", "1");
        assertThat(changes(original.get("Cwv"), copy.get("Cwv"))).containsExactly(".0.1.0/Variable=1");
        copy = original.deepCopy();
        ClientAlgorithm.apply(copy, "Cwv.Advise.A[0]", "21.5");
        assertThat(changes(original.get("Cwv"), copy.get("Cwv"))).containsExactly(".0.0/Variable=21.5");
    }

    @Test
    void hashIsEightUpperCaseHexDigits() {
        assertThat(model.contentOf(SYSTEM_AIR).hash()).matches("[0-9A-F]{8}");
        assertThat(model.contentOf(OVERVIEW).hash()).matches("[0-9A-F]{8}");
    }

    @Test
    void hashIsStableAcrossModels() {
        assertThat(new ContentModel().contentOf(SYSTEM_AIR).hash()).isEqualTo(model.contentOf(SYSTEM_AIR).hash());
        assertThat(new ContentModel().contentOf(OVERVIEW).hash()).isEqualTo(model.contentOf(OVERVIEW).hash());
    }

    @Test
    void hashDiffersWhenContentDiffers() {
        PublishedVariableList retitled = new PublishedVariableList(SYSTEM_AIR.name(), "Other title",
                SYSTEM_AIR.description(), SYSTEM_AIR.comment(), SYSTEM_AIR.variables(), SYSTEM_AIR.source());
        List<PublishedVariable> fewer = SYSTEM_AIR.variables().subList(0, 3);
        PublishedVariableList shorter = new PublishedVariableList(SYSTEM_AIR.name(), SYSTEM_AIR.title(),
                SYSTEM_AIR.description(), SYSTEM_AIR.comment(), fewer, SYSTEM_AIR.source());
        String hash = model.contentOf(SYSTEM_AIR).hash();
        assertThat(model.contentOf(retitled).hash()).isNotEqualTo(hash);
        assertThat(model.contentOf(shorter).hash()).isNotEqualTo(hash);
        assertThat(model.contentOf(TestProject.ROOMS).hash()).isNotEqualTo(hash);
    }

    @Test
    void contentIsCachedPerFile() {
        NodeContent first = model.contentOf(SYSTEM_AIR);
        assertThat(model.contentOf(SYSTEM_AIR)).isSameAs(first);
        assertThat(model.contentOf(OVERVIEW)).isSameAs(model.contentOf(OVERVIEW));
    }

    @Test
    void everyDemoListFollowsTheContract() {
        List<NodeRef> lists = demo.nodes().stream().filter(n -> n.file() instanceof PublishedVariableList).toList();
        assertThat(lists).hasSizeGreaterThanOrEqualTo(5);
        for (NodeRef node : lists) {
            PublishedVariableList list = (PublishedVariableList) node.file();
            ObjectNode content = (ObjectNode) model.contentOf(list).content();
            JsonNode cwl = content.get("Cwl");
            assertThat(cwl.get("type").asString()).isEqualTo("PublishedVariables");
            for (JsonNode child : cwl.get("children")) {
                assertThat(child.get("type").asString()).isEqualTo("PublishedVariable");
                assertThat(child.get("attributes").propertyNames()).containsExactlyElementsOf(PVL_ATTRIBUTES);
            }
            int[] children = list.advisedChildIndexes();
            assertThat(cwl.get("Advise").get("A").size()).as(list.name()).isEqualTo(children.length);
            for (int k = 0; k < children.length; k++) {
                assertThat(cwl.get("Advise").get("A").get(k).asString()).isEqualTo(k + ":4");
                assertThat(list.variables().get(children[k]).binding()).isEqualTo(list.advised().get(k).binding());
                ObjectNode copy = content.deepCopy();
                ClientAlgorithm.apply(copy, "Cwl.Advise.A[" + k + "]", "applied");
                assertThat(changes(cwl, copy.get("Cwl"))).as("%s A[%d]", list.name(), k)
                        .containsExactly("." + children[k] + "/Variable=applied");
            }
        }
    }

    @Test
    void demoHasAnUnboundEntryThatIsNotAdvised() {
        PublishedVariableList systemAir = demo.nodes().stream().map(NodeRef::file)
                .filter(f -> f.name().equals("SystemAir")).map(PublishedVariableList.class::cast).findFirst().orElseThrow();
        int notes = indexOf(systemAir, "Notes");
        assertThat(systemAir.variables().get(notes).binding()).isNull();
        assertThat(systemAir.advisedChildIndexes()).doesNotContain(notes);
        int unitName = indexOf(systemAir, "UnitName");
        assertThat(systemAir.variables().get(unitName).binding().bound()).as("one-shot").isFalse();
        assertThat(systemAir.advisedChildIndexes()).contains(unitName);
    }

    @Test
    void everyDemoViewResolvesItsElementPaths() {
        List<NodeRef> views = demo.nodes().stream().filter(n -> n.file() instanceof View).toList();
        assertThat(views).isNotEmpty();
        for (NodeRef node : views) {
            View view = (View) node.file();
            ObjectNode content = (ObjectNode) model.contentOf(view).content();
            JsonNode cwv = content.get("Cwv");
            assertThat(cwv.get("Advise").get("A").size()).isEqualTo(view.bindings().size()).isPositive();
            boolean nested = false;
            for (int k = 0; k < view.bindings().size(); k++) {
                ViewBinding binding = view.bindings().get(k);
                nested |= binding.childPath().size() > 1;
                ObjectNode copy = content.deepCopy();
                ClientAlgorithm.apply(copy, "Cwv.Advise.A[" + k + "]", "applied");
                StringBuilder path = new StringBuilder();
                binding.childPath().forEach(i -> path.append('.').append(i));
                assertThat(changes(cwv, copy.get("Cwv"))).as("%s A[%d]", view.name(), k)
                        .containsExactly(path + "/Variable=applied");
            }
            assertThat(nested).as("the demo view binds nested elements").isTrue();
        }
    }

    private static int indexOf(PublishedVariableList list, String name) {
        for (int i = 0; i < list.variables().size(); i++) {
            if (list.variables().get(i).name().equals(name)) return i;
        }
        throw new AssertionError("no " + name);
    }

    private static List<String> changes(JsonNode before, JsonNode after) {
        List<String> old = ClientAlgorithm.attributeLines(before, "");
        List<String> changed = new ArrayList<>(ClientAlgorithm.attributeLines(after, ""));
        assertThat(changed).hasSameSizeAs(old);
        changed.removeAll(old);
        return changed;
    }
}
