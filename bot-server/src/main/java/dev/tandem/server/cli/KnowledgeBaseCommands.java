package dev.tandem.server.cli;

import picocli.CommandLine;

/** Mounts the knowledge-base CLI as {@code ./tandem kb ...}. */
final class KnowledgeBaseCommands {

    private KnowledgeBaseCommands() {}

    static void mount(CommandLine cli) {
        try {
            Object kb = Class.forName("dev.tandem.kb.cli.KbCli").getDeclaredConstructor().newInstance();
            cli.addSubcommand("kb", kb);
        } catch (ReflectiveOperationException e) {
            // the knowledge-base CLI is not on the class path of this build
        }
    }
}
