package io.wirebook.analysis;

import io.wirebook.flow.FlowKey;
import io.wirebook.flow.TcpConnection;

/** A tracked TCP connection with the expert analysis' state for it, made for the tracker by {@link CaptureAnalysis}. */
final class AnalysedConnection extends TcpConnection {
    final ConnectionAnalysis analysis = new ConnectionAnalysis();

    AnalysedConnection(int stream, FlowKey key, boolean aIsKeyA) {
        super(stream, key, aIsKeyA);
    }
}
