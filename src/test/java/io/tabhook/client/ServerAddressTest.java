package io.tabhook.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A server address as people type it: a URL, or a host with a port and no scheme (http here, https elsewhere). */
class ServerAddressTest {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1:9100                         | http://127.0.0.1:9100
            localhost:8080                         | http://localhost:8080
            localhost                              | http://localhost
            [::1]:9100                             | http://[::1]:9100
            127.0.0.1:9100/                        | http://127.0.0.1:9100
            tableau.example.com                    | https://tableau.example.com
            10ay.online.tableau.com                | https://10ay.online.tableau.com
            tableau.example.com:8443/tableau       | https://tableau.example.com:8443/tableau
            tableau:8000                           | https://tableau:8000
            http://tableau.example.com             | http://tableau.example.com
            https://10ay.online.tableau.com/       | https://10ay.online.tableau.com
            """)
    void takesWhatPeopleType(String typed, String meant) {
        assertEquals(URI.create(meant), ServerAddress.parse(typed).server());
        assertNull(ServerAddress.parse(typed).site(), "no site in " + typed);
    }

    @ParameterizedTest(name = "{0} → {1}, site {2}")
    @CsvSource(delimiter = '|', textBlock = """
            https://10ax.online.tableau.com/#/site/mysitedev123/home              | https://10ax.online.tableau.com | mysitedev123
            https://10ax.online.tableau.com/#/site/mysitedev123/workbooks?:iid=1  | https://10ax.online.tableau.com | mysitedev123
            10ax.online.tableau.com/#/site/mysitedev123/home                      | https://10ax.online.tableau.com | mysitedev123
            https://prod-useast-b.online.tableau.com/#/site/finance/views/Sales/Overview | https://prod-useast-b.online.tableau.com | finance
            https://10ax.online.tableau.com/t/mysitedev123/views/Sales/Overview?:iid=1 | https://10ax.online.tableau.com | mysitedev123
            https://tableau.example.com/tableau/t/finance/views/Sales/Overview     | https://tableau.example.com/tableau | finance
            https://tableau.example.com/#/home                                    | https://tableau.example.com | ''
            https://tableau.example.com/#/site/finance/home                       | https://tableau.example.com | finance
            http://127.0.0.1:9100/#/site/workshop/home                            | http://127.0.0.1:9100 | workshop
            """)
    void takesTheAddressABrowserShowsOnASiteForServerAndSite(String pasted, String server, String site) {
        ServerAddress a = ServerAddress.parse(pasted);
        assertEquals(URI.create(server), a.server());
        assertEquals(site, a.site());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-url", "htps//example.com", "ftp://example.com", "", "http://", "a b.com"})
    void refusesWhatIsNoAddressAndSaysWhatToType(String typed) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse(typed));
        assertTrue(e.getMessage().contains("write it like https://tableau.example.com, or host:port"), e.getMessage());
    }
}
