package dev.tandem.server.store;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.sql.Connection;

/** A migration that changes an H2 database only: on PostgreSQL it is recorded and does nothing. */
abstract class H2Migration implements JavaMigration {

    private final int version;
    private final String description;

    H2Migration(int version, String description) {
        this.version = version;
        this.description = description;
    }

    /** The change, on an H2 connection inside the migration's transaction. */
    abstract void migrateH2(Connection c) throws Exception;

    @Override
    public final MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(Integer.toString(version));
    }

    @Override
    public final String getDescription() {
        return description;
    }

    @Override
    public final Integer getChecksum() {
        return version;
    }

    @Override
    public final boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public final void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        if ("H2".equals(c.getMetaData().getDatabaseProductName())) migrateH2(c);
    }
}
