package io.vakt.graphql.schema;

import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.vakt.graphql.LiveApi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Builds the executable schema from the SDL resource and the data fetchers. */
public final class VaktSchema {
    public static final String SDL_RESOURCE = "/io/vakt/graphql/schema.graphqls";

    private VaktSchema() {}

    public static String sdl() {
        try (InputStream in = VaktSchema.class.getResourceAsStream(SDL_RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing " + SDL_RESOURCE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static GraphQLSchema build(LiveApi api, int minPollingInterval) {
        TypeDefinitionRegistry types = new SchemaParser().parse(sdl());
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring().scalar(JsonScalar.INSTANCE);
        new FolderFetchers(api).wire(wiring);
        new NodeFetchers(api, minPollingInterval).wire(wiring);
        new MutationFetchers(api).wire(wiring);
        return new SchemaGenerator().makeExecutableSchema(types, wiring.build());
    }
}
