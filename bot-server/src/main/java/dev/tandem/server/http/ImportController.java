package dev.tandem.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.server.accounts.importing.AccountImporter;
import dev.tandem.server.accounts.importing.ImportRejected;
import dev.tandem.server.accounts.importing.ImportSource;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /api/admin/import} (behind AdminAuth): the body is a JSON bundle
 * ({@code Content-Type: application/json}) or one CSV file ({@code text/csv}, with {@code ?kind=}).
 * 200 with the counts, or 422 with every error and its line; nothing is half-imported.
 */
final class ImportController {

    private static final int MAX_BYTES = 10 * 1024 * 1024;

    private final AccountImporter importer;
    private final ObjectMapper json;

    ImportController(AccountImporter importer, ObjectMapper json) {
        this.importer = importer;
        this.json = json;
    }

    /** The route, served by the controller {@code controller} gives at request time. */
    static void routes(RoutesConfig routes, Supplier<ImportController> controller) {
        routes.post("/api/admin/import", ctx -> controller.get().importFile(ctx));
    }

    void importFile(Context ctx) throws Exception {
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_BYTES) {
            ctx.status(413).contentType("application/json").result(json.writeValueAsString(
                    Map.of("error", "too_large", "message", "import files are limited to " + MAX_BYTES + " bytes")));
            return;
        }
        String contentType = ctx.contentType() == null ? "" : ctx.contentType();
        String kind = ctx.queryParam("kind");
        String name = contentType.startsWith("text/csv") ? (kind == null ? "upload" : kind) + ".csv" : "upload.json";
        try {
            var report = importer.importAll(List.of(new ImportSource(name, kind, body)));
            Map<String, Object> counts = new LinkedHashMap<>();
            report.kinds().forEach((k, c) -> counts.put(k, Map.of("inserted", c.inserted(), "updated", c.updated())));
            ctx.contentType("application/json").result(json.writeValueAsString(Map.of("imported", counts)));
        } catch (ImportRejected e) {
            var errors = e.errors().stream().map(x -> Map.<String, Object>of("line", x.line(), "message", x.message())).toList();
            ctx.status(422).contentType("application/json").result(json.writeValueAsString(
                    Map.of("error", "import_rejected", "message", "nothing was imported", "errors", errors)));
        }
    }
}
