package io.vakt.driver.opcua;

import io.vakt.core.driver.support.SettingReader;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Picks the server endpoint matching the configured policy and mode, and points it at the configured host
 * and port: servers describe themselves under their own host name (often one the client cannot resolve,
 * or the wrong side of a NAT or relay), while the engineer wrote the address that works.
 */
final class EndpointChooser {
    private EndpointChooser() {}

    static EndpointDescription choose(List<EndpointDescription> offered, OpcuaSettings settings) throws UaException {
        String policyUri = settings.policy().policy().getUri();
        for (EndpointDescription endpoint : offered) {
            if (policyUri.equals(endpoint.getSecurityPolicyUri()) && endpoint.getSecurityMode() == settings.mode().mode()
                    && (endpoint.getTransportProfileUri() == null || endpoint.getTransportProfileUri().isEmpty()
                    || endpoint.getTransportProfileUri().endsWith("uatcp-uasc-uabinary"))) {
                return EndpointUtil.updateUrl(endpoint, settings.host(), settings.port());
            }
        }
        throw new UaException(StatusCodes.Bad_SecurityPolicyRejected, "the server offers no endpoint with securityPolicy "
                + SettingReader.label(settings.policy()) + " and securityMode " + SettingReader.label(settings.mode())
                + " (it offers: " + describe(offered) + ")");
    }

    private static String describe(List<EndpointDescription> offered) {
        if (offered.isEmpty()) return "nothing";
        return offered.stream().map(endpoint -> policyLabel(endpoint.getSecurityPolicyUri()) + "/"
                + endpoint.getSecurityMode().name().toLowerCase(java.util.Locale.ROOT)).distinct()
                .collect(Collectors.joining(", "));
    }

    private static String policyLabel(String uri) {
        for (SecurityPolicyChoice choice : SecurityPolicyChoice.values()) {
            if (choice.policy().getUri().equals(uri)) return SettingReader.label(choice);
        }
        return SecurityPolicy.fromUriSafe(uri).map(Enum::name).orElse(uri);
    }
}
