package io.wirebook.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {
    @Test
    void handsOutConsecutivePortsAndWrapsWithReuseFlagged() {
        PortAllocator ports = new PortAllocator(1, 40_000, 40_004);
        int a = ports.acquire(0, 1, 40_000);
        int b = ports.acquire(0, 1, 0);
        assertEquals(40_001, a);
        assertEquals(40_002, b);
        ports.release(0, a);
        ports.release(0, b);
        assertEquals(40_003, ports.acquire(0, 1, 0));
        assertEquals(40_000, ports.acquire(0, 1, 0));
        int again = ports.acquire(0, 1, 0);
        assertEquals(40_001 | PortAllocator.REUSED, again, "the range wrapped: 40001 was used before");
    }

    @Test
    void neverHandsOutAPortInUse() {
        PortAllocator ports = new PortAllocator(2, 40_000, 40_010);
        Set<Integer> open = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            assertTrue(open.add(ports.acquire(0, 1, 40_000) & 0xFFFF));
        }
        assertThrows(IllegalStateException.class, () -> ports.acquire(0, 1, 0));
        int other = ports.acquire(1, 1, 40_000);
        assertEquals(40_001, other, "another server port has its own counter");
    }

    @Test
    void skipsPortsTsharkDissects() {
        PortAllocator ports = new PortAllocator(1);
        assertTrue(PortAllocator.avoided(44_818));
        int p = ports.acquire(0, 1, 44_817);
        assertEquals(44_819, p);
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            int q = PortAllocator.randomEphemeral(r);
            assertFalse(PortAllocator.avoided(q));
            assertTrue(q >= PortAllocator.FIRST && q < PortAllocator.END);
        }
        assertNotEquals(0, p);
    }
}
