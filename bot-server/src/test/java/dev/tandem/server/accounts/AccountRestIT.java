package dev.tandem.server.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.TandemServer;
import dev.tandem.server.chat.Identity;
import dev.tandem.server.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The zero-config demo (demo accounts loaded at start, demo tokens), the admin card and the admin import over HTTP. */
class AccountRestIT {

    private static final String ADMIN = "rest-test-admin-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    static TandemServer server;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = TandemServer.start(TestServers.config(dataDir, Map.of("TANDEM_ADMIN_TOKEN", ADMIN)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body, boolean admin) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) request.header("Content-Type", contentType);
        if (admin) request.header("Authorization", "Bearer " + ADMIN);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_demo_storefront_gets_a_short_lived_token_for_a_demo_contact() throws Exception {
        // when
        var response = send("GET", "/api/demo/identity-token?contact=c-pn-001", null, null, false);

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode body = JSON.readTree(response.body());
        assertThat(new IdentityTokens(ServerConfig.DEMO_IDENTITY_SECRET).verify(body.path("token").asText()))
                .contains(new Identity("acc-phuongnam", "c-pn-001", "Nguyễn Văn Phúc"));
        assertThat(body.path("expiresInSeconds").asLong()).isLessThanOrEqualTo(3600);
        assertThat(send("GET", "/api/demo/identity-token?contact=c-nobody", null, null, false).statusCode()).isEqualTo(404);
    }

    @Test
    void the_admin_sees_the_account_card_of_a_demo_account_loaded_at_start() throws Exception {
        var response = send("GET", "/api/admin/accounts/acc-lotushotels", null, null, true);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode card = JSON.readTree(response.body());
        assertThat(card.path("company").asText()).isEqualTo("Lotus Hotels & Resorts");
        assertThat(card.path("accountManager").asText()).isEqualTo("Lê Hoàng Nam");
        assertThat(card.path("dedicatedSupport").asText()).contains("Võ Thành Đạt");
        JsonNode contract = card.path("contractsInForce").path(0);
        assertThat(contract.path("number").asText()).isEqualTo("LH-2026-002");
        assertThat(contract.path("slaTier").asText()).isEqualTo("Platinum");
        assertThat(contract.path("firstResponseMinutes").asInt()).isEqualTo(30);
        assertThat(contract.path("start").asText()).isEqualTo("2026-01-15");
        assertThat(card.path("contacts").toString()).contains("linh.truong@lotushotels.vn");
        assertThat(send("GET", "/api/admin/accounts/acc-nope", null, null, true).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/admin/accounts/acc-lotushotels", null, null, false).statusCode()).isEqualTo(401);
    }

    @Test
    void the_admin_imports_csv_and_json_and_gets_every_error_with_its_line() throws Exception {
        // a CSV of contacts: inserted, then updated on a second post
        String csv = "id,account_id,name,email\nc-xm-002,acc-xanhmart,Phan Minh Khoa,khoa.phan@xanhmart.vn\n";
        var first = send("POST", "/api/admin/import?kind=contacts", "text/csv", csv, true);
        var again = send("POST", "/api/admin/import?kind=contacts", "text/csv", csv, true);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).path("imported").path("contacts").path("inserted").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(again.body()).path("imported").path("contacts").path("updated").asInt()).isEqualTo(1);
        assertThat(send("GET", "/api/admin/accounts/acc-xanhmart", null, null, true).body()).contains("khoa.phan@xanhmart.vn");

        // a JSON bundle with one good and one bad row: 422, nothing imported
        String json = "{\"accounts\": [\n{\"id\": \"acc-new\", \"company\": \"New Co\"},\n{\"id\": \"acc-bad\"}\n]}";
        var rejected = send("POST", "/api/admin/import", "application/json", json, true);
        assertThat(rejected.statusCode()).isEqualTo(422);
        JsonNode errors = JSON.readTree(rejected.body()).path("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.path(0).path("line").asInt()).isEqualTo(3);
        assertThat(errors.path(0).path("message").asText()).contains("company is required");
        assertThat(send("GET", "/api/admin/accounts/acc-new", null, null, true).statusCode()).isEqualTo(404);

        // without the admin token nothing is imported
        assertThat(send("POST", "/api/admin/import", "application/json", "{\"accounts\":[{\"id\":\"acc-x\",\"company\":\"X\"}]}", false)
                .statusCode()).isEqualTo(401);
    }
}
