package io.github.spred4j.spark;

import io.github.spred4j.data.LossFamily;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The executor side of the working-set engine: each partition packed once into a {@link Block}, kept in a JVM-wide
 * map keyed by fit id, RDD id and partition. A pass on a partition whose block is missing (first pass, a task
 * rescheduled on another executor, an executor lost) packs the rows again from the iterator Spark hands the task,
 * so the answer does not depend on where tasks run; a hit does not touch the iterator.
 */
final class BlockCache {
    private BlockCache() {
    }

    private static final Map<String, Block> CACHE = new ConcurrentHashMap<>();

    /**
     * Test hook (local mode only, where executors share the driver's JVM): the first attempt of partition 0's task
     * in this pass number throws, and when {@link #dropOnFailure} is set its block is dropped first, as if the
     * task had been lost with its executor. Spark reschedules the task (spark.task.maxFailures &gt; 1).
     */
    static volatile int failPass = -1;
    static volatile boolean dropOnFailure;
    /** How many failures the hook injected (tests check that the retry path really ran). */
    static final java.util.concurrent.atomic.AtomicInteger INJECTED = new java.util.concurrent.atomic.AtomicInteger();

    /** Runs one pass on one partition: its sums (a single element). */
    static Iterator<PassSums> pass(PassSpec q, Iterator<Row> rows) {
        TaskContext tc = TaskContext.get();
        int part = tc == null ? 0 : tc.partitionId();
        String key = q.fitId() + ":" + q.rddId() + ":" + part;
        LossFamily fam = family(q.family());
        if (q.passNo() == failPass && part == 0 && tc != null && tc.attemptNumber() == 0) {
            if (dropOnFailure) {
                Block gone = CACHE.remove(key);
                if (gone != null) gone.close();
            }
            INJECTED.incrementAndGet();
            throw new IllegalStateException("injected failure of the first attempt (pass " + q.passNo() + ")");
        }
        Block b = CACHE.get(key);
        if (b == null) {
            Block fresh = Block.pack(rows, q.p(), fam, q.weightIndex());
            b = CACHE.putIfAbsent(key, fresh); // a speculative twin may have packed the same partition
            if (b == null) b = fresh;
            else fresh.close();
        }
        return List.of(b.compute(q, fam)).iterator();
    }

    /** Frees every block of a fit held by this JVM (returns how many). */
    static int release(String fitId) {
        int k = 0;
        for (String key : CACHE.keySet())
            if (key.startsWith(fitId + ":")) {
                Block b = CACHE.remove(key);
                if (b != null) {
                    b.close(); // its device copy, if any
                    k++;
                }
            }
        return k;
    }

    /** Blocks this JVM holds (tests). */
    static int size() {
        return CACHE.size();
    }

    /** The core's family of a name sent in a {@link PassSpec}. */
    static LossFamily family(String name) {
        for (LossFamily f : new LossFamily[]{LossFamily.SQUARED, LossFamily.LOGISTIC, LossFamily.POISSON})
            if (f.name().equals(name)) return f;
        throw new IllegalArgumentException("unknown loss family '" + name + "'");
    }
}
