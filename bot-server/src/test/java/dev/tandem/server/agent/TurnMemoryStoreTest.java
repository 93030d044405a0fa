package dev.tandem.server.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.tandem.server.agent.tools.SupportTools;
import dev.tandem.server.agent.tools.TurnContext;
import dev.tandem.server.chat.Conversation;
import dev.tandem.server.chat.ConversationStatus;
import dev.tandem.server.chat.Identity;
import dev.tandem.server.store.JdbcChatMemoryStore;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.withSettings;

/** Chat memory is written once per turn, without the system prompt, and a failed turn still keeps its question. */
class TurnMemoryStoreTest {

    private final AgentFixture fixture = AgentFixture.shared();
    private final TurnContext turns = new TurnContext(3);

    /** The real JDBC store, counting its writes. */
    private static final class CountingStore implements ChatMemoryStore {
        final ChatMemoryStore store;
        final AtomicInteger writes = new AtomicInteger();

        CountingStore(ChatMemoryStore store) {
            this.store = store;
        }

        @Override
        public List<ChatMessage> getMessages(Object memoryId) {
            return store.getMessages(memoryId);
        }

        @Override
        public void updateMessages(Object memoryId, List<ChatMessage> messages) {
            writes.incrementAndGet();
            store.updateMessages(memoryId, messages);
        }

        @Override
        public void deleteMessages(Object memoryId) {
            store.deleteMessages(memoryId);
        }
    }

    private SupportAgent agent(ChatModel model, ChatMemoryStore store) {
        var tools = new SupportTools(fixture.accounts, fixture.knowledge::search, (id, reason) -> {}, fixture::identityOf, turns);
        return AgentFactory.supportAgent(model, AgentFactory.retrieval(fixture.knowledge, fixture::identityOf),
                AgentFactory.memory(store), tools, new ModelCallBudget(50));
    }

    private static ChatModel scripted(ChatResponse... responses) {
        ChatModel model = mock(ChatModel.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
        var stub = doReturn(responses[0], java.util.Arrays.copyOfRange(responses, 1, responses.length, Object[].class));
        stub.when(model).doChat(any());
        return model;
    }

    /** A new store over the same database, once the shared one has written its memories (as a stop does). */
    private JdbcChatMemoryStore restarted() {
        fixture.memory.flush();
        return new JdbcChatMemoryStore(fixture.database.dataSource(), Clock.systemUTC());
    }

    @Test
    void a_turn_with_a_tool_round_is_written_once_and_keeps_the_tool_call_paired() {
        // given
        String id = fixture.conversation(AgentFixture.PHUONG_NAM);
        var counting = new CountingStore(fixture.memory);
        var call = ToolExecutionRequest.builder().id("call-1").name(SupportTools.OPEN_TICKETS).arguments("{}").build();
        ChatModel model = scripted(ChatResponse.builder().aiMessage(AiMessage.from(List.of(call))).build(),
                ChatResponse.builder().aiMessage(AiMessage.from("You have one open ticket.")).build());

        // when
        agent(model, new TurnMemoryStore(counting, SupportAgent.SYSTEM_PROMPT)).answer(id, "my open tickets?");

        // then: one write, holding the whole turn, the tool call next to its result, no system prompt
        assertThat(counting.writes).hasValue(1);
        List<ChatMessage> stored = restarted().getMessages(id);
        assertThat(stored).extracting(m -> m.getClass().getSimpleName())
                .containsExactly("UserMessage", "AiMessage", "ToolExecutionResultMessage", "AiMessage");
        assertThat(((ToolExecutionResultMessage) stored.get(2)).id()).isEqualTo("call-1");
    }

    @Test
    void after_a_restart_the_model_sees_the_system_prompt_first_and_once_then_the_earlier_turn() {
        // given: one turn answered and stored
        String id = fixture.conversation(Identity.anonymous());
        agent(scripted(ChatResponse.builder().aiMessage(AiMessage.from("first answer")).build()),
                new TurnMemoryStore(fixture.memory, SupportAgent.SYSTEM_PROMPT)).answer(id, "first question");
        ChatModel model = scripted(ChatResponse.builder().aiMessage(AiMessage.from("second answer")).build());

        // when: the next turn runs on a fresh store, as after a restart
        JdbcChatMemoryStore afterRestart = restarted();
        agent(model, new TurnMemoryStore(afterRestart, SupportAgent.SYSTEM_PROMPT)).answer(id, "second question");

        // then
        var request = ArgumentCaptor.forClass(ChatRequest.class);
        verify(model).doChat(request.capture());
        List<ChatMessage> sent = request.getValue().messages();
        assertThat(sent.getFirst()).isInstanceOf(SystemMessage.class);
        assertThat(sent.stream().filter(m -> m instanceof SystemMessage)).hasSize(1);
        assertThat(sent).extracting(m -> m.getClass().getSimpleName())
                .containsExactly("SystemMessage", "UserMessage", "AiMessage", "UserMessage");
        assertThat(((AiMessage) sent.get(2)).text()).isEqualTo("first answer");
        afterRestart.flush();
        assertThat(restarted().getMessages(id)).hasSize(4).noneMatch(m -> m instanceof SystemMessage);
    }

    @Test
    void a_turn_that_fails_before_its_answer_still_keeps_the_question_in_memory() {
        // given
        String id = fixture.conversation(Identity.anonymous());
        ChatModel model = mock(ChatModel.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
        doThrow(new IllegalStateException("model down")).when(model).doChat(any());
        var memory = new TurnMemoryStore(fixture.memory, SupportAgent.SYSTEM_PROMPT);
        var responder = new AgentResponder(agent(model, memory), null, turns, memory::endTurn);

        // when
        var reply = responder.answer(new Conversation(id, "visitor", Identity.anonymous(), ConversationStatus.BOT, "vi", 1),
                "is the question kept?", delta -> {});

        // then: the customer got an answer, and the question is in the stored memory
        assertThat(reply.text()).isNotBlank();
        assertThat(restarted().getMessages(id)).singleElement().isInstanceOf(UserMessage.class)
                .extracting(m -> GroundingPrompt.parse(((UserMessage) m).singleText()).question()).isEqualTo("is the question kept?");
    }
}
