package dev.tandem.server.cli;

import dev.tandem.kb.cli.KbCli;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code ./tandem}: the one launcher. Without a subcommand it serves, like {@code ./tandem serve}. */
@Command(name = "tandem", mixinStandardHelpOptions = true, version = "Tandem 0.1.0",
        description = "Customer support: chat widget, grounded AI agent, handoff to human agents.",
        subcommands = {ServeCommand.class, ImportCommand.class, WarmupCommand.class})
public final class TandemCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return new ServeCommand().call();
    }

    public static void main(String[] args) {
        if (isServe(args)) {
            // the common start skips building the command tree: picocli's reflection over every
            // command and option costs most of a second before the server can begin to open.
            // Serving keeps the JVM alive on the server's threads.
            int exit = new ServeCommand().call();
            if (exit != 0) System.exit(exit);
            return;
        }
        CommandLine cli = new CommandLine(new TandemCommand());
        cli.addSubcommand("kb", new KbCli()); // the knowledge-base CLI: ./tandem kb index|search|eval
        System.exit(cli.execute(args)); // "serve --help" and every other command end here
    }

    private static boolean isServe(String[] args) {
        return args.length == 0 || (args[0].equals("serve") && args.length == 1);
    }
}
