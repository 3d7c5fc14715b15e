package io.github.spred4j.spark;

import io.github.spred4j.data.Dataset;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.Model;
import io.github.spred4j.solver.Spred;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real multi-process Spark cluster: the test launches a standalone master and one worker on 127.0.0.1 as separate
 * JVMs (the Maven test classpath, no Spark distribution: SPARK_TESTING + SPARK_DIST_CLASSPATH let the worker build
 * the executor's command), connects to it, and fits on executors that are other JVMs; then kills the executor JVM
 * and fits again on the replacement (rescheduled tasks, repacked partitions, same answer). Opt-in
 * ({@code -Dspred4j.cluster=true}): three extra JVMs are too heavy for every CI run.
 */
class StandaloneClusterTest {

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static Process launch(Path dir, String name, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path")));
        cmd.addAll(List.of(System.getProperty("spark.jvm.opens", "").split(" ")).stream().filter(s -> !s.isBlank()).toList());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", dir.toString());
        env.put("SPARK_TESTING", "1");           // no distribution layout needed ...
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_DIST_CLASSPATH", System.getProperty("java.class.path")); // ... executors get the test classpath
        return pb.start();
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 30, unit = TimeUnit.MINUTES) // a hang fails, with the logs, instead of blocking CI
    void fitsOnExecutorsInOtherJvms(@TempDir Path dir) throws Exception {
        assumeTrue(Boolean.getBoolean("spred4j.cluster"), "multi-process cluster: run with -Dspred4j.cluster=true");
        int port = freePort();
        String master = "spark://127.0.0.1:" + port;
        Process m = null, w = null;
        SparkSession spark = null;
        try {
            int ui = freePort();
            m = launch(dir, "master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", String.valueOf(port), "--webui-port", String.valueOf(ui)));
            w = launch(dir, "worker", List.of("org.apache.spark.deploy.worker.Worker", master, "--host", "127.0.0.1",
                    "--cores", "2", "--memory", "1g", "--webui-port", String.valueOf(freePort()),
                    "--work-dir", dir.resolve("work").toString()));
            // readiness, not sleeps: the driver's registration with the master gives up after 3 × 20 s (hard-coded in
            // Spark), so a master still starting on a loaded machine stopped the SparkContext while it was created.
            // The master's own status page says when it is ALIVE with a registered worker (the test classpath has
            // no logging binding, so the daemons' logs are empty).
            awaitMaster(ui, new Process[]{m, w}, dir, READY_S);
            spark = SparkSession.builder().master(master).appName("spred4j-cluster-test")
                    .config("spark.driver.host", "127.0.0.1").config("spark.ui.enabled", "false")
                    .config("spark.executor.memory", "512m").config("spark.cores.max", "2")
                    .config("spark.executor.extraJavaOptions", System.getProperty("spark.jvm.opens", ""))
                    // generous RPC and heartbeat limits: a loaded machine must not look like a lost executor
                    .config("spark.network.timeout", "600s").config("spark.executor.heartbeatInterval", "30s")
                    .config("spark.scheduler.maxRegisteredResourcesWaitingTime", "600s")
                    .config("spark.scheduler.minRegisteredResourcesRatio", "1.0")
                    .getOrCreate();
            java.util.Set<String> first = awaitExecutors(spark, java.util.Set.of(), READY_S);
            Dataset d = SpredSparkTest.synthetic(2000, 30, 6, 9, false);
            SpredSparkTest.spark = spark;
            org.apache.spark.sql.Dataset<Row> df = SpredSparkTest.frame(d, 4).cache();
            long driverPid = ProcessHandle.current().pid();
            List<Long> pids = df.javaRDD().map(r -> ProcessHandle.current().pid()).distinct().collect();
            System.out.println("cluster " + master + ": driver pid " + driverPid + ", executor pids " + pids);
            for (long pid : pids) assertNotEquals(driverPid, pid, "tasks ran in another JVM");

            double lambda = 0.05 * Spred.lambdaMax(d, FitOptions.defaults(Model.SQUARED));
            SpredLinearRegressionModel fit = new SpredLinearRegression().setRegParam(lambda).setTol(1e-10).fit(df);
            FitResult local = SpredSparkTest.local(d, Model.SQUARED, lambda, 1, false, 1e-10);
            System.out.printf("cluster fit: P=%.12g local %.12g, %d passes, gap %.1e%n", fit.objective(), local.objective(),
                    fit.passes(), fit.certificate());
            assertTrue(SpredSparkTest.rel(fit.objective(), local.objective()) <= 1e-8,
                    fit.objective() + " vs local " + local.objective());
            assertArrayEquals(SpredSparkTest.support(local.beta()), SpredSparkTest.support(fit.coefficients().toArray()));
            assertTrue(fit.certificate() <= 1e-10, "certificate " + fit.certificate());

            // lose the executor (its JVM, its packed partitions and the cached DataFrame blocks): the worker starts
            // a new one, the tasks are rescheduled there, the partitions are repacked, and the answer is unchanged
            for (long pid : pids) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            awaitExecutors(spark, first, READY_S); // the worker's replacement has registered with the driver
            SpredLinearRegressionModel again = new SpredLinearRegression().setRegParam(lambda).setTol(1e-10).fit(df);
            List<Long> after = df.javaRDD().map(r -> ProcessHandle.current().pid()).distinct().collect();
            System.out.printf("after losing executor %s: executors %s, P=%.12g, %d passes%n", pids, after,
                    again.objective(), again.passes());
            for (long pid : after) assertTrue(!pids.contains(pid) && pid != driverPid, "a new executor JVM: " + after);
            assertTrue(SpredSparkTest.rel(again.objective(), fit.objective()) <= 1e-12, again.objective() + " vs " + fit.objective());
            assertArrayEquals(SpredSparkTest.support(fit.coefficients().toArray()), SpredSparkTest.support(again.coefficients().toArray()));
            assertTrue(again.certificate() <= 1e-10, "certificate " + again.certificate());
        } finally {
            if (spark != null) spark.stop();
            SpredSparkTest.spark = null;
            for (Process p : new Process[]{w, m}) {
                if (p == null) continue;
                p.destroy();
                if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
            }
            for (String n : new String[]{"master", "worker"}) {
                File f = dir.resolve(n + ".log").toFile();
                if (f.exists()) System.out.println("---- " + n + " log (tail)\n" + tail(f.toPath()));
            }
        }
    }

    /** Seconds a start-up step may take on a loaded machine before the test fails (with the logs' tails). */
    static final int READY_S = Integer.getInteger("spred4j.cluster.readySeconds", 300);

    /**
     * Waits until the master's status page (its web UI's /json/) says ALIVE with one ALIVE worker; fails at once if a
     * daemon died, or after the limit, with the last status seen and the logs' tails.
     */
    static void awaitMaster(int ui, Process[] daemons, Path dir, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + ui + "/json/");
        java.util.regex.Pattern alive = java.util.regex.Pattern.compile("\"status\"\\s*:\\s*\"ALIVE\"");
        java.util.regex.Pattern workers = java.util.regex.Pattern.compile("\"aliveworkers\"\\s*:\\s*([0-9]+)");
        String last = "(no answer)";
        while (true) {
            try {
                java.net.HttpURLConnection c = (java.net.HttpURLConnection) uri.toURL().openConnection();
                c.setConnectTimeout(5000);
                c.setReadTimeout(10000);
                try (java.io.InputStream in = c.getInputStream()) {
                    last = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
                java.util.regex.Matcher k = workers.matcher(last);
                if (alive.matcher(last).find() && k.find() && Integer.parseInt(k.group(1)) >= 1) return;
            } catch (IOException notYet) {
                last = "(no answer: " + notYet + ")";
            }
            for (int d = 0; d < daemons.length; d++)
                if (!daemons[d].isAlive())
                    throw new AssertionError((d == 0 ? "master" : "worker") + " exited (" + daemons[d].exitValue() + ") before the cluster was ready\n"
                            + tail(dir.resolve((d == 0 ? "master" : "worker") + ".log")));
            if (System.nanoTime() > end)
                throw new AssertionError("the master is not ALIVE with a worker after " + seconds + " s; its status: "
                        + last.replaceAll("\\s+", " ") + "\n" + tail(dir.resolve("master.log")) + "\n" + tail(dir.resolve("worker.log")));
            Thread.sleep(250);
        }
    }

    /** Waits until an executor not in {@code old} has registered with the driver; returns the executors then. */
    static java.util.Set<String> awaitExecutors(SparkSession spark, java.util.Set<String> old, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        String driver = org.apache.spark.SparkEnv.get().blockManager().blockManagerId().hostPort(); // listed too
        while (true) {
            java.util.Set<String> now = new java.util.HashSet<>();
            for (org.apache.spark.SparkExecutorInfo e : spark.sparkContext().statusTracker().getExecutorInfos())
                if (!(e.host() + ":" + e.port()).equals(driver)) now.add(e.host() + ":" + e.port());
            if (now.stream().anyMatch(e -> !old.contains(e))) return now;
            if (System.nanoTime() > end) throw new AssertionError("no new executor registered after " + seconds + " s: " + now);
            Thread.sleep(250);
        }
    }

    static String tail(Path f) throws IOException {
        if (!Files.exists(f)) return "(no " + f.getFileName() + ")";
        List<String> lines = Files.readAllLines(f);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
