package dev.tandem.server.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.tandem.server.agent.tools.SupportTools;
import dev.tandem.server.agent.tools.TurnContext;
import dev.tandem.server.chat.Conversation;
import dev.tandem.server.chat.ConversationStatus;
import dev.tandem.server.chat.Identity;
import dev.tandem.server.store.JdbcChatMemoryStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** One chat memory per conversation id, persisted, and never mixed under concurrent turns. */
class MemoryIsolationTest {

    private final AgentFixture fixture = AgentFixture.shared();

    @Test
    void two_hundred_interleaved_conversations_each_remember_only_their_own_turns() throws Exception {
        // given
        int conversations = 200;
        int turnsEach = 3;
        var turns = new TurnContext(3);
        var tools = new SupportTools(fixture.accounts, fixture.knowledge::search, (id, reason) -> {}, fixture::identityOf, turns);
        SupportAgent agent = AgentFactory.supportAgent(new OfflineGroundedModel(),
                AgentFactory.retrieval(fixture.knowledge, fixture::identityOf), AgentFactory.memory(fixture.memory),
                tools, new ModelCallBudget(1_000));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < conversations; i++) {
            ids.add(fixture.conversation(i % 3 == 0 ? AgentFixture.PHUONG_NAM : Identity.anonymous()));
        }

        // when: every conversation runs its turns in order, all conversations at once (as the engine does)
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < conversations; c++) {
                String id = ids.get(c);
                int n = c;
                running.add(pool.submit(() -> {
                    for (int t = 0; t < turnsEach; t++) agent.answer(id, "bảo hành máy lọc nước marker" + n + "x" + t);
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
        }

        // then: read back through a new store (no cache) once the memories are written: each holds exactly its own turns
        fixture.memory.flush();
        var reopened = new JdbcChatMemoryStore(fixture.database.dataSource(), Clock.systemUTC());
        for (int c = 0; c < conversations; c++) {
            List<ChatMessage> messages = reopened.getMessages(ids.get(c));
            List<String> userTexts = messages.stream().filter(m -> m instanceof UserMessage)
                    .map(m -> GroundingPrompt.parse(((UserMessage) m).singleText()).question()).toList();
            List<String> expected = new ArrayList<>();
            for (int t = 0; t < turnsEach; t++) expected.add("bảo hành máy lọc nước marker" + c + "x" + t);
            assertThat(userTexts).as("conversation %d", c).containsExactlyElementsOf(expected);
            assertThat(messages.stream().filter(m -> m instanceof AiMessage)).hasSize(turnsEach);
        }
    }

    @Test
    void two_hundred_interleaved_conversations_through_the_served_responder_keep_their_own_memory() throws Exception {
        // given: the responder as the server wires it (memory written once per turn, without the system prompt)
        int conversations = 200;
        int turnsEach = 3;
        var responder = AgentFactory.responder(new AgentFactory.Provider("offline", "", "", ""), fixture.knowledge,
                fixture.memory, fixture.accounts, fixture::identityOf, (id, reason) -> {});
        List<Conversation> all = new ArrayList<>();
        for (int i = 0; i < conversations; i++) {
            Identity who = i % 3 == 0 ? AgentFixture.PHUONG_NAM : Identity.anonymous();
            all.add(new Conversation(fixture.conversation(who), "visitor-" + i, who, ConversationStatus.BOT, "vi", 1));
        }

        // when
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < conversations; c++) {
                Conversation conversation = all.get(c);
                int n = c;
                running.add(pool.submit(() -> {
                    for (int t = 0; t < turnsEach; t++) {
                        responder.answer(conversation, "đổi trả hàng marker" + n + "x" + t, delta -> {});
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
        }

        // then
        fixture.memory.flush();
        var reopened = new JdbcChatMemoryStore(fixture.database.dataSource(), Clock.systemUTC());
        for (int c = 0; c < conversations; c++) {
            List<ChatMessage> messages = reopened.getMessages(all.get(c).id());
            List<String> expected = new ArrayList<>();
            for (int t = 0; t < turnsEach; t++) expected.add("đổi trả hàng marker" + c + "x" + t);
            assertThat(messages.stream().filter(m -> m instanceof UserMessage).map(m -> ((UserMessage) m).singleText()))
                    .as("conversation %d", c).containsExactlyElementsOf(expected);
            assertThat(messages.stream().filter(m -> m instanceof AiMessage)).hasSize(turnsEach);
        }
    }

    @Test
    void memory_survives_a_new_store_and_keeps_tool_calls_paired() {
        // given
        String id = fixture.conversation(Identity.anonymous());
        var request = ToolExecutionRequest.builder().id("call-1").name("warrantyStatus").arguments("{\"serialOrOrder\":\"MH2611230457\"}").build();
        List<ChatMessage> messages = List.of(UserMessage.from("MH2611230457?"), AiMessage.from(List.of(request)),
                ToolExecutionResultMessage.from(request, "{\"status\":\"ok\"}"), AiMessage.from("ok"));

        // when
        fixture.memory.updateMessages(id, messages);
        fixture.memory.flush();
        var restarted = new JdbcChatMemoryStore(fixture.database.dataSource(), Clock.systemUTC());

        // then
        assertThat(restarted.getMessages(id)).isEqualTo(messages);
        restarted.deleteMessages(id);
        assertThat(new JdbcChatMemoryStore(fixture.database.dataSource(), Clock.systemUTC()).getMessages(id)).isEmpty();
    }
}
