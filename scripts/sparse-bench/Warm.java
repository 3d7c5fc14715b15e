// Warm fits in one JVM (JIT warmed), for the sparse benchmark: javac -cp JAR Warm.java; OMP_NUM_THREADS=1 taskset -c 0 java -cp JAR:. Warm x.mtx y.txt SQUARED|LOGISTIC
import io.github.spred4j.api.*;
import io.github.spred4j.data.*;
import io.github.spred4j.io.DataLoader;
import io.github.spred4j.solver.*;
import java.nio.file.Path;

public class Warm {
    public static void main(String[] a) throws Exception {
        Dataset d = DataLoader.load(Path.of(a[0]), Path.of(a[1]), null);
        Model m = Model.valueOf(a[2]);
        FitOptions o = FitOptions.defaults(m).withTol(1e-7);
        double lam = 0.1 * Spred.lambdaMax(d, o);
        try (Context ctx = Backends.get("native").open()) {
            for (int r = 0; r < 4; r++) {
                long t0 = System.nanoTime();
                FitResult f = Spred.fit(ctx, d, o.withLambda(lam));
                System.out.printf("%s run %d: %.3f s wall, %.3f s reported, objective %.12g, nnz %d, gap %.2e%n", m, r, (System.nanoTime() - t0) / 1e9, f.seconds(), f.objective(), f.nnz(), f.certificate());
            }
        }
    }
}
