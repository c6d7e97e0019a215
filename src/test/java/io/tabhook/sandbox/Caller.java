package io.tabhook.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain HTTP caller for the sandbox tests: java.net.http and nothing of tabhook's client, so the sandbox is
 * checked on its own. Remembers a token and site id after {@link #signIn}.
 */
final class Caller {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    final URI base;
    String token;
    String siteId;
    String userId;

    Caller(URI base) {
        this.base = base;
    }

    static Caller signedIn(Sandbox sandbox, String user, String password, String site) {
        Caller c = new Caller(sandbox.baseUrl());
        c.signIn(user, password, site);
        return c;
    }

    Caller signIn(String user, String password, String site) {
        Answer a = send("POST", "/api/3.9/auth/signin",
                "<tsRequest><credentials name=\"" + user + "\" password=\"" + password + "\"><site contentUrl=\""
                        + site + "\"/></credentials></tsRequest>", "Content-Type", "application/xml");
        if (a.status() != 200) throw new AssertionError("sign-in failed: " + a);
        token = a.xmlAttr("credentials", "token");
        siteId = a.xmlAttr("site", "id");
        userId = a.xmlAttr("user", "id");
        return this;
    }

    String webhooks(String version) {
        return "/api/" + version + "/sites/" + siteId + "/webhooks";
    }

    /** Sends a request; the token goes along as X-Tableau-Auth unless the headers name that header themselves. */
    Answer send(String method, String path, String body, String... headers) {
        return sendBytes(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Sends a body of bytes (a multipart publish). */
    Answer sendBytes(String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        boolean auth = false;
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("X-Tableau-Auth")) auth = true;
            if (headers[i + 1] != null) b.header(headers[i], headers[i + 1]);
        }
        if (!auth && token != null) b.header("X-Tableau-Auth", token);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Answer getXml(String path) {
        return send("GET", path, null);
    }

    Answer getJson(String path) {
        return send("GET", path, null, "Accept", "application/json");
    }

    Answer postXml(String path, String body) {
        return send("POST", path, body, "Content-Type", "application/xml");
    }

    Answer postJson(String path, String body) {
        return send("POST", path, body, "Content-Type", "application/json", "Accept", "application/json");
    }

    Answer putXml(String path, String body) {
        return send("PUT", path, body, "Content-Type", "application/xml");
    }

    Answer putJson(String path, String body) {
        return send("PUT", path, body, "Content-Type", "application/json", "Accept", "application/json");
    }

    /** Creates a webhook at 3.9 (XML) and answers its id. */
    String createWebhook(String name, String event, String url) {
        Answer a = postXml(webhooks("3.9"), webhookXml(name, event, url));
        if (a.status() != 201) throw new AssertionError("create failed: " + a);
        return a.xmlAttr("webhook", "id");
    }

    static String webhookXml(String name, String event, String url) {
        return "<tsRequest><webhook name=\"" + name + "\" event=\"" + event + "\"><webhook-destination>"
                + "<webhook-destination-http method=\"POST\" url=\"" + url + "\"/></webhook-destination>"
                + "</webhook></tsRequest>";
    }

    record Answer(int status, HttpHeaders headers, String body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        Document xml() {
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setNamespaceAware(true);
                return f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new AssertionError("not XML: " + body, e);
            }
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        List<Element> xmlElements(String localName) {
            NodeList nodes = xml().getElementsByTagNameNS("*", localName);
            List<Element> out = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) out.add((Element) nodes.item(i));
            return out;
        }

        /** An attribute of the first element of that name; null when either is absent. */
        String xmlAttr(String element, String attr) {
            List<Element> els = xmlElements(element);
            return els.isEmpty() || !els.get(0).hasAttribute(attr) ? null : els.get(0).getAttribute(attr);
        }

        String errorCode() {
            if (body.trim().startsWith("{")) return json().path("error").path("code").asText(null);
            return xmlAttr("error", "code");
        }

        String errorDetail() {
            if (body.trim().startsWith("{")) return json().path("error").path("detail").asText(null);
            List<Element> d = xmlElements("detail");
            return d.isEmpty() ? null : d.get(0).getTextContent();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
