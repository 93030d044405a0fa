package dev.tandem.server.agent;

import dev.tandem.kb.FileTrees;
import dev.tandem.kb.KnowledgeBase;
import dev.tandem.server.accounts.DemoAccounts;
import dev.tandem.server.accounts.JdbcAccountService;
import dev.tandem.server.accounts.importing.AccountImporter;
import dev.tandem.server.chat.Identity;
import dev.tandem.server.store.Database;
import dev.tandem.server.store.JdbcChatMemoryStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real components the agent tests share, built once per test JVM because indexing the demo
 * corpus is the slow part: the knowledge base over demo/knowledge, an in-memory H2 database with
 * the migrations and the demo accounts, the real account service and the JDBC chat memory.
 */
public final class AgentFixture {

    public static final Identity PHUONG_NAM = new Identity("acc-phuongnam", "c-pn-001", "Nguyễn Văn Phúc");
    public static final Identity LOTUS = new Identity("acc-lotushotels", "c-lotus-001", "Trương Mỹ Linh");
    public static final Identity XANH_MART = new Identity("acc-xanhmart", "c-xm-001", "Đặng Thu Trang");

    private static AgentFixture shared;

    public final KnowledgeBase knowledge;
    public final Database database;
    public final JdbcAccountService accounts;
    public final JdbcChatMemoryStore memory;
    /** Conversation id → identity, as the conversation store would answer. */
    public final Map<String, Identity> identities = new ConcurrentHashMap<>();

    private AgentFixture(KnowledgeBase knowledge, Database database) {
        this.knowledge = knowledge;
        this.database = database;
        this.accounts = new JdbcAccountService(database.dataSource(), Clock.systemUTC());
        this.memory = new JdbcChatMemoryStore(database.dataSource(), Clock.systemUTC());
    }

    public static synchronized AgentFixture shared() {
        if (shared == null) {
            try {
                Path knowledgeDir = Path.of("..", "demo", "knowledge").toAbsolutePath().normalize();
                KnowledgeBase kb = KnowledgeBase.open(FileTrees.deleteOnExit(Files.createTempDirectory("tandem-agent-index")));
                kb.index(knowledgeDir, (done, total, path) -> {});
                Database db = Database.open("jdbc:h2:mem:agent-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
                DemoAccounts.loadIfEmpty(new AccountImporter(db.dataSource(), knowledgeDir, Clock.systemUTC()), knowledgeDir);
                shared = new AgentFixture(kb, db);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** A new conversation id bound to {@code who}. */
    public String conversation(Identity who) {
        String id = UUID.randomUUID().toString();
        identities.put(id, who);
        return id;
    }

    public Identity identityOf(String conversationId) {
        return identities.getOrDefault(conversationId, Identity.anonymous());
    }
}
