package io.tabhook.client;

import io.tabhook.api.ApiVersion;
import io.tabhook.api.ServerInfo;
import io.tabhook.api.TableauError;
import io.tabhook.api.WireFormat;
import io.tabhook.client.FixtureServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client learns the server's REST API version from serverinfo, unless a version is pinned. */
class ServerInfoTest {
    private final FixtureServer server = FixtureServer.start();

    @AfterEach
    void stop() { server.close(); }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void discoversTheServersVersionFromServerInfo(WireFormat format) {
        server.onBoth("GET", "/api/3.4/serverinfo", 200, "serverinfo");
        TableauClient client = server.client(format, null);

        assertEquals(new ApiVersion(3, 15), client.version());
        ServerInfo info = client.serverInfo();
        assertEquals("2022.1.5", info.productVersion());
        assertEquals("20221.22.0823.1450", info.build());

        FixtureServer.Seen probe = server.last();
        assertEquals("GET", probe.method());
        assertEquals(format.mediaType(), probe.header("Accept"));
        assertNull(probe.header("X-Tableau-Auth"), "serverinfo needs no sign-in");
        assertEquals(TableauClient.USER_AGENT, probe.header("User-Agent"), "one agent, ours");
        assertTrue(TableauClient.USER_AGENT.startsWith("tabhook/"), TableauClient.USER_AGENT);
        assertEquals(1, server.seen().size(), "the version is asked once, then remembered");
    }

    @Test
    void fallsBackToServerInfoAt24OnAServerThatDoesNotKnow34() {
        server.on("GET", "/api/3.4/serverinfo", Reply.fixture(404, "error-404003.json"));
        server.onBoth("GET", "/api/2.4/serverinfo", 200, "serverinfo");
        TableauClient client = server.client(WireFormat.XML, null);

        assertEquals(new ApiVersion(3, 15), client.version());
        assertEquals(2, server.seen().size());
        assertEquals("/api/2.4/serverinfo", server.last().path());
    }

    @Test
    void aServerWithoutServerInfoReportsTheTableauError() {
        server.on("GET", "/api/3.4/serverinfo", Reply.fixture(404, "error-404003.json"));
        server.on("GET", "/api/2.4/serverinfo", Reply.fixture(404, "error-404003.json"));
        TableauError e = assertThrows(TableauError.class, () -> server.client(WireFormat.XML, null).version());
        assertEquals("404003", e.code());
    }

    @Test
    void aServerErrorIsNotMistakenForAnOldServer() {
        server.on("GET", "/api/3.4/serverinfo", Reply.body(500, "text/plain", "boom"));
        GaveUp e = assertThrows(GaveUp.class, () -> server.client(WireFormat.XML, null).serverInfo());
        assertEquals(500, assertInstanceOf(NotTableauAnswer.class, e.lastFailure()).status());
        assertTrue(server.seen().stream().allMatch(s -> s.path().equals("/api/3.4/serverinfo")),
                "tried again, never taken for a server without 3.4");
    }

    @Test
    void aPinnedVersionIsUsedWithoutAskingTheServer() {
        TableauClient client = server.client(WireFormat.XML, ApiVersion.V3_9);
        assertEquals(ApiVersion.V3_9, client.version());
        assertTrue(server.seen().isEmpty());
    }

    @Test
    void serverInfoAsksAtThePinnedVersionFirst() {
        server.onBoth("GET", "/api/3.9/serverinfo", 200, "serverinfo");
        TableauClient client = server.client(WireFormat.JSON, ApiVersion.V3_9);
        assertEquals(new ApiVersion(3, 15), client.serverInfo().restApiVersion());
        assertEquals(ApiVersion.V3_9, client.version(), "the pin wins over what the server speaks");
    }

    @Test
    void unpinningGoesBackToTheServersVersion() {
        server.onBoth("GET", "/api/3.4/serverinfo", 200, "serverinfo");
        TableauClient client = server.client(WireFormat.XML, ApiVersion.V3_6);
        client.pinVersion(null);
        assertEquals(new ApiVersion(3, 15), client.version());
        client.pinVersion(ApiVersion.V3_8);
        assertEquals(ApiVersion.V3_8, client.version());
    }
}
