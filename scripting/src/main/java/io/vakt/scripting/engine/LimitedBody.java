package io.vakt.scripting.engine;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a {@code fetch} response body up to {@code ssf.fetch.maxResponseSize} and cancels the download
 * past it, so a script cannot pull an arbitrarily large body into the server's heap.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** The body was longer than allowed. */
    static final class TooLarge extends RuntimeException {
        TooLarge() { super("response too large", null, false, false); }
    }

    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final int maxBytes;
    private final boolean declaredTooLarge;
    private Flow.Subscription subscription;

    private LimitedBody(int maxBytes, boolean declaredTooLarge) {
        this.maxBytes = maxBytes;
        this.declaredTooLarge = declaredTooLarge;
    }

    static HttpResponse.BodyHandler<byte[]> handler(int maxBytes) {
        return info -> new LimitedBody(maxBytes,
                info.headers().firstValueAsLong("content-length").orElse(-1) > maxBytes);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (declaredTooLarge) {
            // the Content-Length already says so: do not download a byte of it
            subscription.cancel();
            result.completeExceptionally(new TooLarge());
            return;
        }
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) return;
        for (ByteBuffer item : items) {
            if (body.size() + (long) item.remaining() > maxBytes) {
                subscription.cancel();
                result.completeExceptionally(new TooLarge());
                return;
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            body.writeBytes(chunk);
        }
    }

    @Override
    public void onError(Throwable throwable) { result.completeExceptionally(throwable); }

    @Override
    public void onComplete() { result.complete(body.toByteArray()); }

    @Override
    public CompletionStage<byte[]> getBody() { return result; }
}
