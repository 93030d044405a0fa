package dev.tandem.server.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Group commit: appends from many conversations that arrive together are written by one writer
 * thread in one transaction and made durable by one commit; each caller returns (and may ack)
 * only after that commit. A failing append rolls back to its own savepoint and fails alone; a
 * failing commit fails every append of the batch, none of which was acknowledged.
 */
final class GroupCommit {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** One unit of work, run inside the batch's transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws Exception;
    }

    /** Called when the database itself failed (not one statement), with the batch's connection. */
    interface BrokenHandler {
        boolean handle(Connection connection, Exception failure);
    }

    private record Job(Work<?> work, CompletableFuture<Object> result) {}

    private final DataSource dataSource;
    private final int maxBatch;
    private final BrokenHandler broken;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();

    GroupCommit(DataSource dataSource, int maxBatch, BrokenHandler broken) {
        this.dataSource = dataSource;
        this.maxBatch = maxBatch;
        this.broken = broken;
        Thread.ofPlatform().daemon().name("store-writer").start(this::loop);
    }

    @SuppressWarnings("unchecked")
    <T> T write(Work<T> work) throws Exception {
        var result = new CompletableFuture<Object>();
        queue.add(new Job(work, result));
        try {
            return (T) result.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private void loop() {
        List<Job> batch = new ArrayList<>(maxBatch);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, maxBatch - 1);
            runBatch(batch);
            batch.clear();
        }
    }

    private void runBatch(List<Job> batch) {
        List<Job> done = new ArrayList<>(batch.size());
        List<Object> results = new ArrayList<>(batch.size());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Job job : batch) {
                    Savepoint savepoint = batch.size() == 1 ? null : c.setSavepoint();
                    try {
                        results.add(job.work().run(c));
                        done.add(job);
                    } catch (Exception e) {
                        if (broken.handle(c, e)) throw e;
                        if (savepoint != null) c.rollback(savepoint); else c.rollback();
                        job.result().completeExceptionally(e);
                    }
                }
                c.commit();
            } catch (Exception e) {
                if (!broken.handle(c, e)) c.rollback();
                throw e;
            }
        } catch (Exception e) {
            for (Job job : batch) job.result().completeExceptionally(e); // no-op for the ones already failed
            if (batch.size() > 1) log.debug("batch of {} not committed: {}", batch.size(), e.toString());
            return;
        } catch (Throwable fatal) {
            batch.forEach(job -> job.result().completeExceptionally(fatal));
            throw fatal;
        }
        for (int i = 0; i < done.size(); i++) done.get(i).result().complete(results.get(i));
    }
}
