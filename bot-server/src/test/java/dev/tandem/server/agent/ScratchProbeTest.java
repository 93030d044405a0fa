package dev.tandem.server.agent;

import dev.tandem.kb.Audience;
import dev.tandem.server.agent.tools.SupportTools;
import dev.tandem.server.agent.tools.TurnContext;
import dev.tandem.server.chat.Identity;
import org.junit.jupiter.api.Test;

class ScratchProbeTest {
    @Test
    void probe() {
        var f = AgentFixture.shared();
        String q = "bảo hành máy lọc nước marker12x1";
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 100; i++) f.knowledge.search(q + i, Audience.anonymous(), 9);
            long t1 = System.nanoTime();
            for (int i = 0; i < 100; i++) f.knowledge.search(q + i, Audience.anonymous(), 3);
            long t2 = System.nanoTime();
            var turns = new TurnContext(3);
            var tools = new SupportTools(f.accounts, f.knowledge::search, (id, reason) -> {}, f::identityOf, turns);
            SupportAgent agent = AgentFactory.supportAgent(new OfflineGroundedModel(),
                    AgentFactory.retrieval(f.knowledge, f::identityOf), AgentFactory.memory(f.memory), tools, new ModelCallBudget(1_000));
            String id = f.conversation(Identity.anonymous());
            long t3 = System.nanoTime();
            for (int i = 0; i < 100; i++) agent.answer(id, q + i);
            long t4 = System.nanoTime();
            var model = new OfflineGroundedModel();
            System.out.printf("search9 %.2f ms, search3 %.2f ms, answer %.2f ms%n", (t1 - t0) / 1e8, (t2 - t1) / 1e8, (t4 - t3) / 1e8);
        }
    }
}
