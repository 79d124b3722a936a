package io.wirebook.cli;

import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.CaptureFormatException;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * What every command that reads a capture file shares: opening it (exit 3 with one line when it cannot be
 * opened), running each frame through the {@link PacketPipeline}, and the error rules: a damaged capture
 * yields everything that was read before the damage, then one line naming it, and exit 2; standard output
 * that cannot be written is one line and exit 5, except a closed pipe, which ends quietly with 0 (see
 * {@link Output}); a failure of the command's own files (an IOException from {@link #packet} or
 * {@link #end} that is not standard output's, its message the line to print) stops the reading, writes
 * what was read, then gives its line and exit 5.
 */
abstract class FileCommand implements Callable<Integer> {
    @Mixin
    InputFileParameter input;

    /** Streams for tests; default to the process's standard output and error. */
    OutputStream stdout = new FileOutputStream(FileDescriptor.out);
    PrintStream stderr = System.err;

    /** Called once, before the first packet, with the buffered standard output. */
    protected abstract void begin(OutputStream out) throws IOException;

    /**
     * The stages every frame goes through; the default analyses packet by packet and keeps no summaries.
     * Called once, before the first frame.
     */
    protected PacketPipeline pipeline() {
        return new PacketPipeline();
    }

    /** One frame, decoded, tracked, analysed and annotated. @return false to stop reading */
    protected abstract boolean packet(PacketResult r) throws IOException;

    /**
     * After the last packet read (also when the input turned out damaged or the command's own files
     * failed), and after the pipeline has handed over the connections still open: write what remains. A
     * failure of the command's own files may be thrown after that.
     */
    protected abstract void end() throws IOException;

    /** Pushes buffered output to standard output. */
    protected abstract void flush() throws IOException;

    /**
     * The exit code when the capture was read and written without a fault: {@link ExitCodes#OK}, or the
     * command's own verdict ({@code timeline} and {@code follow}: {@link ExitCodes#USAGE} when the stream
     * asked for is not in the capture). Asked after {@link #end}.
     */
    protected int status() {
        return ExitCodes.OK;
    }

    @Override
    public final Integer call() throws IOException {
        String file = input.file;
        FrameSource src;
        try {
            src = CaptureFiles.open(file);
        } catch (IOException e) {
            stderr.println(OpenFailure.line(file, e));
            return ExitCodes.CANNOT_OPEN;
        }
        OutputStream out = new BufferedOutputStream(Output.named(Output.STDOUT, stdout), 1 << 16);
        PacketPipeline pipeline = pipeline();
        Frame frame = new Frame();
        String fault = null;
        int faultCode = ExitCodes.OK;
        boolean writing = true;
        try (src) {
            begin(out);
            writing = false;
            while (src.next(frame)) {
                PacketResult r = pipeline.next(frame);
                writing = true;
                boolean more = packet(r);
                writing = false;
                if (!more) {
                    break;
                }
            }
        } catch (CaptureFormatException e) {
            fault = "wirebook: " + e.getMessage();
            faultCode = ExitCodes.INPUT_ERROR;
        } catch (IOException e) {
            Output.WriteFailed failed = Output.failure(e);
            if (failed != null) {
                // Standard output failed: nothing more can reach it (a closed pipe ends quietly, as in tcpdump).
                return Output.report(failed, stderr);
            }
            if (writing) {
                // The command's own files failed (conversations' sorted runs): what was read is still written.
                fault = "wirebook: " + e.getMessage();
                faultCode = ExitCodes.CANNOT_WRITE;
            } else {
                fault = "wirebook: " + src.name() + ": read error: " + e.getMessage();
                faultCode = ExitCodes.INPUT_ERROR;
            }
        }
        try {
            pipeline.finish();
            try {
                end();
            } catch (IOException e) {
                if (Output.failure(e) != null) {
                    throw e;
                }
                if (fault == null) {
                    fault = "wirebook: " + e.getMessage();
                    faultCode = ExitCodes.CANNOT_WRITE;
                }
            }
            flush();
            out.flush();
        } catch (IOException e) {
            if (fault != null) {
                stderr.println(fault); // it came first
            }
            Output.WriteFailed failed = Output.failure(e);
            int code = failed != null ? Output.report(failed, stderr)
                    : Output.report(Output.failed(Output.STDOUT, e), stderr);
            return code == ExitCodes.OK ? faultCode : code;
        }
        if (fault != null) {
            stderr.println(fault);
            return faultCode;
        }
        return status();
    }
}
