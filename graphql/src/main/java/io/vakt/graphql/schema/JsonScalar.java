package io.vakt.graphql.schema;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.GraphQLScalarType;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code JSON} scalar: content trees and live values pass through unchanged (Jackson writes them), and
 * literals in documents become plain maps, lists, numbers, strings and booleans.
 */
public final class JsonScalar {
    private JsonScalar() {}

    public static final GraphQLScalarType INSTANCE = GraphQLScalarType.newScalar()
            .name("JSON")
            .description("JSON value: node and data content, and live values.")
            .coercing(new Coercing<Object, Object>() {
                @Override
                public Object serialize(Object value, GraphQLContext context, Locale locale) { return value; }

                @Override
                public Object parseValue(Object input, GraphQLContext context, Locale locale) { return input; }

                @Override
                public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                           Locale locale) {
                    return literal(input, variables);
                }
            })
            .build();

    private static Object literal(Value<?> input, CoercedVariables variables) {
        return switch (input) {
            case NullValue ignored -> null;
            case StringValue s -> s.getValue();
            case BooleanValue b -> b.isValue();
            case IntValue i -> i.getValue();
            case FloatValue f -> f.getValue();
            case ArrayValue a -> a.getValues().stream().map(v -> literal(v, variables)).toList();
            case ObjectValue o -> {
                Map<String, Object> map = new LinkedHashMap<>();
                o.getObjectFields().forEach(field -> map.put(field.getName(), literal(field.getValue(), variables)));
                yield map;
            }
            case graphql.language.VariableReference ref -> variables.get(ref.getName());
            default -> throw new CoercingParseLiteralException("not a JSON literal: " + input.getClass().getSimpleName());
        };
    }

}
