package io.vakt.graphql;

import graphql.ExecutionResult;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLScalarType;
import io.vakt.core.access.Principal;
import io.vakt.core.model.NodeRef;
import io.vakt.core.model.PublishedVariable;
import io.vakt.core.model.PublishedVariableList;
import io.vakt.core.path.NodePaths;
import io.vakt.graphql.support.Json;
import io.vakt.graphql.support.LiveFixture;
import io.vakt.graphql.support.TestProjects;
import io.vakt.graphql.ws.OperationExecutor;
import io.vakt.graphql.ws.OperationPayload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.vakt.graphql.support.LiveFixture.ADMIN;
import static io.vakt.graphql.support.LiveFixture.GUEST;
import static io.vakt.graphql.support.LiveFixture.OPERATOR;
import static io.vakt.graphql.support.LiveFixture.OPERATOR_LEVEL;
import static io.vakt.graphql.support.LiveFixture.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

/** GraphQL over HTTP against the demo building on test drivers (spec §3, §4, §5, §16 items 19–34). */
class GraphqlEngineTest {
    private static final String ROOT_ID = NodePaths.encode("Demo");
    private static final String LANDSKRONA = "TGFuZHNrcm9uYQ==";
    private static final String SYSTEM_AIR = NodePaths.encode("Landskrona.SystemAir.File");
    private static final String WORKSHOP_LIST = NodePaths.encode("Workshop.Service.File");

    private static LiveFixture live;

    @BeforeAll
    static void startDemo() { live = LiveFixture.demo(); }

    @AfterAll
    static void stopDemo() { live.close(); }

    private static JsonNode data(Principal user, String query) { return data(user, query, Map.of()); }

    private static JsonNode data(Principal user, String query, Map<String, Object> variables) {
        ExecutionResult result = live.execute(user, query, variables);
        assertThat(result.getErrors()).as("errors of %s", query).isEmpty();
        return Json.of(result.toSpecification()).get("data");
    }

    private static List<String> errors(Principal user, String query) {
        return live.execute(user, query).getErrors().stream().map(e -> e.getMessage()).toList();
    }

    private static String decode(String base64) { return NodePaths.decode(base64).orElseThrow(); }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.get(field).asString()));
        return texts;
    }

    // ---- folders -----------------------------------------------------------------------------------------

    @Test
    void folderWithoutIdIsTheRoot() {
        JsonNode folder = data(GUEST, "{ folder { id name title parent __typename } }").get("folder");
        assertThat(folder.get("id").asString()).isEqualTo(ROOT_ID);
        assertThat(folder.get("__typename").asString()).isEqualTo("RootArea");
        assertThat(folder.get("parent").isNull()).isTrue();
        assertThat(data(GUEST, "{ folder(id: null) { id } }").at("/folder/id").asString()).isEqualTo(ROOT_ID);
    }

    @Test
    void folderByIdIsThatFolder() {
        JsonNode folder = data(GUEST, "{ folder(id: \"" + LANDSKRONA + "\") { id name title icon parent __typename } }").get("folder");
        assertThat(folder.get("name").asString()).isEqualTo("Landskrona");
        assertThat(folder.get("title").asString()).isEqualTo("Landskrona office");
        assertThat(folder.get("icon").asString()).isEqualTo("building");
        assertThat(folder.get("__typename").asString()).isEqualTo("UserArea");
        assertThat(folder.get("parent").asString()).isEqualTo(ROOT_ID);
    }

    @Test
    void folderIdsAreBase64OfTheDottedPath() {
        JsonNode items = data(GUEST, "{ folder(id: \"" + LANDSKRONA + "\") { folders { items { id name } } } }")
                .at("/folder/folders/items");
        assertThat(items.size()).isPositive();
        items.forEach(item -> assertThat(decode(item.get("id").asString())).isEqualTo("Landskrona." + item.get("name").asString()));
        assertThat(texts(items, "name")).contains("Ventilation", "Energy");
    }

    @Test
    void foldersGiveTotalCountAndItems() {
        JsonNode folders = data(ADMIN, "{ folder { folders { totalCount items { id __typename } } } }").at("/folder/folders");
        assertThat(folders.get("totalCount").asInt()).isEqualTo(2);
        assertThat(texts(folders.get("items"), "id")).containsExactlyInAnyOrder(LANDSKRONA, NodePaths.encode("Workshop"));
        assertThat(texts(folders.get("items"), "__typename")).containsOnly("UserArea");
    }

    @Test
    void foldersAlsoAnswerTheRelayForm() {
        JsonNode folders = data(GUEST, "{ folder(id: \"" + LANDSKRONA + "\") { folders { totalCount"
                + " edges { node { id } cursor } pageInfo { startCursor endCursor hasNextPage hasPreviousPage } } } }")
                .at("/folder/folders");
        JsonNode edges = folders.get("edges");
        assertThat(edges.size()).isEqualTo(folders.get("totalCount").asInt());
        edges.forEach(edge -> assertThat(edge.get("cursor").asString()).isEqualTo(edge.at("/node/id").asString()));
        JsonNode pageInfo = folders.get("pageInfo");
        assertThat(pageInfo.get("startCursor").asString()).isEqualTo(edges.get(0).get("cursor").asString());
        assertThat(pageInfo.get("endCursor").asString()).isEqualTo(edges.get(edges.size() - 1).get("cursor").asString());
        assertThat(pageInfo.get("hasNextPage").asBoolean()).isFalse();
        assertThat(pageInfo.get("hasPreviousPage").asBoolean()).isFalse();
    }

    @Test
    void publishedVariableListPathsDecodeToFolderPathListNameAndFile() {
        for (String folderPath : List.of("Landskrona", "Landskrona.Ventilation", "Landskrona.Energy")) {
            JsonNode folder = data(GUEST, "{ folder(id: \"" + NodePaths.encode(folderPath) + "\") { ... on UserArea {"
                    + " publishedVariableLists { name path } publicVariableFiles { name path } } } }").get("folder");
            JsonNode lists = folder.get("publishedVariableLists");
            assertThat(lists.size()).as(folderPath).isPositive();
            lists.forEach(list -> assertThat(decode(list.get("path").asString()))
                    .isEqualTo(folderPath + "." + list.get("name").asString() + ".File"));
            assertThat(folder.get("publicVariableFiles")).isEqualTo(lists);
        }
    }

    @Test
    void unknownFolderIdIsInvalidPath() {
        assertThat(errors(GUEST, "{ folder(id: \"" + NodePaths.encode("Nowhere") + "\") { id } }")).containsExactly("Invalid path");
        assertThat(errors(GUEST, "{ folder(id: \"%%%\") { id } }")).containsExactly("Invalid path");
    }

    // ---- folder access ----------------------------------------------------------------------------------

    @Test
    void hiddenAreaIsInvisibleToAGuestLevelUser() {
        JsonNode items = data(GUEST, "{ folder { folders { totalCount items { name } } } }").at("/folder/folders");
        assertThat(texts(items.get("items"), "name")).containsExactly("Landskrona");
        assertThat(items.get("totalCount").asInt()).isEqualTo(1);
        assertThat(errors(GUEST, "{ folder(id: \"" + NodePaths.encode("Workshop") + "\") { id } }")).containsExactly("Invalid path");
        assertThat(errors(GUEST, "{ node(path: \"" + WORKSHOP_LIST + "\") { hash } }")).containsExactly("Invalid path");
        assertThat(errors(GUEST, "{ data(path: \"" + WORKSHOP_LIST + "\") { hash } }")).containsExactly("Invalid path");
    }

    @Test
    void hiddenAreaIsVisibleToTheUserItGrantsAccessTo() {
        JsonNode items = data(OPERATOR, "{ folder { folders { items { name accessLevel } } } }").at("/folder/folders/items");
        assertThat(texts(items, "name")).contains("Landskrona", "Workshop");
        JsonNode workshop = data(OPERATOR, "{ folder(id: \"" + NodePaths.encode("Workshop") + "\") { name accessLevel"
                + " ... on UserArea { publishedVariableLists { path } } } }").get("folder");
        assertThat(workshop.get("accessLevel").asString()).isEqualTo("Operator");
        assertThat(workshop.at("/publishedVariableLists/0/path").asString()).isEqualTo(WORKSHOP_LIST);
        assertThat(data(OPERATOR, "{ node(path: \"" + WORKSHOP_LIST + "\") { hash } }").at("/node/hash").asString()).isNotEmpty();
    }

    // ---- node content --------------------------------------------------------------------------------------

    @Test
    void nodeContentOfAListHasThePublishedVariablesShape() {
        JsonNode cwl = data(GUEST, "{ node(path: \"" + SYSTEM_AIR + "\") { content hash } }").at("/node/content/Cwl");
        assertThat(cwl.get("type").asString()).isEqualTo("PublishedVariables");
        assertThat(fieldNames(cwl.get("attributes"))).containsExactly("Name", "Title", "Description", "Comment");
        assertThat(cwl.get("children").size()).isEqualTo(10);
        for (JsonNode child : cwl.get("children")) {
            assertThat(child.get("type").asString()).isEqualTo("PublishedVariable");
            assertThat(fieldNames(child.get("attributes"))).containsExactly("Name", "Title", "Description", "Unit",
                    "Variable", "Writable", "ReadAccess", "WriteAccess", "Comment", "VisualFilter");
        }
        JsonNode second = cwl.at("/children/0/attributes");
        assertThat(second.get("Name").asString()).isEqualTo("Second");
        assertThat(second.get("Variable").asString()).isEqualTo("((undefined))");
        assertThat(second.get("ReadAccess").asString()).isEqualTo("Guest");
        assertThat(cwl.at("/Advise/A").size()).isEqualTo(9);
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }

    @Test
    void everyAdviseRefPointsAtTheVariableAttributeOfItsChild() {
        for (NodeRef ref : live.project.nodes()) {
            if (!(ref.file() instanceof PublishedVariableList list)) continue;
            JsonNode cwl = data(ADMIN, "{ node(path: \"" + ref.nodePath() + "\") { content } }").at("/node/content/Cwl");
            JsonNode adviseRefs = cwl.at("/AdviseRefs/A");
            assertThat(adviseRefs.size()).as(list.name()).isEqualTo(cwl.at("/Advise/A").size()).isEqualTo(list.advised().size());
            for (int k = 0; k < adviseRefs.size(); k++) {
                for (JsonNode j : adviseRefs.get(k)) {
                    JsonNode elementRef = cwl.get("ElementRefs").get(j.asInt());
                    assertThat(elementRef.get(0).size()).isEqualTo(1);
                    assertThat(elementRef.get(1).asInt()).isEqualTo(4);
                    int child = elementRef.get(0).get(0).asInt();
                    List<String> attributeNames = fieldNames(cwl.at("/children/" + child + "/attributes"));
                    assertThat(attributeNames.get(4)).isEqualTo("Variable");
                    PublishedVariable variable = list.variables().get(child);
                    assertThat(variable.binding()).as("%s k=%d", list.name(), k).isEqualTo(list.advised().get(k).binding());
                }
            }
        }
    }

    @Test
    void nodePathsMatchCaseInsensitively() {
        String documented = "TGFuZHNrcm9uYS5zeXN0ZW1haXIuZmlsZQ==";
        assertThat(decode(documented)).isEqualTo("Landskrona.systemair.file");
        JsonNode canonical = data(GUEST, "{ node(path: \"" + SYSTEM_AIR + "\") { hash content } }").get("node");
        for (String variant : List.of(documented, NodePaths.encode("landskrona.SYSTEMAIR.file"))) {
            assertThat(data(GUEST, "{ node(path: \"" + variant + "\") { hash content } }").get("node")).isEqualTo(canonical);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "%%%", "TGFuZHNrcm9uYQ==", "Tm93aGVyZS5MaXN0LkZpbGU=", "", "/w=="})
    void unknownOrMalformedPathIsInvalidPathInNodeAndData(String path) {
        assertThat(errors(GUEST, "{ node(path: \"" + path + "\") { hash } }")).containsExactly("Invalid path");
        assertThat(errors(GUEST, "{ data(path: \"" + path + "\") { hash } }")).containsExactly("Invalid path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "TGFuZHNrcm9uYQ==", "Tm93aGVyZS5MaXN0LkZpbGU="})
    void unknownOrMalformedPathIsInvalidPathInTheSubscription(String path) {
        OperationExecutor.Outcome outcome = live.operations.run(
                new OperationPayload("subscription($p: String!) { data(path: $p) { value } }", Map.of("p", path), null),
                new RequestContext(GUEST, "test"), null).toCompletableFuture().join();
        assertThat(outcome).isInstanceOf(OperationExecutor.Outcome.Single.class);
        JsonNode result = Json.of(((OperationExecutor.Outcome.Single) outcome).result());
        assertThat(result.at("/errors/0/message").asString()).isEqualTo("Invalid path");
        assertThat(result.get("data").isNull()).isTrue();
    }

    // ---- data ------------------------------------------------------------------------------------------------

    @Test
    void dataHashEqualsNodeHash() {
        for (NodeRef ref : live.project.nodes()) {
            JsonNode both = data(ADMIN, "{ node(path: \"" + ref.nodePath() + "\") { hash content }"
                    + " data(path: \"" + ref.nodePath() + "\") { hash content } }");
            assertThat(both.at("/data/hash").asString()).matches("[0-9A-F]{8}").isEqualTo(both.at("/node/hash").asString());
            assertThat(both.at("/data/content")).isEqualTo(both.at("/node/content"));
        }
    }

    @Test
    void dataVariablesHaveOneEntryPerAdviseElementAndAMinimumPollingInterval() {
        JsonNode data = data(GUEST, "{ node(path: \"" + SYSTEM_AIR + "\") { content } data(path: \"" + SYSTEM_AIR + "\") {"
                + " variables { path type technicalAddress } minPollingInterval } }");
        JsonNode variables = data.at("/data/variables");
        assertThat(variables.size()).isEqualTo(data.at("/node/content/Cwl/Advise/A").size()).isEqualTo(9);
        for (int k = 0; k < variables.size(); k++) {
            assertThat(variables.get(k).get("path").asString()).isEqualTo("Cwl.Advise.A[" + k + "]");
        }
        assertThat(variables.get(0).get("technicalAddress").asString()).isEqualTo("AHU1.QSystem.Sec");
        assertThat(data.at("/data/minPollingInterval").asInt()).isEqualTo(10);
    }

    @Test
    void pollingReturnsPendingFirstThenTheValue() {
        try (LiveFixture fresh = LiveFixture.demo()) {
            String query = "{ data(path: \"" + SYSTEM_AIR + "\") { variables { value type } } }";
            fresh.push("AHU1.GT21", 20.0);
            JsonNode extract = Json.of(fresh.execute(GUEST, query).toSpecification()).at("/data/data/variables/3");
            assertThat(extract.get("type").asString()).isEqualTo("Pending");
            assertThat(extract.get("value").isNull()).isTrue();
            // the poll advised the variable for its lease, so the next sample is kept for the next poll
            fresh.push("AHU1.GT21", 21.75);
            extract = Json.of(fresh.execute(GUEST, query).toSpecification()).at("/data/data/variables/3");
            assertThat(extract.get("type").asString()).isEqualTo("Update");
            assertThat(extract.get("value").asDouble()).isEqualTo(21.75);
        }
    }

    @Test
    void timeStampAndTimestampCarryTheSameUtcTime() {
        JsonNode variables = data(GUEST, "{ data(path: \"" + SYSTEM_AIR + "\") { variables { timeStamp timestamp } } }")
                .at("/data/variables");
        for (JsonNode variable : variables) {
            assertThat(variable.get("timeStamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d")
                    .isEqualTo(variable.get("timestamp").asString());
        }
    }

    // ---- mutations -------------------------------------------------------------------------------------------

    private static JsonNode setData(Principal user, int k, String value) {
        return Json.of(live.execute(user, "mutation($v: String) { setData(nodePath: \"" + SYSTEM_AIR + "\", path: \"Cwl.Advise.A["
                + k + "]\", value: $v) }", value == null ? Map.of() : Map.of("v", value)).toSpecification());
    }

    @Test
    void setDataWritesAWritableEntryForAUserAtItsWriteAccess() {
        JsonNode result = setData(OPERATOR_LEVEL, 2, "21");
        assertThat(result.at("/data/setData").asBoolean()).isTrue();
        assertThat(result.has("errors")).isFalse();
        assertThat(live.driver("AHU1").value("GT11_SP")).isEqualTo(21.0);
    }

    @Test
    void setDataOnAnEntryThatIsNotWritableIsFalseWithAnError() {
        JsonNode result = setData(ADMIN, 1, "5");
        assertThat(result.at("/data/setData").asBoolean()).isFalse();
        assertThat(result.at("/errors/0/extensions/code").asString()).isEqualTo("NOT_WRITABLE");
        assertThat(live.driver("AHU1").value("GT11")).isNull();
    }

    @Test
    void setDataByAUserBelowWriteAccessIsFalseWithAnError() {
        JsonNode result = setData(GUEST, 2, "20");
        assertThat(result.at("/data/setData").asBoolean()).isFalse();
        assertThat(result.at("/errors/0/extensions/code").asString()).isEqualTo("WRITE_ACCESS_TOO_LOW");
        assertThat(result.at("/errors/0/path/0").asString()).isEqualTo("setData");
        JsonNode runMode = setData(OPERATOR_LEVEL, 7, "1");
        assertThat(runMode.at("/data/setData").asBoolean()).isFalse();
        assertThat(runMode.at("/errors/0/message").asString()).contains("needs Service");
    }

    @Test
    void setDataOfTextToANumberIsFalseButANumericStringWorks() {
        // Workshop.Service ValvePosition: HC1.SV21_MANPOS, real 0..100, WriteAccess Operator (user operator has it there)
        String mutation = "mutation($v: String) { setData(nodePath: \"" + WORKSHOP_LIST + "\", path: \"Cwl.Advise.A[2]\", value: $v) }";
        JsonNode five = Json.of(live.execute(OPERATOR, mutation, Map.of("v", "five")).toSpecification());
        assertThat(five.at("/data/setData").asBoolean()).isFalse();
        assertThat(five.at("/errors/0/extensions/code").asString()).isEqualTo("INVALID_VALUE");
        assertThat(live.driver("HC1").value("SV21_MANPOS")).isNull();
        JsonNode works = Json.of(live.execute(OPERATOR, mutation, Map.of("v", "5")).toSpecification());
        assertThat(works.at("/data/setData").asBoolean()).isTrue();
        assertThat(live.driver("HC1").value("SV21_MANPOS")).isEqualTo(5.0);
    }

    @Test
    void setDataOfANumericStringToAnIntegerVariableWorks() {
        JsonNode runMode = setData(SERVICE, 7, "2");
        assertThat(runMode.at("/data/setData").asBoolean()).isTrue();
        assertThat(live.driver("AHU1").value("RUNMODE")).isEqualTo(2L);
        assertThat(setData(SERVICE, 7, "two").at("/data/setData").asBoolean()).isFalse();
    }

    @Test
    void everyWriteAttemptIsAudited() {
        int before = live.audit.size();
        setData(GUEST, 2, "20");
        assertThat(live.audit.size()).isEqualTo(before + 1);
        assertThat(live.audit.getLast().username()).isEqualTo(GUEST.username());
        assertThat(live.audit.getLast().clientAddress()).isEqualTo("192.0.2.1");
        assertThat(live.audit.getLast().succeeded()).isFalse();
    }

    @Test
    void setDataWithAMalformedElementPathIsInvalidPath() {
        JsonNode result = Json.of(live.execute(ADMIN, "mutation { setData(nodePath: \"" + SYSTEM_AIR
                + "\", path: \"Cwl.Advise.B[2]\", value: \"20\") }").toSpecification());
        assertThat(result.at("/data/setData").asBoolean()).isFalse();
        assertThat(result.at("/errors/0/message").asString()).isEqualTo("Invalid path");
    }

    @Test
    void writeDataAnswersOneBooleanPerItemInOrder() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("items", List.of(
                Map.of("key", SYSTEM_AIR + ":2", "value", "22"),
                Map.of("key", SYSTEM_AIR + ":1", "value", "22"),
                Map.of("key", "no-index", "value", "1"),
                Map.of("key", SYSTEM_AIR + ":2", "value", "23")));
        JsonNode result = Json.of(live.execute(OPERATOR_LEVEL,
                "mutation($items: [VariableKeyValue!]!) { writeData(variables: $items) }", variables).toSpecification());
        assertThat(result.at("/data/writeData")).isEqualTo(Json.of(List.of(true, false, false, true)));
        assertThat(result.get("errors").size()).isEqualTo(2);
        assertThat(result.at("/errors/0/path")).isEqualTo(Json.of(List.of("writeData", 1)));
        assertThat(result.at("/errors/1/path")).isEqualTo(Json.of(List.of("writeData", 2)));
        assertThat(result.at("/errors/1/message").asString()).isEqualTo("Invalid path");
        assertThat(live.driver("AHU1").value("GT11_SP")).isEqualTo(23.0);
    }

    // ---- schema and introspection ----------------------------------------------------------------------------

    @Test
    void introspectionNamesTheRootTypesQueryMutationAndSubscription() {
        JsonNode schema = data(GUEST, "{ __schema { queryType { name } mutationType { name } subscriptionType { name } } }")
                .get("__schema");
        assertThat(schema.at("/queryType/name").asString()).isEqualTo("Query");
        assertThat(schema.at("/mutationType/name").asString()).isEqualTo("Mutation");
        assertThat(schema.at("/subscriptionType/name").asString()).isEqualTo("Subscription");
    }

    @Test
    void standardIntrospectionQueryPassesTheLimits() {
        JsonNode schema = data(GUEST, graphql.introspection.IntrospectionQuery.INTROSPECTION_QUERY).get("__schema");
        List<String> typeNames = texts(schema.get("types"), "name");
        assertThat(typeNames).contains("Query", "Mutation", "Subscription", "Variable", "JSON").doesNotContain("Root");
        JsonNode mutation = null;
        for (JsonNode type : schema.get("types")) if (type.get("name").asString().equals("Mutation")) mutation = type;
        assertThat(texts(mutation.get("fields"), "name")).containsExactlyInAnyOrder("setData", "writeData");
    }

    @Test
    void typeNamedRootDoesNotExist() {
        assertThat(data(GUEST, "{ __type(name: \"Root\") { name } }").get("__type").isNull()).isTrue();
    }

    /** Types, fields and arguments the spec knows from ArrigoLocal (§4.2–4.4, as collected in the §4.6 skeleton). */
    private static final Map<String, Set<String>> ARRIGO = Map.ofEntries(
            Map.entry("Query", Set.of("folder", "folder(id)", "node", "node(path)", "data", "data(path)",
                    "analogs", "analogs(first)", "analogs(filter)", "digitals", "digitals(first)", "alarms", "alarms(first)",
                    "alarms(filter)", "alarms(orderBy)", "analogsHistory", "analogsHistory(first)", "analogsHistory(filter)",
                    "digitalsHistory", "digitalsHistory(first)", "digitalsHistory(filter)")),
            Map.entry("Mutation", Set.of("setData", "setData(nodePath)", "setData(path)", "setData(value)", "writeData",
                    "writeData(variables)")),
            Map.entry("Subscription", Set.of("data", "data(path)")),
            Map.entry("Folder", Set.of("id", "name", "title", "icon", "parent", "folders")),
            Map.entry("RootArea", Set.of("id", "name", "title", "icon", "parent", "folders")),
            Map.entry("UserArea", Set.of("id", "name", "title", "icon", "parent", "folders", "publishedVariableLists",
                    "publicVariableFiles")),
            Map.entry("FolderConnection", Set.of("totalCount", "items", "edges", "pageInfo")),
            Map.entry("FolderEdge", Set.of("node", "cursor")),
            Map.entry("PageInfo", Set.of("startCursor", "endCursor", "hasNextPage", "hasPreviousPage")),
            Map.entry("PublishedVariableList", Set.of("name", "path")),
            Map.entry("Node", Set.of("content", "hash")),
            Map.entry("Data", Set.of("variables", "minPollingInterval", "hash", "content")),
            Map.entry("Variable", Set.of("value", "path", "technicalAddress", "type", "timeStamp", "timestamp")),
            Map.entry("VariableKeyValue", Set.of("key", "value")),
            Map.entry("JSON", Set.of()));
    private static final Set<String> BUILT_IN = Set.of("String", "Int", "Float", "Boolean", "ID");

    @Test
    void everythingNotKnownFromArrigoLocalSaysVaktExtension() {
        List<String> unmarked = new ArrayList<>();
        for (GraphQLNamedType type : live.engine.schema().getAllTypesAsList()) {
            String name = type.getName();
            if (name.startsWith("__") || BUILT_IN.contains(name)) continue;
            Set<String> known = ARRIGO.get(name);
            if (known == null && !marked(type.getDescription())) unmarked.add("type " + name);
            Set<String> members = known == null ? Set.of() : known;
            if (type instanceof GraphQLFieldsContainer container) {
                for (GraphQLFieldDefinition field : container.getFieldDefinitions()) {
                    String fieldName = field.getName();
                    if (!members.contains(fieldName) && !marked(field.getDescription())) unmarked.add(name + "." + fieldName);
                    for (GraphQLArgument argument : field.getArguments()) {
                        String argumentName = fieldName + "(" + argument.getName() + ")";
                        if (!members.contains(argumentName) && !marked(argument.getDescription())) {
                            unmarked.add(name + "." + argumentName);
                        }
                    }
                }
            }
            if (type instanceof GraphQLInputObjectType input) {
                for (GraphQLInputObjectField field : input.getFieldDefinitions()) {
                    if (!members.contains(field.getName()) && !marked(field.getDescription())) {
                        unmarked.add(name + "." + field.getName());
                    }
                }
            }
            if (type instanceof GraphQLEnumType enumType) {
                for (GraphQLEnumValueDefinition value : enumType.getValues()) {
                    if (!members.contains(value.getName()) && !marked(value.getDescription())) {
                        unmarked.add(name + "." + value.getName());
                    }
                }
            }
            if (type instanceof GraphQLScalarType && known == null && !marked(type.getDescription())) unmarked.add("scalar " + name);
        }
        assertThat(unmarked).isEmpty();
    }

    private static boolean marked(String description) { return description != null && description.contains("Vakt extension"); }

    // ---- transport rules and limits ------------------------------------------------------------------------

    @Test
    void subscriptionOverHttpIsAnsweredWithAnError() {
        ExecutionResult result = live.execute(GUEST, "subscription { data(path: \"" + SYSTEM_AIR + "\") { value } }");
        assertThat(result.getErrors()).extracting(e -> e.getMessage())
                .containsExactly("Subscriptions are served over the WebSocket endpoint /arrigo/api/graphql/ws");
        assertThat(result.isDataPresent()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "subscription { data(path: \"x\") @skip(if: true) { value } }",
            "subscription($v: Boolean!) { data(path: \"x\") @include(if: $v) { value } }",
            "subscription { ... on Subscription @skip(if: false) { data(path: \"x\") { value } } }",
            "subscription { ...Root } fragment Root on Subscription { data(path: \"x\") @include(if: true) { value } }"})
    void conditionalSubscriptionRootIsAValidationErrorNotACrash(String query) {
        ExecutionResult result = live.execute(GUEST, query, Map.of("v", true));
        assertThat(result.getErrors()).extracting(e -> e.getMessage())
                .containsExactly("Validation error: @skip and @include are not allowed on the root field of a subscription");
        OperationExecutor.Outcome outcome = live.operations.run(new OperationPayload(query, Map.of("v", true), null),
                new RequestContext(GUEST, "test"), null).toCompletableFuture().join();
        assertThat(outcome).isInstanceOf(OperationExecutor.Outcome.Rejected.class);
    }

    @Test
    void conditionalFieldsBelowTheSubscriptionRootStayAllowed() {
        ExecutionResult result = live.execute(GUEST, "query($v: Boolean!) { data(path: \"" + SYSTEM_AIR + "\") @include(if: $v) {"
                + " minPollingInterval } }", Map.of("v", true));
        assertThat(result.getErrors()).isEmpty();
    }

    @Test
    void queryDeeperThanTheLimitIsRefusedWithAClearError() {
        StringBuilder query = new StringBuilder("{ folder { ");
        for (int i = 0; i < 20; i++) query.append("folders { items { ");
        query.append("id");
        query.append(" } }".repeat(20)).append(" } }");
        List<String> errors = errors(ADMIN, query.toString());
        assertThat(errors).hasSize(1);
        assertThat(errors.getFirst()).containsIgnoringCase("depth").contains("30");
    }

    @Test
    void queryLongerThanTheLimitIsRefusedBeforeParsing() {
        try (LiveFixture small = new LiveFixture(TestProjects.small(), Duration.ofMinutes(1), new GraphqlConfig(30, 5_000, 40, 10))) {
            String query = "{ folder { id name title icon parent __typename } }";
            ExecutionResult result = small.execute(GUEST, query);
            assertThat(result.getErrors()).extracting(e -> e.getMessage())
                    .containsExactly("Query is " + query.length() + " characters long; the limit is 40");
            assertThat(small.execute(GUEST, "{ folder { id } }").getErrors()).isEmpty();
        }
    }

    @Test
    void requestWithoutQueryIsRefused() {
        ExecutionResult result = live.engine.execute(new GraphqlEngine.OperationRequest(null, null, null),
                new RequestContext(GUEST, "test")).join();
        assertThat(result.getErrors()).extracting(e -> e.getMessage()).containsExactly("No query given");
    }

    @Test
    void syntaxAndValidationErrorsAreAnsweredAsGraphqlErrors() {
        assertThat(errors(GUEST, "{ folder { id ")).singleElement().asString().contains("Invalid syntax");
        assertThat(errors(GUEST, "{ folder { nosuchfield } }")).singleElement().asString().contains("nosuchfield");
    }
}
