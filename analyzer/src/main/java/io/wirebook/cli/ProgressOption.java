package io.wirebook.cli;

import picocli.CommandLine.Option;

/** {@code -q, --quiet}: no progress line (a picocli mixin of the commands that show one, see {@link Progress}). */
public final class ProgressOption {
    /** The mixin's name in a command's spec: a command's field of this type must have this name. */
    static final String NAME = "progress";

    @Option(names = {"-q", "--quiet"},
            description = "No progress line on standard error. Without it, a job that takes more than 2 s shows one "
                    + "(bytes and packets so far, rate, percent and time left), refreshed in place, but only when "
                    + "standard error is a terminal (for read, one that its output does not go to) and the CI "
                    + "environment variable is not set")
    boolean quiet;
}
