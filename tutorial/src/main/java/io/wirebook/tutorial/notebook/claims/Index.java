package io.wirebook.tutorial.notebook.claims;

import io.wirebook.calls.SocketCall;
import io.wirebook.timeline.TimelineEvent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The evidence sorted by kind, with the look-ups fields need: a packet by frame number, a call's event. */
final class Index {
    private final Map<ItemKind, List<Value.Item>> items = new EnumMap<>(ItemKind.class);
    private final Map<Long, Value.Item> packetByFrame = new HashMap<>();
    private final Map<SocketCall, Value.Item> callEvent = new IdentityHashMap<>();

    Index(Evidence evidence) {
        for (ItemKind k : ItemKind.values()) {
            items.put(k, new ArrayList<>());
        }
        for (TimelineEvent e : evidence.timeline().events()) {
            if (e instanceof TimelineEvent.PacketSeen p) {
                Value.Item it = add(ItemKind.PACKET, p);
                packetByFrame.putIfAbsent(p.frame().number, it);
            } else if (e instanceof TimelineEvent.Call c) {
                callEvent.put(c.call(), add(ItemKind.CALL, c));
            } else if (e instanceof TimelineEvent.StateChange s) {
                add(ItemKind.STATE, s);
            } else if (e instanceof TimelineEvent.Observation o) {
                add(ItemKind.NOTE, o);
            }
        }
        // Sorted by key, so a selection of kernel values reads in a stable order.
        new TreeMap<>(evidence.kernel()).forEach((k, v) -> add(ItemKind.KERNEL, new Value.KernelValue(k, v)));
    }

    private Value.Item add(ItemKind k, Object event) {
        Value.Item it = new Value.Item(k, event);
        items.get(k).add(it);
        return it;
    }

    List<Value.Item> all(ItemKind k) {
        return items.get(k);
    }

    /** The packet with that frame number, or null. */
    Value.Item packet(long frame) {
        return packetByFrame.get(frame);
    }

    /** The timeline's event of a call (with its unblocking frame), or null when the call is not in it. */
    Value.Item call(SocketCall c) {
        return callEvent.get(c);
    }
}
