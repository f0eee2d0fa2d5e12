package io.vakt.graphql.schema;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.vakt.core.access.AccessLevel;
import io.vakt.core.access.Principal;
import io.vakt.core.content.NodeContent;
import io.vakt.core.error.Fault;
import io.vakt.core.model.AdvisedElement;
import io.vakt.core.model.NodeRef;
import io.vakt.core.model.View;
import io.vakt.core.path.ElementPath;
import io.vakt.graphql.LiveApi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code node(path)} and {@code data(path)} (spec §4.2, §5): the content of a list or view, and the current
 * state of each bound variable for polling clients. A path that is not Base64, names no file, or lies in a
 * folder the user cannot see answers {@code Invalid path}.
 */
final class NodeFetchers {
    private final LiveApi api;
    private final int minPollingInterval;

    NodeFetchers(LiveApi api, int minPollingInterval) {
        this.api = api;
        this.minPollingInterval = minPollingInterval;
    }

    void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type
                .dataFetcher("node", env -> resolved(env, ref -> ref))
                .dataFetcher("data", env -> resolved(env, ref -> ref)));
        wiring.type("Node", type -> type
                .dataFetcher("content", env -> content(env).content())
                .dataFetcher("hash", env -> content(env).hash())
                .dataFetcher("drawing", this::drawing)
                .dataFetcher("bindings", this::bindings));
        wiring.type("Data", type -> type
                .dataFetcher("content", env -> content(env).content())
                .dataFetcher("hash", env -> content(env).hash())
                .dataFetcher("minPollingInterval", env -> minPollingInterval)
                .dataFetcher("variables", this::variables));
    }

    private Object resolved(DataFetchingEnvironment env, java.util.function.UnaryOperator<NodeRef> use) {
        Optional<NodeRef> ref = visibleNode(api, env.getArgument("path"), FolderFetchers.principal(env));
        if (ref.isPresent()) return use.apply(ref.get());
        return DataFetcherResult.newResult()
                .error(GraphqlErrorBuilder.newError(env).message(Fault.INVALID_PATH.message()).build())
                .build();
    }

    /** The node behind a path if the user may see its folder. */
    static Optional<NodeRef> visibleNode(LiveApi api, String path, Principal principal) {
        return api.project().node(path).filter(ref -> api.access().canSee(principal, ref.area()));
    }

    private NodeContent content(DataFetchingEnvironment env) {
        NodeRef ref = env.getSource();
        return api.content().contentOf(ref.file());
    }

    private String drawing(DataFetchingEnvironment env) {
        NodeRef ref = env.getSource();
        return ref.file() instanceof View view ? api.content().drawingOf(view) : null;
    }

    private List<BindingInfo> bindings(DataFetchingEnvironment env) {
        NodeRef ref = env.getSource();
        AccessLevel level = api.access().levelIn(FolderFetchers.principal(env), ref.area());
        return BindingInfo.of(ref.file(), level, element -> api.project().point(element.binding().address()));
    }

    private List<VariableResult> variables(DataFetchingEnvironment env) {
        NodeRef ref = env.getSource();
        AccessLevel level = api.access().levelIn(FolderFetchers.principal(env), ref.area());
        List<AdvisedElement> elements = ref.file().advised();
        List<VariableResult> results = new ArrayList<>(elements.size());
        Instant now = Instant.now();
        for (int k = 0; k < elements.size(); k++) {
            AdvisedElement element = elements.get(k);
            ElementPath path = new ElementPath(ref.file().contentRoot(), k);
            // spec §5.4: a variable above the user's read level is not advised at all
            results.add(level.atLeast(element.readAccess())
                    ? VariableResult.of(path, api.hub().poll(element.binding().address()))
                    : VariableResult.hidden(path, now));
        }
        return results;
    }
}
