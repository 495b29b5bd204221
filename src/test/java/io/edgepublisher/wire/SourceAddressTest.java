package io.edgepublisher.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** PROTOCOL.md §9.3 and §9.4. */
class SourceAddressTest {
    private static final PeerAddress INTERNAL = new PeerAddress("10.0.0.5", 32248);
    private static final PeerAddress EXTERNAL = new PeerAddress("198.51.100.7", 32248);
    private static final SourceAddress BOTH = new SourceAddress(INTERNAL, EXTERNAL);

    @Test
    void privateAndLocalRangesGetTheInternalPair() {
        for (String ip : new String[] {"10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                "127.0.0.1", "127.8.9.10", "100.64.0.1", "100.127.255.255"}) {
            assertSame(INTERNAL, BOTH.choose(ip), ip);
            assertTrue(SourceAddress.isPrivateOrLocal(ip), ip);
        }
    }

    @Test
    void everythingElseGetsTheExternalPair() {
        for (String ip : new String[] {"172.15.255.255", "172.32.0.0", "192.167.1.1", "192.169.0.1", "100.63.255.255",
                "100.128.0.0", "8.8.8.8", "11.0.0.1", "operator.example.com", "::1", "10.0.0", "10.0.0.1.2",
                "10.0.0.256", "", "1..2.3"}) {
            assertSame(EXTERNAL, BOTH.choose(ip), ip);
            assertFalse(SourceAddress.isPrivateOrLocal(ip), ip);
        }
    }

    @Test
    void withoutAnExternalAddressTheInternalPairIsUsed() {
        assertSame(INTERNAL, SourceAddress.choose("8.8.8.8", INTERNAL, null));
        assertSame(INTERNAL, SourceAddress.internalOnly(INTERNAL).choose("8.8.8.8"));
        assertEquals("10.0.0.5", SourceAddress.internalOnly(INTERNAL).nameIp());
        assertEquals("198.51.100.7", BOTH.nameIp());
    }

    @Test
    void aPeerBehindOurPublicAddressIsReachedThroughOurInternalIp() {
        assertEquals(new PeerAddress("10.0.0.5", 32148), BOTH.connectAddress(new PeerAddress("198.51.100.7", 32148)));
        PeerAddress other = new PeerAddress("198.51.100.8", 32148);
        assertSame(other, BOTH.connectAddress(other));
        PeerAddress same = new PeerAddress("198.51.100.7", 32148);
        assertSame(same, SourceAddress.internalOnly(INTERNAL).connectAddress(same));
    }

    @Test
    void peerAddressParsingAndValidation() {
        assertEquals(new PeerAddress("10.0.0.7", 32148), PeerAddress.parse("10.0.0.7:32148"));
        assertEquals("10.0.0.7:32148", new PeerAddress("10.0.0.7", 32148).toString());
        assertThrows(IllegalArgumentException.class, () -> PeerAddress.parse("10.0.0.7"));
        assertThrows(IllegalArgumentException.class, () -> PeerAddress.parse("10.0.0.7:x"));
        assertThrows(IllegalArgumentException.class, () -> new PeerAddress("10.0.0.7", 70000));
        assertThrows(IllegalArgumentException.class, () -> new PeerAddress("a b", 1));
        assertThrows(IllegalArgumentException.class, () -> new PeerAddress("1".repeat(129), 1));
    }
}
