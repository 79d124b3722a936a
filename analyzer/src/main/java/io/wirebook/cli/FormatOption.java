package io.wirebook.cli;

import picocli.CommandLine.Option;

/** {@code -F, --format text|jsonl}: the option every command that prints packets or rows shares (a picocli mixin). */
final class FormatOption {
    enum Format { text, jsonl }

    @Option(names = {"-F", "--format"}, defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format;

    boolean jsonl() {
        return format == Format.jsonl;
    }
}
