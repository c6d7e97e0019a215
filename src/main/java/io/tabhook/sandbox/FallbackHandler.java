package io.tabhook.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tabhook.api.ApiVersion;
import io.tabhook.api.WireFormat;

import java.io.IOException;

/** Every path outside {@code /api/}: answered as Tableau answers an unknown resource. */
final class FallbackHandler implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Reply reply = Reply.of(404, Refusals.unknownResource(path).toElement());
            WireFormat format = WireFormat.fromHeader(exchange.getRequestHeaders().getFirst("Accept"));
            RestApi.write(exchange, reply, format, ApiVersion.LATEST);
        } catch (IOException | RuntimeException ignored) {
            // the client went away
        }
    }
}
