package io.vakt.server.wamp;

import io.vakt.core.model.Project;
import io.vakt.core.model.SsfCode;
import io.vakt.core.path.NodePaths;
import io.vakt.wamp.local.LocalInvocation;
import io.vakt.wamp.local.LocalSession;
import io.vakt.wamp.message.Payload;
import io.vakt.wamp.router.Identity;
import io.vakt.wamp.router.WampRouter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The in-process {@code ssf} service (spec §7.5): one session per realm, joined as {@link Identity#system},
 * registering its procedures under {@code accounts.<account>.services.ssf.} with the account lower-cased
 * (spec §7.2, §16 item 60). For now it answers {@code ssf.info}: what the service is and which
 * ServerSideFunction code the project holds, each under its Base64 registration path (the path a view's
 * runtime passes to {@code ssf.execute}).
 */
public final class SsfInfoService {
    /** The service's name, the last component before the method. */
    public static final String SERVICE = "ssf";

    private final String account;
    private final Map<String, Object> info;

    /** @param version Vakt's version, reported by {@code ssf.info} */
    public SsfInfoService(Project project, String version) {
        this.account = project.account().toLowerCase(Locale.ROOT);
        this.info = describe(project, account, version);
    }

    /** {@code accounts.<account>.services.ssf.<method>}, with the account lower-cased. */
    public static String procedure(String account, String method) {
        return "accounts." + account.toLowerCase(Locale.ROOT) + ".services." + SERVICE + "." + method;
    }

    /**
     * Joins every realm and registers the procedures there.
     *
     * @param handlers where the procedures run (never the router thread)
     * @return completes when every registration is in place; fails if one was refused
     */
    public CompletableFuture<Void> start(WampRouter router, List<String> realms, Executor handlers) {
        List<CompletableFuture<Long>> registrations = new ArrayList<>();
        for (String realm : realms) {
            // the router's shutdown ends these sessions with every other one
            LocalSession session = router.joinLocal(realm, Identity.system(SERVICE), handlers);
            registrations.add(session.register(procedure(account, "info"), Map.of(), this::info));
        }
        return CompletableFuture.allOf(registrations.toArray(CompletableFuture[]::new));
    }

    /** What {@code ssf.info} answers, as its only positional result. */
    public Map<String, Object> info() { return info; }

    private CompletionStage<Payload> info(LocalInvocation invocation) {
        return CompletableFuture.completedFuture(Payload.of(List.of(info)));
    }

    private static Map<String, Object> describe(Project project, String account, String version) {
        List<Object> functions = new ArrayList<>();
        for (SsfCode code : project.serverSideFunctions()) {
            Map<String, Object> function = new LinkedHashMap<>();
            function.put("path", NodePaths.encode(code.ownerPath()));
            function.put("owner", code.ownerPath());
            functions.add(Collections.unmodifiableMap(function));
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("service", SERVICE);
        info.put("account", account);
        info.put("version", version);
        info.put("procedures", List.of(procedure(account, "info")));
        info.put("functions", List.copyOf(functions));
        return Collections.unmodifiableMap(info);
    }
}
