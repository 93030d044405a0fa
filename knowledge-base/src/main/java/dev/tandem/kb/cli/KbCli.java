package dev.tandem.kb.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The knowledge-base command line: {@code kb index}, {@code kb search}, {@code kb eval}. bot-server
 * mounts it as {@code ./tandem kb ...}; {@link #main} runs it alone.
 */
@Command(name = "kb", mixinStandardHelpOptions = true,
        description = "Index, search and evaluate the knowledge base.",
        subcommands = {IndexCommand.class, SearchCommand.class, EvalCommand.class})
public class KbCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public KbCli() {}

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new KbCli()).execute(args));
    }
}
