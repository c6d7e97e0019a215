package io.tabhook.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tabhook.api.ApiVersion;

import java.io.IOException;

/** Every path outside {@code /api/}: answered as Tableau answers an unknown resource. */
final class FallbackHandler implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Reply reply = Reply.of(404, Refusals.unknownResource(path).toElement());
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            io.tabhook.api.WireFormat format = RestCall.formatIn(accept);
            RestApi.write(exchange, reply, format == null ? io.tabhook.api.WireFormat.XML : format, ApiVersion.LATEST);
        } catch (IOException | RuntimeException ignored) {
            // the client went away
        }
    }
}
