package io.wirebook.tutorial.demo;

/** The transport an endpoint speaks. */
public enum Transport {
    TCP,
    UDP;

    /** The BPF primitive: {@code tcp} or {@code udp}. */
    public String bpfName() {
        return this == TCP ? "tcp" : "udp";
    }
}
