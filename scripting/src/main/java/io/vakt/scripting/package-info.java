/**
 * ServerSideFunctions (spec §8) on GraalJS: code blocks registered per node path, a bounded pool of
 * sandboxed contexts, per-call limits, and the {@code callInfo.context} services. Depends only on
 * {@code core}; the WAMP side ({@code ssf.*} procedures) is wired by the server.
 */
package io.vakt.scripting;
