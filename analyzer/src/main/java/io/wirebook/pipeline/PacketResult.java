package io.wirebook.pipeline;

import io.wirebook.analysis.TcpAnalysis;
import io.wirebook.annotate.PacketNotes;
import io.wirebook.capture.Frame;
import io.wirebook.decode.Packet;
import io.wirebook.flow.TcpConnection;
import io.wirebook.flow.TcpView;

/**
 * Everything the analyzer knows of one frame: the decoded packet, its TCP connection and direction, the
 * expert analysis, and the plain-words note (worded when first asked for).
 *
 * <p>A result from {@link PacketPipeline#next} is reused for the next frame, like the {@link Packet} in it;
 * one from {@link PacketPipeline#keep} owns its bytes and numbers and stays valid. The connection is the
 * live one in both cases: its counters go on changing with later packets.
 */
public final class PacketResult {
    private final PacketNotes notes;
    private Packet packet;
    private final TcpView view;
    private final TcpAnalysis analysis;
    private TcpConnection connection;
    private String note;

    PacketResult(PacketNotes notes, Packet packet, TcpView view, TcpAnalysis analysis) {
        this.notes = notes;
        this.packet = packet;
        this.view = view;
        this.analysis = analysis;
    }

    TcpView view() {
        return view;
    }

    TcpAnalysis analysisHolder() {
        return analysis;
    }

    /** For a packet decoded by a {@link DecodingReader}: the result is about it from now on. */
    void packet(Packet p) {
        packet = p;
    }

    void set(TcpConnection c) {
        connection = c;
        note = null;
    }

    public Packet packet() {
        return packet;
    }

    public Frame frame() {
        return packet.frame;
    }

    /** True when the packet is a TCP segment the tracker placed in a connection. */
    public boolean isTcp() {
        return connection != null;
    }

    /** The segment's connection, or null when the packet is not a tracked TCP segment. */
    public TcpConnection connection() {
        return connection;
    }

    /** The segment's relative numbers, scaled window, direction and state changes, or null when not TCP. */
    public TcpView tcp() {
        return connection != null ? view : null;
    }

    /** tshark's expert findings for the segment, or null when not TCP. */
    public TcpAnalysis analysis() {
        return connection != null ? analysis : null;
    }

    /** True when the segment was sent by its connection's client; false when not TCP. */
    public boolean fromClient() {
        return connection != null && view.fromClient;
    }

    /** One sentence of plain words on the packet (empty when there is nothing to say). */
    public String note() {
        if (note == null) {
            note = notes.note(packet, tcp(), analysis());
        }
        return note;
    }

    /**
     * Appends the note to {@code out} without making a string (the text output's hot path).
     *
     * @return false when there is nothing to say
     */
    public boolean appendNote(StringBuilder out) {
        if (note != null) {
            out.append(note);
            return !note.isEmpty();
        }
        return notes.append(out, packet, tcp(), analysis());
    }

    /** As {@link #appendNote(StringBuilder)}, as UTF-8 bytes (the text output's hot path). */
    public boolean appendNote(io.wirebook.text.Utf8Line out) {
        if (note != null) {
            out.append(note);
            return !note.isEmpty();
        }
        return notes.append(out, packet, tcp(), analysis());
    }

    /**
     * As {@link #appendNote(io.wirebook.text.Utf8Line)}, worded by {@code own}: for a thread other than the
     * pipeline's (a {@link ResultRenderer}), since a PacketNotes is not shared between threads.
     */
    public boolean appendNote(io.wirebook.text.Utf8Line out, PacketNotes own) {
        if (note != null) {
            out.append(note);
            return !note.isEmpty();
        }
        return own.append(out, packet, tcp(), analysis());
    }
}
