package dev.tandem.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** One health check per dependency; the server is up only when every check is. */
public final class HealthChecks {

    /** The state of one dependency, with details for operators. */
    public record Status(boolean up, Map<String, Object> details) {}

    private final Map<String, Supplier<Status>> checks = new LinkedHashMap<>();

    public HealthChecks add(String name, Supplier<Status> check) {
        checks.put(name, check);
        return this;
    }

    /** Runs every check; a check that throws counts as down. */
    public Map<String, Status> run() {
        Map<String, Status> result = new LinkedHashMap<>();
        checks.forEach((name, check) -> {
            Status status;
            try {
                status = check.get();
            } catch (RuntimeException e) {
                status = new Status(false, Map.of("error", e.getClass().getSimpleName()));
            }
            result.put(name, status);
        });
        return result;
    }
}
