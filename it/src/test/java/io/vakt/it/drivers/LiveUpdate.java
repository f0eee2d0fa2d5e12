package io.vakt.it.drivers;

/**
 * One update a GraphQL subscriber received for a bound element, as the API sends it.
 *
 * @param technicalAddress {@code <Controller>.<point address>}
 * @param value            the value as text ({@code ""} when the update carries none)
 * @param type             {@code Response}, {@code Update}, {@code ErrorUnreachable}, {@code Pending}, …
 * @param receivedAtNanos  {@link System#nanoTime()} when it arrived
 */
public record LiveUpdate(String technicalAddress, String value, String type, String timeStamp, long receivedAtNanos) {
    /** Whether it carries a value (a first response or an update), rather than an error or Pending. */
    public boolean hasValue() { return type.equals("Response") || type.equals("Update"); }
}
