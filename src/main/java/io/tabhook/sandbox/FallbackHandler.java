package io.tabhook.sandbox;

import io.tabhook.api.ApiVersion;
import io.tabhook.api.WireFormat;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Every path outside {@code /api/} and {@code /sandbox}: answered as Tableau answers an unknown resource. */
final class FallbackHandler extends Handler.Abstract.NonBlocking {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Reply reply = Reply.of(404, Refusals.unknownResource(request.getHttpURI().getPath()).toElement());
        WireFormat format = WireFormat.fromHeader(request.getHeaders().get("Accept"));
        RestApi.write(response, callback, reply, format, ApiVersion.LATEST);
        return true;
    }
}
