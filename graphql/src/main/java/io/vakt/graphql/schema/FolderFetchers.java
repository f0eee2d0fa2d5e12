package io.vakt.graphql.schema;

import graphql.execution.DataFetcherResult;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.TypeRuntimeWiring;
import io.vakt.core.access.Principal;
import io.vakt.core.error.Fault;
import io.vakt.core.model.Area;
import io.vakt.core.model.NodeFile;
import io.vakt.graphql.LiveApi;
import io.vakt.graphql.RequestContext;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The folder tree (spec §4.2 {@code folder}): only folders the user can see (level at least Guest) are
 * returned; an unknown or hidden folder id answers {@code Invalid path}, so existence does not leak.
 */
final class FolderFetchers {
    private final LiveApi api;

    FolderFetchers(LiveApi api) { this.api = api; }

    void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type.dataFetcher("folder", this::folder));
        wiring.type(TypeRuntimeWiring.newTypeWiring("Folder")
                .typeResolver(env -> env.getSchema().getObjectType(
                        ((Area) env.getObject()).isRoot() ? "RootArea" : "UserArea")));
        for (String typeName : List.of("RootArea", "UserArea")) {
            wiring.type(typeName, type -> type
                    .dataFetcher("id", env -> api.project().folderId(area(env)))
                    .dataFetcher("name", env -> area(env).name())
                    .dataFetcher("title", env -> area(env).title())
                    .dataFetcher("icon", env -> area(env).icon())
                    .dataFetcher("parent", env -> api.project().parent(area(env)).map(api.project()::folderId).orElse(null))
                    .dataFetcher("accessLevel", env -> api.access().levelIn(principal(env), area(env)).name())
                    .dataFetcher("folders", this::folders)
                    .dataFetcher("publishedVariableLists", env -> files(env, area(env).lists()))
                    .dataFetcher("publicVariableFiles", env -> files(env, area(env).lists()))
                    .dataFetcher("views", env -> files(env, area(env).views())));
        }
    }

    private Object folder(DataFetchingEnvironment env) {
        String id = env.getArgument("id");
        Principal principal = principal(env);
        Optional<Area> found = id == null ? Optional.of(api.project().root()) : api.project().folderById(id);
        if (found.isPresent() && (found.get().isRoot() || api.access().canSee(principal, found.get()))) {
            return found.get();
        }
        return DataFetcherResult.newResult()
                .error(GraphqlErrorBuilder.newError(env).message(Fault.INVALID_PATH.message()).build())
                .build();
    }

    private Map<String, Object> folders(DataFetchingEnvironment env) {
        Principal principal = principal(env);
        List<Area> visible = area(env).children().stream().filter(child -> api.access().canSee(principal, child)).toList();
        List<Map<String, Object>> edges = visible.stream()
                .map(child -> Map.<String, Object>of("node", child, "cursor", api.project().folderId(child)))
                .toList();
        Map<String, Object> pageInfo = new java.util.HashMap<>();
        pageInfo.put("startCursor", visible.isEmpty() ? null : api.project().folderId(visible.getFirst()));
        pageInfo.put("endCursor", visible.isEmpty() ? null : api.project().folderId(visible.getLast()));
        pageInfo.put("hasNextPage", false);
        pageInfo.put("hasPreviousPage", false);
        return Map.of("totalCount", visible.size(), "items", visible, "edges", edges, "pageInfo", pageInfo);
    }

    private List<Map<String, String>> files(DataFetchingEnvironment env, List<? extends NodeFile> files) {
        Area area = area(env);
        return files.stream()
                .map(file -> Map.of("name", file.name(), "title", file.title(), "path", api.project().nodePath(area, file)))
                .toList();
    }

    private static Area area(DataFetchingEnvironment env) { return env.getSource(); }

    static Principal principal(DataFetchingEnvironment env) {
        return RequestContext.of(env.getGraphQlContext()).principal();
    }

}
