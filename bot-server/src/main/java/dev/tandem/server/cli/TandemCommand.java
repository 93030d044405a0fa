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
        CommandLine cli = new CommandLine(new TandemCommand());
        cli.addSubcommand("kb", new KbCli()); // the knowledge-base CLI: ./tandem kb index|search|eval
        int exit = cli.execute(args);
        // serving keeps the JVM alive on the server's threads; everything else ends here
        if (exit != 0 || !isServe(args)) System.exit(exit);
    }

    private static boolean isServe(String[] args) {
        return args.length == 0 || (args[0].equals("serve") && args.length == 1);
    }
}
