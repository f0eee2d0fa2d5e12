package io.vakt.graphql;

import graphql.execution.preparsed.PreparsedDocumentEntry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Parsed and validated documents by query text. Clients send the same few documents over and over (one
 * subscription per list or view), so parsing and validation run once per distinct text. Bounded, least
 * recently used entries go first.
 */
final class DocumentCache {
    private final int capacity;
    private final Map<String, PreparsedDocumentEntry> entries;

    DocumentCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparsedDocumentEntry> eldest) {
                return size() > DocumentCache.this.capacity;
            }
        };
    }

    PreparsedDocumentEntry get(String query, Function<String, PreparsedDocumentEntry> parseAndValidate) {
        synchronized (entries) {
            PreparsedDocumentEntry cached = entries.get(query);
            if (cached != null) return cached;
        }
        PreparsedDocumentEntry fresh = parseAndValidate.apply(query);
        synchronized (entries) {
            entries.put(query, fresh);
        }
        return fresh;
    }
}
