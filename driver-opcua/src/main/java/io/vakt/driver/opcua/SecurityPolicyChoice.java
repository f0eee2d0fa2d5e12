package io.vakt.driver.opcua;

import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;

/**
 * The security policies a controller file may name in {@code securityPolicy}, spelled as project files
 * write them ({@code basic256sha256}). The deprecated policies (Basic128Rsa15, Basic256) are left out on
 * purpose: OPC UA 1.04 retired them and a building network should not fall back to SHA-1.
 */
public enum SecurityPolicyChoice {
    NONE(SecurityPolicy.None),
    BASIC256SHA256(SecurityPolicy.Basic256Sha256),
    AES128_SHA256_RSAOAEP(SecurityPolicy.Aes128_Sha256_RsaOaep),
    AES256_SHA256_RSAPSS(SecurityPolicy.Aes256_Sha256_RsaPss);

    private final SecurityPolicy policy;

    SecurityPolicyChoice(SecurityPolicy policy) { this.policy = policy; }

    public SecurityPolicy policy() { return policy; }

    /** Whether the channel is signed (and maybe encrypted), which needs certificates on both sides. */
    public boolean secured() { return this != NONE; }
}
