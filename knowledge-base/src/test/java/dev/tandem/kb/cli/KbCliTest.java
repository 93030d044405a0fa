package dev.tandem.kb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KbCliTest {

    @TempDir
    Path temp;

    private record Run(int exitCode, String out, String err) {
        String lastLine() {
            List<String> lines = out.strip().lines().toList();
            return lines.get(lines.size() - 1);
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new KbCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void eval_prints_the_metrics_json_as_its_last_line() throws Exception {
        // when
        Run run = run("eval", "--corpus", "src/test/resources/corpus", "--questions", "src/test/resources/questions.jsonl", "--baseline");
        // then
        assertThat(run.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.lastLine());
        assertThat(json.fieldNames()).toIterable().containsExactly("overall", "vi", "en");
        assertThat(json.get("overall").fieldNames()).toIterable()
                .containsExactly("n", "recall@1", "recall@5", "recall@10", "mrr@10", "ndcg@10");
        assertThat(json.get("overall").get("n").asInt()).isEqualTo(4);
        assertThat(json.get("vi").get("n").asInt()).isEqualTo(3);
        assertThat(json.get("overall").get("recall@5").asDouble()).isEqualTo(1.0);
        assertThat(run.out()).contains("tandem / StandardAnalyzer baseline");
    }

    @Test
    void index_then_search_from_the_command_line() {
        // when
        Run index = run("index", "--corpus", "src/test/resources/corpus", "--index", temp.toString());
        Run search = run("search", "--index", temp.toString(), "--audience", "public", "-k", "2", "bao", "hanh", "bao", "lau");
        // then
        assertThat(index.exitCode()).isZero();
        assertThat(index.out()).contains("documents: 10", "skipped: 1", "manuals/broken.pdf");
        assertThat(search.exitCode()).isZero();
        assertThat(search.out()).contains("warranty/water-purifier.md");
    }
}
