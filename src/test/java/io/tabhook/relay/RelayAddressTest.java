package io.tabhook.relay;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a relay's address is shown in notices and errors: its channel masked, the rest as given. */
class RelayAddressTest {
    private static final RelaySettings SETTINGS = RelaySettings.from(Map.<String, String>of()::get);

    @Test
    void aShortChannelIsMaskedWhereItIsNotWhereItsLettersRecurInTheHost() {
        // the channel 'x' also occurs in 'example': only the path's last segment is the channel
        RelayAddress smee = RelayAddress.parse("https://example.com/x", SETTINGS);
        assertEquals("https://example.com/****", smee.shown());
    }

    @Test
    void aChannelThatIsAlsoTheHostsNameMasksOnlyTheChannel() {
        RelayAddress smee = RelayAddress.parse("https://smee.example.com/smee", SETTINGS);
        assertEquals("https://smee.example.com/****", smee.shown());
    }
}
