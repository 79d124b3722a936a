package io.wirebook.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Address literals: RFC 4291 text forms, CIDR prefixes, and what is not an address. */
class AddressLiteralTest {
    @ParameterizedTest(name = "{0} against {1}")
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.0/8           | 10.255.1.2            | true
            10.0.0.0/8           | 11.0.0.1              | false
            192.168.1.11         | 192.168.1.11          | true
            192.168.1.11         | 192.168.1.12          | false
            192.168.1.11/32      | 192.168.1.11          | true
            0.0.0.0/0            | 8.8.8.8               | true
            172.16.0.0/12        | 172.31.255.255        | true
            172.16.0.0/12        | 172.32.0.0            | false
            ::1                  | 0:0:0:0:0:0:0:1       | true
            ::                   | ::1                   | false
            fe80::/10            | fe80::1               | true
            fe80::/10            | febf:ffff::           | true
            fe80::/10            | fec0::1               | false
            2001:db8::/32        | 2001:0db8:1:2:3:4:5:6 | true
            2001:DB8::1          | 2001:db8::1           | true
            ::ffff:1.2.3.4       | ::ffff:102:304        | true
            1:2:3:4:5:6:7:8      | 1:2:3:4:5:6:7:8       | true
            1:2:3:4:5:6:7::      | 1:2:3:4:5:6:7:0       | true
            """)
    void matchesByPrefix(String literal, String address, boolean matches) throws Exception {
        AddressLiteral lit = AddressLiteral.parse(literal);
        // java.net reads the address under test (a literal: no lookup); IPv4-mapped ones it turns into IPv4.
        byte[] b = InetAddress.getByName(address).getAddress();
        if (lit.version == 6 && b.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xFF;
            mapped[11] = (byte) 0xFF;
            System.arraycopy(b, 0, mapped, 12, 4);
            b = mapped;
        }
        assertEquals(b.length == 4 ? 4 : 6, lit.version);
        assertEquals(matches, lit.matches(b, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4/33", "1.2.3.4/", "1.2.3.4/a",
            "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "g::1", "::1/129", ":1", "1:", "example.com", ""})
    void isNotAnAddress(String s) {
        assertNull(AddressLiteral.parse(s));
    }
}
