package io.vakt.driver.opcua;

import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointType;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Finds the built-in type to write a variable as: its DataType attribute, read once per point and connection.
 * Variables of derived types (Duration, UtcTime, enumerations) are written as the built-in type of their
 * current value.
 */
final class DataTypes {
    private DataTypes() {}

    static CompletionStage<OpcUaDataType> resolve(OpcUaClient client, NodeId node, Point point,
                                                 Map<Point, OpcUaDataType> cache, String what) {
        OpcUaDataType known = cache.get(point);
        if (known != null) return CompletableFuture.completedFuture(known);
        List<ReadValueId> ids = List.of(
                new ReadValueId(node, AttributeId.DataType.uid(), null, QualifiedName.NULL_VALUE),
                new ReadValueId(node, AttributeId.Value.uid(), null, QualifiedName.NULL_VALUE));
        return client.readAsync(0.0, TimestampsToReturn.Neither, ids).thenApply(response -> {
            DataValue[] results = response.getResults();
            DataValue declared = results[0];
            if (declared.statusCode() != null && !declared.statusCode().isGood()) {
                throw Fault.WRITE_FAILED.exception(what + ": " + StatusNames.describe(declared.statusCode()));
            }
            OpcUaDataType type = builtin(declared.value().getValue());
            if (type == null && results.length > 1 && results[1].value() != null) {
                type = results[1].value().getDataType().orElse(null);
            }
            if (type == null) type = point.type() == PointType.STRING ? OpcUaDataType.String : OpcUaDataType.Double;
            cache.put(point, type);
            return type;
        });
    }

    private static OpcUaDataType builtin(Object dataTypeId) {
        if (!(dataTypeId instanceof NodeId id)) return null;
        try {
            return OpcUaDataType.fromNodeId(id);
        } catch (RuntimeException notBuiltin) {
            return null;
        }
    }

    /** A failed write as the writer should see it: our own refusals as they are, the link's as UNREACHABLE. */
    static VaktException refusal(Throwable failure, String what) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof VaktException vakt) return vakt;
        if (StatusNames.isLinkProblem(cause)) {
            return Fault.UNREACHABLE.exception(what + ": " + StatusNames.describe(cause));
        }
        return Fault.WRITE_FAILED.exception(what + ": " + StatusNames.describe(cause));
    }
}
