package dev.tandem.server.agent.bench;

import dev.tandem.kb.FileTrees;
import dev.tandem.kb.KnowledgeBase;
import dev.tandem.server.accounts.DemoAccounts;
import dev.tandem.server.accounts.JdbcAccountService;
import dev.tandem.server.accounts.importing.AccountImporter;
import dev.tandem.server.chat.Conversation;
import dev.tandem.server.chat.ConversationStatus;
import dev.tandem.server.chat.Identity;
import dev.tandem.server.store.Database;
import dev.tandem.server.store.JdbcChatMemoryStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** What the evaluation and the benchmarks run on: a copy of the corpus, its index, H2 with the demo accounts. */
final class EvalSetup implements AutoCloseable {

    final Path corpus;
    private final Path indexDir;
    final KnowledgeBase knowledge;
    final Database database;
    final JdbcAccountService accounts;
    final JdbcChatMemoryStore memory;
    final Map<String, Identity> identities = new ConcurrentHashMap<>();

    EvalSetup(Path sourceCorpus, Path accountsCorpusBeside) throws IOException {
        corpus = Files.createTempDirectory("tandem-eval-corpus");
        try (Stream<Path> files = Files.walk(sourceCorpus)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = corpus.resolve(sourceCorpus.relativize(file).toString());
                if (Files.isDirectory(file)) Files.createDirectories(target);
                else Files.copy(file, target);
            }
        }
        indexDir = Files.createTempDirectory("tandem-eval-index");
        knowledge = KnowledgeBase.open(indexDir);
        knowledge.index(corpus, (done, total, path) -> {});
        database = Database.open("jdbc:h2:mem:eval-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        DemoAccounts.loadIfEmpty(new AccountImporter(database.dataSource(), accountsCorpusBeside, Clock.systemUTC()), accountsCorpusBeside);
        accounts = new JdbcAccountService(database.dataSource(), Clock.systemUTC());
        memory = new JdbcChatMemoryStore(database.dataSource(), Clock.systemUTC());
    }

    /** Adds a document to the corpus copy and re-indexes (incrementally). */
    void addDocument(String relativePath, String content) throws IOException {
        Path file = corpus.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    void reindex() throws IOException {
        knowledge.index(corpus, (done, total, path) -> {});
    }

    /** The identity an evaluation audience stands for: public → anonymous, b2b → any account, account:&lt;id&gt;. */
    static Identity identity(String audience) {
        if (audience == null || audience.isBlank() || audience.equals("public")) return Identity.anonymous();
        if (audience.equals("b2b")) return new Identity("*", "eval-b2b", "Eval B2B");
        if (audience.startsWith("account:")) return new Identity(audience.substring("account:".length()), "eval", "Eval");
        throw new IllegalArgumentException("unknown audience " + audience);
    }

    Conversation conversation(Identity who) {
        String id = UUID.randomUUID().toString();
        identities.put(id, who);
        return new Conversation(id, UUID.randomUUID().toString(), who, ConversationStatus.BOT, "vi", 1);
    }

    Identity identityOf(String conversationId) {
        return identities.getOrDefault(conversationId, Identity.anonymous());
    }

    @Override
    public void close() throws IOException {
        knowledge.close();
        memory.close(); // the memories of the last turns, before the database goes (as the server does)
        database.close();
        FileTrees.delete(indexDir);
        FileTrees.delete(corpus);
    }
}
