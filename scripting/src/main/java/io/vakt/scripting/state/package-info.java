/**
 * ServerSideFunction state (spec §8.3, §8.4): {@link io.vakt.scripting.state.SsfState} holds the semantics
 * (virtual paths, keys, deletes) over {@link io.vakt.scripting.state.StateFiles};
 * {@link io.vakt.scripting.state.StateOperations} adapts it to {@code callInfo.context.state} and to the bus
 * service {@code state.get/set}.
 */
package io.vakt.scripting.state;
