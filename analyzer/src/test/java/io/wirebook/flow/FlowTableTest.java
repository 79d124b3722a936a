package io.wirebook.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tracker's table holds what a HashMap holds, through any mix of puts, removes and growth. */
class FlowTableTest {
    private static FlowKey key(int i) {
        FlowKey k = new FlowKey();
        // A few hosts and ports: many keys share their low hash bits in small tables.
        k.set(i % 3 == 0 ? 6 : 4, i % 5 == 0 ? 17 : 6, 0, 0x7f000001L + i % 7, 1024 + i, 0, 0x7f000001L, 80 + i % 11);
        return k;
    }

    @Test
    void randomPutsAndRemovesMatchAHashMap() {
        Random r = new Random(11);
        FlowTable<Integer> t = new FlowTable<>();
        Map<FlowKey, Integer> model = new HashMap<>();
        for (int step = 0; step < 400_000; step++) {
            int i = r.nextInt(step < 200_000 ? 3000 : 300); // grow, then shrink to a few with many removes
            FlowKey k = key(i);
            switch (r.nextInt(3)) {
                case 0:
                    t.put(k.copy(), step);
                    model.put(k.copy(), step);
                    break;
                case 1:
                    t.remove(k);
                    model.remove(k);
                    break;
                default:
                    assertEquals(model.get(k), t.get(k), "key " + i + " at step " + step);
                    break;
            }
            assertEquals(model.size(), t.size(), "size at step " + step);
        }
        for (int i = 0; i < 3000; i++) {
            assertEquals(model.get(key(i)), t.get(key(i)), "key " + i);
        }
        assertEquals(new HashSet<>(model.values()), new HashSet<>(t.values()));
        t.clear();
        assertEquals(0, t.size());
        assertNull(t.get(key(1)));
    }

    @Test
    void aKeyIsFoundByAnEqualProbeAndKeepsTheLastValue() {
        FlowTable<String> t = new FlowTable<>();
        FlowKey stored = key(42).copy();
        t.put(stored, "first");
        t.put(key(42).copy(), "second");
        assertEquals(1, t.size());
        assertEquals("second", t.get(key(42)));
        List<String> values = new ArrayList<>(t.values());
        assertEquals(List.of("second"), values);
    }

    @Test
    void everyKeyOfARunStaysReachableWhenTheOnesBeforeItGo() {
        FlowTable<FlowKey> t = new FlowTable<>();
        List<FlowKey> keys = new ArrayList<>();
        for (int i = 0; i < 31; i++) { // just under half of the first 64 slots: long runs, no growth
            FlowKey k = key(i).copy();
            keys.add(k);
            t.put(k, k);
        }
        for (int removed = 0; removed < keys.size(); removed += 2) {
            t.remove(keys.get(removed));
            for (int i = 0; i < keys.size(); i++) {
                FlowKey k = keys.get(i);
                if (i % 2 == 0 && i <= removed) {
                    assertNull(t.get(k), "removed " + i);
                } else {
                    assertSame(k, t.get(k), "kept " + i + " after removing " + removed);
                }
            }
        }
    }
}
