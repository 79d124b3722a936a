package io.wirebook.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.wirebook.flow.FlowKey;
import io.wirebook.flow.TcpConnection;
import io.wirebook.flow.UdpFlow;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A connection or flow the tracker reuses (its recycling: {@code TcpConnection.reuse}, {@code UdpFlow.reuse},
 * {@link AnalysedConnection#newAnalysis}) is field for field what a new one is, whatever its earlier life left
 * in it: every field of the object and of the objects it owns is first given a value unlike a new one's, by
 * reflection, so that a field added later and forgotten in a reset fails here.
 */
class ReusedLikeNewTest {
    /**
     * Arrays kept for their room only: a reset keeps them and empties the count that says how much of them
     * is read (assumed steps, SACK blocks, unacknowledged segments, ICMP errors).
     */
    private static final Set<String> ROOM = Set.of("assumedFrames", "assumedStates", "assumedBefore", "sackLeft",
            "sackRight", "e", "errorFrames", "errorKinds");
    /** Set by the tracker, not by a reset: the key's contents, and the spare analysis a reuse keeps. */
    private static final Set<String> NOT_RESET = Set.of("key", "spare");

    @Test
    void aReusedAnalysedConnectionIsANewOne() throws Exception {
        AnalysedConnection used = new AnalysedConnection(3, new FlowKey(), true);
        used.analysis = new ConnectionAnalysis();
        scramble(used, new IdentityHashMap<>());
        assertTrue(used.a.packets != 0 && used.analysis.a.nextSeq != 0 && !used.analysis.zeek.history().isEmpty(),
                "scrambled");
        ConnectionAnalysis before = used.analysis;
        Method reuse = TcpConnection.class.getDeclaredMethod("reuse", int.class, boolean.class);
        reuse.setAccessible(true);
        reuse.invoke(used, 9, false);
        assertLikeNew(new AnalysedConnection(9, new FlowKey(), false), used, "connection");
        assertEquals(before, used.spare, "the analysis is kept as the spare");
        ConnectionAnalysis again = used.newAnalysis();
        assertEquals(before, again, "the spare is the one made new");
        assertLikeNew(new ConnectionAnalysis(), again, "analysis");
        assertEquals(null, used.spare);
        assertNotNull(used.newAnalysis(), "without a spare, a new one");
    }

    @Test
    void aReusedUdpFlowIsANewOne() throws Exception {
        Constructor<UdpFlow> make = UdpFlow.class.getDeclaredConstructor(int.class, FlowKey.class, boolean.class);
        make.setAccessible(true);
        UdpFlow used = make.newInstance(4, new FlowKey(), false);
        scramble(used, new IdentityHashMap<>());
        assertTrue(used.icmpErrors != 0 && used.aBytes != 0, "scrambled");
        Method reuse = UdpFlow.class.getDeclaredMethod("reuse", int.class, boolean.class);
        reuse.setAccessible(true);
        reuse.invoke(used, 11, true);
        assertLikeNew(make.newInstance(11, new FlowKey(), true), used, "flow");
    }

    /** Gives every field of {@code o}, and of the Wirebook objects it holds, a value a new one does not have. */
    private static void scramble(Object o, Map<Object, Boolean> seen) throws Exception {
        if (seen.put(o, true) != null) {
            return;
        }
        for (Field f : fields(o.getClass())) {
            Class<?> t = f.getType();
            Object v = f.get(o);
            boolean settable = !Modifier.isFinal(f.getModifiers());
            if (NOT_RESET.contains(f.getName())) {
                continue;
            }
            if (t == boolean.class) {
                set(f, o, !(Boolean) v, settable);
            } else if (t == int.class) {
                set(f, o, (Integer) v + 7, settable);
            } else if (t == long.class) {
                set(f, o, (Long) v + 7, settable);
            } else if (t.isEnum()) {
                Object[] all = t.getEnumConstants();
                set(f, o, v == all[all.length - 1] ? all[0] : all[all.length - 1], settable);
            } else if (t == StringBuilder.class) {
                ((StringBuilder) v).append("ShADdaFf");
            } else if (t.isArray()) {
                set(f, o, v == null ? Array.newInstance(t.getComponentType(), 4) : v, settable);
            } else if (t.getName().startsWith("io.wirebook.")) {
                if (v == null && settable) {
                    Constructor<?> c = t.getDeclaredConstructor();
                    c.setAccessible(true);
                    v = c.newInstance();
                    f.set(o, v);
                }
                if (v != null) {
                    scramble(v, seen);
                }
            } else {
                fail("a field of a type this test does not know: " + f);
            }
        }
    }

    private static void set(Field f, Object o, Object v, boolean settable) throws Exception {
        if (!settable) {
            fail("a final field a reset cannot make new: " + f);
        }
        f.set(o, v);
    }

    private static void assertLikeNew(Object fresh, Object reused, String path) throws Exception {
        for (Field f : fields(fresh.getClass())) {
            String at = path + "." + f.getName();
            if (NOT_RESET.contains(f.getName())) {
                continue;
            }
            Object want = f.get(fresh), got = f.get(reused);
            Class<?> t = f.getType();
            if (t.isArray()) {
                if (!ROOM.contains(f.getName())) {
                    assertEquals(want == null, got == null, at);
                }
            } else if (t == StringBuilder.class) {
                assertEquals(want.toString(), got.toString(), at);
            } else if (t.getName().startsWith("io.wirebook.") && !t.isEnum()) {
                if (want == null || got == null) {
                    assertEquals(want, got, at);
                } else if (want == fresh) {
                    assertEquals(got, reused, at);
                } else {
                    assertLikeNew(want, got, at);
                }
            } else {
                assertEquals(want, got, at);
            }
        }
    }

    /** Every instance field of {@code c} and its superclasses, accessible. */
    private static List<Field> fields(Class<?> c) {
        List<Field> out = new ArrayList<>();
        for (; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
                    f.setAccessible(true);
                    out.add(f);
                }
            }
        }
        return out;
    }
}
