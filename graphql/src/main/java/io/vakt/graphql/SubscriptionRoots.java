package io.vakt.graphql;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds {@code @skip}/{@code @include} in the root selection set of a subscription, which the GraphQL
 * specification draft forbids ("Single root field", graphql-spec #860: the one root field must be known without
 * variables). graphql-java 26's validator throws on such documents instead of reporting them.
 */
final class SubscriptionRoots {
    static final String MESSAGE = "Validation error: @skip and @include are not allowed on the root field of a subscription";

    private SubscriptionRoots() {}

    static Optional<GraphQLError> conditionalRoot(Document document) {
        Map<String, FragmentDefinition> fragments = document.getDefinitionsOfType(FragmentDefinition.class).stream()
                .collect(Collectors.toMap(FragmentDefinition::getName, Function.identity(), (a, b) -> a));
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            if (operation.getOperation() != OperationDefinition.Operation.SUBSCRIPTION) continue;
            Optional<Directive> found = conditional(operation.getSelectionSet(), fragments, new HashSet<>());
            if (found.isPresent()) {
                GraphqlErrorBuilder<?> error = GraphqlErrorBuilder.newError().errorType(ErrorType.ValidationError).message(MESSAGE);
                if (found.get().getSourceLocation() != null) error.location(found.get().getSourceLocation());
                return Optional.of(error.build());
            }
        }
        return Optional.empty();
    }

    private static Optional<Directive> conditional(SelectionSet selections, Map<String, FragmentDefinition> fragments,
                                                   Set<String> visited) {
        if (selections == null) return Optional.empty();
        for (Selection<?> selection : selections.getSelections()) {
            if (selection instanceof DirectivesContainer<?> container) {
                for (Directive directive : container.getDirectives()) {
                    if (directive.getName().equals("skip") || directive.getName().equals("include")) return Optional.of(directive);
                }
            }
            Optional<Directive> nested = switch (selection) {
                case InlineFragment inline -> conditional(inline.getSelectionSet(), fragments, visited);
                case FragmentSpread spread -> visited.add(spread.getName()) && fragments.containsKey(spread.getName())
                        ? conditional(fragments.get(spread.getName()).getSelectionSet(), fragments, visited)
                        : Optional.empty();
                default -> Optional.empty();
            };
            if (nested.isPresent()) return nested;
        }
        return Optional.empty();
    }
}
