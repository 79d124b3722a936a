package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** The shared rule for output that cannot be written, on real file descriptors. */
class OutputTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);

    @Test
    void aPipeWhoseReaderIsGoneIsAClosedPipeAndNothingIsSaid() throws IOException {
        Pipe pipe = Pipe.open();
        pipe.source().close();
        OutputStream out = Output.named(Output.STDOUT, Channels.newOutputStream(pipe.sink()));
        Output.WriteFailed e = assertThrows(Output.WriteFailed.class, () -> out.write(new byte[100]));
        assertTrue(e.closedPipe(), e.getMessage());
        assertEquals(ExitCodes.OK, Output.report(e, stderr));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        pipe.sink().close();
    }

    @Test
    void devFullIsAWriteErrorWithTheSystemsReason() throws IOException {
        try (FileOutputStream full = new FileOutputStream("/dev/full")) {
            OutputStream out = Output.named(Output.STDOUT, full);
            Output.WriteFailed e = assertThrows(Output.WriteFailed.class, () -> out.write(new byte[100]));
            assertFalse(e.closedPipe());
            assertEquals(Output.STDOUT, e.output());
            assertEquals(ExitCodes.CANNOT_WRITE, Output.report(e, stderr));
            assertEquals("wirebook: standard output: write error: No space left on device\n",
                    err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aChannelOnDevFullNamesItsFile() throws IOException {
        try (FileOutputStream full = new FileOutputStream("/dev/full")) {
            WritableByteChannel out = Output.named("capture.pcap", full.getChannel());
            Output.WriteFailed e = assertThrows(Output.WriteFailed.class, () -> out.write(ByteBuffer.allocate(10)));
            assertEquals("capture.pcap: write error: No space left on device", e.getMessage());
        }
    }

    /** Once failed, the output stays failed: nothing is written after a gap, whatever swallowed the error. */
    @Test
    void afterAFailureNothingMoreReachesTheOutput() {
        ByteArrayOutputStream reached = new ByteArrayOutputStream();
        boolean[] failNext = {true};
        OutputStream flaky = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                if (failNext[0]) {
                    failNext[0] = false;
                    throw new IOException("Input/output error");
                }
                reached.write(b);
            }
        };
        OutputStream out = Output.named("out.txt", flaky);
        PrintStream swallowing = new PrintStream(out, true, StandardCharsets.UTF_8);
        swallowing.print("a"); // the PrintStream swallows the error, as PrintStreams do
        assertTrue(swallowing.checkError());
        Output.WriteFailed later = assertThrows(Output.WriteFailed.class, () -> out.write('b'));
        assertEquals("out.txt: write error: Input/output error", later.getMessage());
        assertThrows(Output.WriteFailed.class, out::flush);
        assertEquals(0, reached.size(), "nothing after the failed write");
    }

    @Test
    void theFailureIsFoundThroughLayersThatWrapIt() {
        Output.WriteFailed f = Output.failed(Output.STDOUT, new IOException("No space left on device"));
        assertSame(f, Output.failure(new UncheckedIOException(new IOException(f))));
        assertEquals(null, Output.failure(new IOException("Input/output error")));
    }

    @Test
    void reasonsAreTheOperatingSystemsWords() {
        assertEquals("No such file or directory", Output.reason(new NoSuchFileException("/nonexistent/x")));
        assertEquals("Permission denied", Output.reason(new AccessDeniedException("/root/x")));
        assertEquals("Read-only file system", Output.reason(new FileSystemException("/x", null, "Read-only file system")));
        assertEquals("Permission denied", Output.reason(new FileNotFoundException("/root/x (Permission denied)")));
        assertEquals("No space left on device", Output.reason(new IOException("No space left on device")));
        assertEquals("x.pcap: cannot create: No such file or directory",
                Output.failed("x.pcap", new FileNotFoundException("/a/x.pcap (No such file or directory)")).getMessage());
    }
}
