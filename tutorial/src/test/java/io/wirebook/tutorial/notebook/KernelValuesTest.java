package io.wirebook.tutorial.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The building machine's kernel values, as {@code cat /proc/sys/...} prints them. */
class KernelValuesTest {
    static String cat(String path) throws Exception {
        Process p = new ProcessBuilder("cat", path).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().replaceAll("\\s+", " ");
        assertEquals(0, p.waitFor());
        return out;
    }

    @Test
    void aMultiDigitSysctlIsReadWholeNotItsFirstByte() throws Exception {
        // Files.readString gave "4" for somaxconn = 4096: a sysctl answers a read at offset 1 with end-of-file.
        KernelValues k = new KernelValues();
        String somaxconn = cat("/proc/sys/net/core/somaxconn");
        assertTrue(somaxconn.length() > 1, "a multi-digit value on this machine: " + somaxconn);
        assertEquals(somaxconn, k.get("net.core.somaxconn").orElseThrow());
        assertEquals(cat("/proc/sys/net/ipv4/ip_local_port_range"), k.get("net.ipv4.ip_local_port_range").orElseThrow(),
                "two numbers, one space");
        assertEquals(cat("/proc/sys/kernel/osrelease"), k.get("kernel.osrelease").orElseThrow());
    }
}
