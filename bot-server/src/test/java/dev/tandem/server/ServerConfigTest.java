package dev.tandem.server;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerConfigTest {

    @Test
    void zero_configuration_is_the_offline_demo() {
        ServerConfig config = ServerConfig.fromEnv(Map.of());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.llmProvider()).isEqualTo("offline");
        assertThat(config.dataDir().getFileName().toString()).isEqualTo("data");
        assertThat(config.jdbcUrl()).startsWith("jdbc:h2:file:").contains("WRITE_DELAY=0");
        assertThat(config.usesDemoSecret()).isTrue();
    }

    @Test
    void bad_values_fail_with_the_key_named() {
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("TANDEM_PORT", "eighty")))
                .hasMessageContaining("TANDEM_PORT");
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("TANDEM_LLM_PROVIDER", "magic")))
                .hasMessageContaining("TANDEM_LLM_PROVIDER");
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("TANDEM_LLM_PROVIDER", "openai")))
                .hasMessageContaining("TANDEM_LLM_MODEL");
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("TANDEM_IDENTITY_SECRET", "short")))
                .hasMessageContaining("TANDEM_IDENTITY_SECRET");
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("TANDEM_TRUSTED_PROXIES", "10.0.0.1, proxy.internal")))
                .hasMessageContaining("TANDEM_TRUSTED_PROXIES").hasMessageContaining("proxy.internal");
    }

    @Test
    void ollama_defaults_to_its_openai_compatible_endpoint_and_origins_are_a_list() {
        ServerConfig config = ServerConfig.fromEnv(Map.of("TANDEM_LLM_PROVIDER", "ollama", "TANDEM_LLM_MODEL", "qwen2.5",
                "TANDEM_ALLOWED_ORIGINS", "https://shop.example, https://b2b.example"));

        assertThat(config.llmBaseUrl()).isEqualTo("http://localhost:11434/v1");
        assertThat(config.allowedOrigins()).containsExactly("https://shop.example", "https://b2b.example");
    }

    @Test
    void llm_stream_timeouts_default_by_provider_and_can_be_set_in_seconds() {
        ServerConfig hosted = ServerConfig.fromEnv(Map.of("TANDEM_LLM_PROVIDER", "openai", "TANDEM_LLM_MODEL", "gpt"));
        assertThat(hosted.llmTimeouts().firstToken()).isEqualTo(java.time.Duration.ofSeconds(8));
        assertThat(hosted.llmTimeouts().betweenTokens()).isEqualTo(java.time.Duration.ofSeconds(5));

        ServerConfig ollama = ServerConfig.fromEnv(Map.of("TANDEM_LLM_PROVIDER", "ollama", "TANDEM_LLM_MODEL", "qwen2.5"));
        assertThat(ollama.llmTimeouts().firstToken()).isEqualTo(java.time.Duration.ofSeconds(30));

        ServerConfig set = ServerConfig.fromEnv(Map.of("TANDEM_LLM_PROVIDER", "ollama", "TANDEM_LLM_MODEL", "qwen2.5",
                "TANDEM_LLM_FIRST_TOKEN_TIMEOUT", "60", "TANDEM_LLM_TOKEN_TIMEOUT", "2.5"));
        assertThat(set.llmTimeouts().firstToken()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(set.llmTimeouts().betweenTokens()).isEqualTo(java.time.Duration.ofMillis(2500));

        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("TANDEM_LLM_TOKEN_TIMEOUT", "0")))
                .hasMessageContaining("TANDEM_LLM_TOKEN_TIMEOUT");
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("TANDEM_LLM_FIRST_TOKEN_TIMEOUT", "soon")))
                .hasMessageContaining("TANDEM_LLM_FIRST_TOKEN_TIMEOUT");
    }
}
