package io.vakt.driver.opcua;

import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;

/** The message security modes a controller file may name in {@code securityMode}. */
public enum SecurityModeChoice {
    NONE(MessageSecurityMode.None),
    SIGN(MessageSecurityMode.Sign),
    SIGNANDENCRYPT(MessageSecurityMode.SignAndEncrypt);

    private final MessageSecurityMode mode;

    SecurityModeChoice(MessageSecurityMode mode) { this.mode = mode; }

    public MessageSecurityMode mode() { return mode; }
}
