/**
 * The legacy EXOds bus seen from ServerSideFunctions ({@code callInfo.context.legacy}, spec §7.7), behind the
 * access control of GraphQL (spec §8.5 decision, §15 item 9): {@link io.vakt.scripting.legacy.PublishedAddresses}
 * indexes where each technical address is published, {@link io.vakt.scripting.legacy.LegacyBus} reads and writes
 * for a principal, {@link io.vakt.scripting.legacy.LegacyOperations} adapts it to script arguments.
 */
package io.vakt.scripting.legacy;
