package io.wirebook.cli;

import io.wirebook.capture.BpfFilter;
import io.wirebook.capture.ConcatenatedSource;
import io.wirebook.capture.CaptureFormatException;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.decode.Packet;
import io.wirebook.pipeline.DecodingReader;
import io.wirebook.pipeline.ResultRenderer;
import io.wirebook.text.Utf8Line;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command that reads a capture file shares: opening it (exit 3 with one line when it cannot be
 * opened), running each frame through the {@link PacketPipeline}, and the error rules: a damaged capture
 * yields everything that was read before the damage, then one line naming it, and exit 2; standard output
 * that cannot be written is one line and exit 5, except a closed pipe, which ends quietly with 0 (see
 * {@link Output}); a failure of the command's own files (an IOException from {@link #packet} or
 * {@link #end} that is not standard output's, its message the line to print) stops the reading, writes
 * what was read, then gives its line and exit 5. Memory that runs out anyway (more connections at once than
 * the heap holds) is one line too, {@link OutOfMemory}'s, after the packets written so far, and exit 9. A
 * command with the {@link ProgressOption} mixin shows a {@link Progress} line while it reads.
 */
abstract class FileCommand implements Callable<Integer> {
    @Mixin
    InputFileParameter input;

    /** Streams for tests; default to the process's standard output and error. */
    OutputStream stdout = new FileOutputStream(FileDescriptor.out);
    PrintStream stderr = System.err;

    /**
     * Checks the command's own options before the input is opened: the one line of a usage error (exit
     * {@link ExitCodes#USAGE}), or null when they are good. The default has none.
     */
    protected String usageError() {
        return null;
    }

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

    /**
     * Whether the pipeline may run on the reader thread too, when there is one ({@link DecodingReader}), this
     * command's thread only writing: true when {@link #packet} reads nothing but the result it is given (no
     * live connection's counters) and the pipeline hands nothing to consumers while it runs.
     */
    protected boolean analysesAhead() {
        return false;
    }

    /**
     * With {@link #analysesAhead}: a renderer of what {@link #packet} writes for a result, for the reader
     * thread to use when this command's thread falls behind ({@link DecodingReader#start(FrameSource,
     * PacketPipeline, ResultRenderer)}); {@link #rendered()} then gives a packet's bytes. Null (the default):
     * this command renders everything itself.
     */
    protected ResultRenderer renderer() {
        return null;
    }

    /** The reader thread's bytes for the packet being handled, or null when this command renders it. */
    protected final Utf8Line rendered() {
        return ahead != null ? ahead.rendered() : null;
    }

    protected final int renderedFrom() {
        return ahead.renderedFrom();
    }

    protected final int renderedTo() {
        return ahead.renderedTo();
    }

    /** The reader thread of the read under way, if any (null once it ends: it holds the pipeline). */
    private DecodingReader ahead;

    /** Pushes buffered output to standard output. */
    protected abstract void flush() throws IOException;

    /** The file an open failure names: the one in its message (a NoSuchFileException's), else {@code fallback}. */
    private static String failedFile(IOException e, String fallback) {
        if (e instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
            return f.getFile();
        }
        return fallback;
    }

    /**
     * Whether the command's output comes only at the end ({@code conversations}): its progress line may then
     * share the terminal with it, and is cleared before it.
     */
    protected boolean outputAtEnd() {
        return false;
    }

    /**
     * The exit code when the capture was read and written without a fault: {@link ExitCodes#OK}, or the
     * command's own verdict ({@code timeline} and {@code follow}: {@link ExitCodes#USAGE} when the stream
     * asked for is not in the capture). Asked after {@link #end}.
     */
    protected int status() {
        return ExitCodes.OK;
    }

    /**
     * The directory of {@code --out-dir} (each file read on its own into a file of its own there), or null:
     * the files are read as one capture to standard output. The default has no such option.
     */
    protected Path outDir() {
        return null;
    }

    /** The extension of the files written into {@link #outDir()} ("txt", "jsonl"). */
    protected String outExtension() {
        return "txt";
    }

    /**
     * Packets past which this command's run is long enough for C2 to pay for its compiling ({@link Jit}):
     * measured for {@code conversations}, whose analysis C2 speeds up least; the other commands that analyse
     * a whole capture and print little ({@code timeline}, {@code follow}) do the same work.
     */
    protected long c2FromPackets() {
        return Jit.C2_FROM_ANALYSIS;
    }

    /** Set once the compilers are chosen: an {@link #outDir()} run chooses for all its files, before the first. */
    private boolean compilerChosen;

    /**
     * Hands over to a JVM with C2 too when the input is long enough for it ({@link Jit}); before the first
     * packet, once per run.
     */
    private void chooseCompiler(List<String> files) {
        if (!compilerChosen && Jit.c1Only()) {
            Jit.expect(Jit.estimatePackets(files), c2FromPackets());
        }
        compilerChosen = true;
    }

    /** Called before each file of an {@link #outDir()} run but the first: forget the last file's state. */
    protected void nextFile() {}

    @Override
    public final Integer call() throws IOException {
        String usage = usageError();
        if (usage != null) {
            stderr.println(ErrorLine.of(usage));
            return ExitCodes.USAGE;
        }
        if (outDir() != null) {
            return each();
        }
        return readGuarded();
    }

    private int readGuarded() throws IOException {
        reserve = new byte[RESERVE];
        try {
            return read();
        } catch (OutOfMemoryError e) {
            reserve = null; // room to say so; the pipeline's connections went with read()'s frame
            return outOfMemory();
        }
    }

    /**
     * {@code --out-dir DIR}: each file read on its own, exactly as {@code wirebook CMD FILE > DIR/NAME.EXT}
     * would (frame numbers from 1, an analysis of its own, the same bytes and the same lines on standard
     * error), NAME being the file's name without its extension, in one process: a JVM start for many files.
     * A file that fails is reported and the next one is read. The exit code is the highest of the files'
     * (so 2 means that some inputs were damaged and every output was still written).
     */
    private int each() throws IOException {
        String usage = input.resolve();
        if (usage == null && input.files.contains("-")) {
            usage = "--out-dir reads files, not standard input (-)";
        }
        if (usage == null && input.filter != null) {
            // A filter would be taken for files the other way round; it would be the same for every file.
            usage = "--out-dir takes files only, no capture filter (got: " + input.filter + ")";
        }
        java.util.Map<String, String> sourceOf = new java.util.HashMap<>();
        List<String> files = input.files;
        for (String f : files) {
            String name = outName(f);
            String before = sourceOf.putIfAbsent(name, f);
            if (usage == null && before != null) {
                usage = f + " and " + before + " would both be written to " + outDir().resolve(name + "." + outExtension());
            }
        }
        if (usage != null) {
            stderr.println("wirebook: " + usage);
            return ExitCodes.USAGE;
        }
        chooseCompiler(files);
        try {
            Files.createDirectories(outDir());
        } catch (IOException e) {
            stderr.println("wirebook: " + outDir() + ": cannot create the directory: " + Output.reason(e));
            return ExitCodes.CANNOT_WRITE;
        }
        OutputStream processOut = stdout;
        int worst = ExitCodes.OK;
        boolean first = true;
        for (String f : files) {
            Path target = outDir().resolve(outName(f) + "." + outExtension());
            if (!first) {
                nextFile();
            }
            first = false;
            input.readOptions = new java.util.ArrayList<>(List.of(f));
            input.words = new java.util.ArrayList<>();
            framesDone = 0;
            bytesDone = 0;
            fileSize = 0;
            progress = Progress.OFF;
            int code;
            try (OutputStream o = Files.newOutputStream(target)) {
                stdout = o;
                outputName = target.toString();
                code = readGuarded();
            } catch (IOException e) {
                Output.WriteFailed failed = Output.failure(e);
                code = Output.report(failed != null ? failed : Output.failed(target.toString(), e), stderr);
            } finally {
                stdout = processOut;
                outputName = Output.STDOUT;
            }
            worst = Math.max(worst, code);
        }
        return worst;
    }

    /** NAME of DIR/NAME.EXT: the file's name without its last extension. */
    private static String outName(String file) {
        String name = Path.of(file).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** How error lines name the output being written: standard output, or the --out-dir file. */
    private String outputName = Output.STDOUT;

    /**
     * What ran out of memory leaves: the packets written so far reach standard output (a packet whose line
     * was being written when it happened may be cut), then the one line, exit 9.
     */
    private int outOfMemory() {
        progress.clear();
        String line = OutOfMemory.line(input.files.size() == 1 ? input.file : String.join(" + ", input.files),
                framesDone, bytesDone, fileSize);
        int code = ExitCodes.OUT_OF_MEMORY;
        try {
            flush();
            if (out != null) {
                out.flush();
            }
        } catch (IOException e) {
            stderr.println(ErrorLine.of(line));
            Output.WriteFailed failed = Output.failure(e);
            Output.report(failed != null ? failed : Output.failed(outputName, e), stderr);
            return code;
        } catch (OutOfMemoryError e) {
            // Not even the buffers could be written out: the line still says why.
        }
        stderr.println(ErrorLine.of(line));
        return code;
    }

    /** Set aside at the start and let go when memory runs out, so that the line can still be made. */
    private static final int RESERVE = 256 * 1024;
    @SuppressWarnings("unused")
    private byte[] reserve;
    /** For the line: frames read and written in full, the bytes of the file read, its size (0: unknown). */
    private long framesDone;
    private long bytesDone;
    private long fileSize;
    private OutputStream out;
    private Progress progress = Progress.OFF;

    /** The progress line's view of the process: its terminals, CI, the clock (tests give their own). */
    Progress.Environment environment = Progress.Environment.PROCESS;
    @Spec
    CommandSpec spec;

    /**
     * Whether the reading and decoding go to a thread of their own ({@link DecodingReader}): null, the
     * default, decides by the machine (more than one core) and {@code -Dwirebook.readAhead=false} (for a user
     * who wants the second core left alone); tests set it to compare both ways. Only for regular files: a
     * pipe's packets would wait for a batch to fill. Nor, by default, for input smaller than one batch's
     * bytes, where there is nothing to overlap. The output is the same either way.
     */
    Boolean readAhead;

    /** Tests: the reader thread renders every batch it can ({@link #renderer}), not only when this one is behind. */
    boolean renderEveryBatch;

    private boolean readsAhead() {
        boolean on = readAhead != null ? readAhead
                : Boolean.parseBoolean(System.getProperty("wirebook.readAhead", "true"))
                        && Runtime.getRuntime().availableProcessors() > 1;
        if (!on || readAhead == null && fileSize < DecodingReader.BYTES) {
            return false; // smaller than one batch: nothing to overlap, only a thread and its batches to make
        }
        for (String f : input.files) {
            if (f.equals("-") || !Files.isRegularFile(Path.of(f))) {
                return false;
            }
        }
        return true;
    }

    private Integer read() throws IOException {
        String usage = input.resolve();
        if (usage != null) {
            stderr.println(ErrorLine.of("wirebook: " + usage));
            return ExitCodes.USAGE;
        }
        chooseCompiler(input.files);
        FrameSource opened;
        try {
            opened = ConcatenatedSource.open(input.files);
        } catch (IOException e) {
            stderr.println(ErrorLine.of(OpenFailure.line(failedFile(e, input.file), e)));
            return ExitCodes.CANNOT_OPEN;
        }
        if (input.filter != null) {
            try {
                opened = BpfFilter.of(opened, input.filter);
            } catch (BpfFilter.FilterException e) {
                opened.close();
                stderr.println(ErrorLine.of("wirebook: " + e.getMessage()));
                return ExitCodes.USAGE;
            }
        }
        FrameSource src = opened;
        for (String f : input.files) {
            fileSize += Progress.sizeOf(f);
        }
        CommandSpec mixin = spec == null ? null : spec.mixins().get(ProgressOption.NAME);
        if (mixin != null) {
            progress = Progress.on(stderr, stdout, ((ProgressOption) mixin.userObject()).quiet, outputAtEnd(),
                    environment, "", fileSize, 0);
        }
        out = new BufferedOutputStream(Output.named(outputName, stdout), 1 << 16);
        PacketPipeline pipeline = pipeline();
        Frame frame = new Frame();
        String fault = null;
        int faultCode = ExitCodes.OK;
        boolean writing = true;
        boolean readAheadOn = readsAhead(), analyseAhead = readAheadOn && analysesAhead();
        // -Dwirebook.renderAhead=false: the reader thread never renders (to compare, or to leave it the reading).
        ResultRenderer renderer = analyseAhead && Boolean.parseBoolean(System.getProperty("wirebook.renderAhead", "true"))
                ? renderer() : null;
        try (src; DecodingReader ahead = !readAheadOn ? null
                : analyseAhead ? DecodingReader.start(src, pipeline, renderer, renderEveryBatch)
                : DecodingReader.start(src)) {
            this.ahead = ahead;
            begin(out);
            writing = false;
            while (true) {
                PacketResult r;
                long position;
                if (ahead != null) {
                    Packet p = ahead.next();
                    if (p == null) {
                        break;
                    }
                    r = analyseAhead ? ahead.result() : pipeline.next(p);
                    position = ahead.position();
                } else {
                    if (!src.next(frame)) {
                        break;
                    }
                    r = pipeline.next(frame);
                    position = src.bytesBefore() + frame.fileOffset;
                }
                writing = true;
                boolean more = packet(r);
                writing = false;
                framesDone = r.frame().number;
                bytesDone = position;
                progress.update(bytesDone, framesDone);
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
                progress.clear();
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
        } finally {
            // The reader holds the pipeline's whole state: once it is closed nothing here keeps it (an
            // OutOfMemoryError's line needs that memory back).
            this.ahead = null;
        }
        progress.clear();
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
                stderr.println(ErrorLine.of(fault)); // it came first
            }
            Output.WriteFailed failed = Output.failure(e);
            int code = failed != null ? Output.report(failed, stderr)
                    : Output.report(Output.failed(outputName, e), stderr);
            return code == ExitCodes.OK ? faultCode : code;
        }
        if (fault != null) {
            stderr.println(ErrorLine.of(fault));
            return faultCode;
        }
        return status();
    }
}
