package io.agentfoundry.platform.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every outbound read the services make (a bundle, a {@code /ping}, an agent's answer) goes through here: the whole
 * response, headers and body, must arrive within a deadline, and the body may not exceed a size. Java's own request
 * timeout only covers the wait for the headers, so a server that sends them and then stalls would hold the reader
 * for ever; and a body read to its end without a cap can fill the heap.
 */
public final class BoundedHttp {

    /** What to do with a body larger than the cap. */
    public enum Overflow {
        /** Stop reading and fail with {@link ResponseTooLargeException}. */
        FAIL,
        /** Keep the first {@code maxBytes}, read the rest to its end (within the deadline) and drop it. */
        TRUNCATE
    }

    /** A response read whole: status, headers, body (at most the cap), and whether the body was cut there. */
    public record Response(int status, HttpHeaders headers, byte[] body, boolean truncated) {
    }

    /** The body was larger than the cap. */
    public static final class ResponseTooLargeException extends IOException {
        public ResponseTooLargeException(String message) {
            super(message);
        }
    }

    private BoundedHttp() {
    }

    /**
     * @throws HttpTimeoutException      when the whole response did not arrive within {@code deadline} (the exchange is
     *                                   cancelled)
     * @throws ResponseTooLargeException when the body exceeds {@code maxBytes} and {@code overflow} is FAIL
     * @throws IOException               when the exchange fails
     */
    public static Response read(HttpClient client, HttpRequest request, Duration deadline, long maxBytes,
                                Overflow overflow) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<Capped>> sent = client.sendAsync(request,
                info -> new CappedBody(maxBytes, overflow));
        try {
            HttpResponse<Capped> response = sent.get(Math.max(1, deadline.toNanos()), TimeUnit.NANOSECONDS);
            Capped body = response.body();
            return new Response(response.statusCode(), response.headers(), body.bytes(), body.truncated());
        } catch (TimeoutException slow) {
            sent.cancel(true);
            throw new HttpTimeoutException("No complete response from " + request.uri() + " within "
                    + deadline.toMillis() + " ms");
        } catch (InterruptedException e) {
            sent.cancel(true);
            throw e;
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("Reading " + request.uri() + " failed: " + cause, cause);
        }
    }

    private record Capped(byte[] bytes, boolean truncated) {
    }

    private static final class CappedBody implements HttpResponse.BodySubscriber<Capped> {
        private final long maxBytes;
        private final Overflow overflow;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<Capped> result = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private long received;

        CappedBody(long maxBytes, Overflow overflow) {
            this.maxBytes = maxBytes;
            this.overflow = overflow;
        }

        @Override
        public CompletionStage<Capped> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int length = buffer.remaining();
                received += length;
                long room = maxBytes - kept.size();
                if (received > maxBytes && overflow == Overflow.FAIL) {
                    subscription.cancel();
                    result.completeExceptionally(new ResponseTooLargeException(
                            "The response body exceeds " + maxBytes + " bytes"));
                    return;
                }
                if (room > 0) {
                    byte[] bytes = new byte[(int) Math.min(room, length)];
                    buffer.get(bytes);
                    kept.write(bytes, 0, bytes.length);
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(new Capped(kept.toByteArray(), received > maxBytes));
        }
    }
}
