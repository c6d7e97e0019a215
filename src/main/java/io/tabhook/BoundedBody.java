package io.tabhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A body read up to a limit: a request's body is refused when it is over the limit, declared or streamed, and never
 * more than the limit plus one byte is read, whatever the sender claims; an answer's body is cut at the limit, and
 * the rest is never read.
 */
public final class BoundedBody {
    /** The largest limit: bodies are read into one array. */
    public static final long MAX_LIMIT = Integer.MAX_VALUE - 16;

    private BoundedBody() {}

    /** A body over the limit, as declared or as sent; the caller answers 413. */
    public static final class TooLarge extends IOException {
        private final long limit;

        public TooLarge(long limit) {
            super("the body is over " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() { return limit; }
    }

    /**
     * A {@code Content-Length} header as a number: -1 when there is none.
     *
     * @throws IllegalArgumentException when it is not a number (or is negative); the caller answers 400
     */
    public static long declaredLength(String contentLength) {
        if (contentLength == null) return -1;
        try {
            long n = Long.parseLong(contentLength.strip());
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("Content-Length is not a number");
    }

    /**
     * Reads a request body of at most {@code limit} bytes. A declared length over the limit is refused before a byte
     * is read; otherwise at most the declared length (or, without one, the limit plus one byte) is read, so a sender
     * that lies about the length or streams without end costs no more. The stream is left open: closing it would
     * drain the rest, and a 413 should go out first.
     *
     * @param declaredLength the Content-Length, or -1 for none (chunked)
     * @throws TooLarge when the body is over the limit
     */
    public static byte[] read(InputStream in, long declaredLength, long limit) throws IOException {
        if (limit < 0 || limit > MAX_LIMIT) throw new IllegalArgumentException("a body limit is 0 to " + MAX_LIMIT + " bytes");
        if (declaredLength > limit) throw new TooLarge(limit);
        long most = declaredLength >= 0 ? declaredLength : limit + 1;
        byte[] body = in.readNBytes((int) most);
        if (body.length > limit) throw new TooLarge(limit);
        return body;
    }

    /**
     * For the HTTP client: an answer's first {@code limit} bytes; the rest is not read (the exchange is cancelled),
     * so a huge or endless answer costs nothing.
     */
    public static HttpResponse.BodyHandler<byte[]> firstBytes(int limit) {
        if (limit < 0) throw new IllegalArgumentException("a body limit is 0 or more bytes");
        return info -> new FirstBytes(limit);
    }

    private static final class FirstBytes implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        FirstBytes(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                int take = Math.min(b.remaining(), limit - out.size());
                byte[] chunk = new byte[take];
                b.get(chunk);
                out.write(chunk, 0, take);
            }
            if (out.size() >= limit && !result.isDone()) {
                result.complete(out.toByteArray());
                subscription.cancel();
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }
}
