// Warm fits in one JVM (JIT warmed), for the sparse benchmark:
//   javac -cp JAR Warm.java; OMP_NUM_THREADS=1 taskset -c 0 java -cp JAR:. Warm X Y SQUARED|LOGISTIC [RATIO [RUNS [OUT.csv]]]
// X: .mtx or .npz. lambda = RATIO * lambda_max (default 0.1), tol 1e-7, native backend. Per fit: wall seconds and
// this thread's CPU seconds (ThreadMXBean: the fit runs on this thread, native calls included; robust on a loaded
// machine), objective, nnz, certificate. Run 0 starts from a cleared CSC cache (the transpose of the CSR and its
// validation included, as a one-off fit of a fresh dataset); later runs reuse the CSC, as glmnet is handed its
// dgCMatrix. OUT.csv: the last fit's coefficients in the CLI's CSV (name,value; intercept first).
import io.github.spred4j.api.*;
import io.github.spred4j.data.*;
import io.github.spred4j.io.DataLoader;
import io.github.spred4j.solver.*;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

public class Warm {
    public static void main(String[] a) throws Exception {
        Dataset d = DataLoader.load(Path.of(a[0]), Path.of(a[1]), null);
        Model m = Model.valueOf(a[2]);
        double ratio = a.length > 3 ? Double.parseDouble(a[3]) : 0.1;
        int runs = a.length > 4 ? Integer.parseInt(a[4]) : 6;
        FitOptions o = FitOptions.defaults(m).withTol(1e-7);
        double lam = ratio * Spred.lambdaMax(d, o);
        ThreadMXBean tb = ManagementFactory.getThreadMXBean();
        FitResult f = null;
        try (Context ctx = Backends.get("native").open()) {
            for (int r = 0; r < runs; r++) {
                if (r == 0) SparseCache.clear();
                long t0 = System.nanoTime(), c0 = tb.getCurrentThreadCpuTime();
                f = Spred.fit(ctx, d, o.withLambda(lam));
                double cpu = (tb.getCurrentThreadCpuTime() - c0) / 1e9, wall = (System.nanoTime() - t0) / 1e9;
                System.out.printf("spred4j %s run %d%s: wall %.3f s, cpu %.3f s, objective %.12g, nnz %d, %s %.2e%n", m, r,
                        r == 0 ? " (CSC built)" : "", wall, cpu, f.objective(), f.nnz(), f.certificateName(), f.certificate());
            }
        }
        if (a.length > 5) {
            StringBuilder s = new StringBuilder("name,value\n(Intercept),").append(f.intercept()).append('\n');
            for (int j = 0; j < f.beta().length; j++) s.append('x').append(j + 1).append(',').append(f.beta()[j]).append('\n');
            Files.writeString(Path.of(a[5]), s);
        }
    }
}
