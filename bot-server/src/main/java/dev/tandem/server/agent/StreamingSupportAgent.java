package dev.tandem.server.agent;

import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.UserMessage;

/** The streaming twin of {@link SupportAgent}, for real providers: same prompt, tokens as they come. */
public interface StreamingSupportAgent {

    @SystemMessage(SupportAgent.SYSTEM_PROMPT)
    TokenStream answer(@MemoryId String conversationId, @UserMessage String text);
}
