package io.vakt.server.ssf;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.error.Fault;
import io.vakt.core.path.NodePaths;
import io.vakt.scripting.HostOperation;
import io.vakt.scripting.SsfScope;
import io.vakt.wamp.local.LocalInvocation;
import io.vakt.wamp.local.LocalProcedure;
import io.vakt.wamp.message.Payload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The {@code db} service on the bus (spec §7.5): {@code db.<analogs|digitals|alarms|userlog>.query(sql, params)},
 * the same read-only queries SSF code makes with {@code callInfo.context.db}. The logs say who changed what,
 * so only callers of level {@code Service} or above (services, administrators) may read them over the bus.
 * Kwargs besides {@code callmeta} are the query's options ({@code maxRows}).
 */
final class DbService {
    static final String SERVICE = "db";
    static final List<String> TABLES = List.of("analogs", "digitals", "alarms", "userlog");

    private final HostOperation query;
    private final SsfCallers callers;
    private final String account;

    DbService(HostOperation query, SsfCallers callers, String account) {
        this.query = query;
        this.callers = callers;
        this.account = account;
    }

    Map<String, LocalProcedure> procedures() {
        Map<String, LocalProcedure> procedures = new LinkedHashMap<>();
        for (String table : TABLES) {
            procedures.put(SsfService.procedure(account, SERVICE, table + ".query"), SsfService.wamp(call -> run(table, call)));
        }
        return procedures;
    }

    private CompletionStage<Payload> run(String table, LocalInvocation call) {
        SsfArguments arguments = new SsfArguments("db." + table + ".query", call.arguments());
        SsfCallers.Caller caller = callers.resolve(call, arguments.kwargs(), SERVICE);
        if (!caller.identity().level().atLeast(AccessLevel.Service)) {
            throw Fault.NOT_AUTHORIZED.exception("reading the " + table + " log needs level Service, you have "
                    + caller.identity().level());
        }
        Map<String, Object> options = new LinkedHashMap<>(arguments.kwargs());
        options.remove("callmeta");
        options.remove("_token");
        List<Object> args = new ArrayList<>(List.of(table));
        args.add(arguments.value(0, "sql"));
        args.add(arguments.value(1, "params"));
        args.add(options);
        SsfScope scope = new SsfScope(account, NodePaths.encode(account), caller.ssf());
        return query.run(scope, args, value -> { }).thenApply(rows -> Payload.of(Arrays.asList(rows)));
    }
}
