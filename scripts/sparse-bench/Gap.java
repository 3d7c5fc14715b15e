// The certificate spred4j stops its fits by (Certificates.of: signed relative duality gap, float64, X kept sparse),
// of any tool's answer: javac -cp JAR Gap.java; java -cp JAR:. Gap X Y SQUARED|LOGISTIC LAMBDA COEF...
// COEF: one value a line (intercept, then beta: glmnet's and scikit-learn's files) or spred4j's CSV (name,value).
import io.github.spred4j.data.Dataset;
import io.github.spred4j.io.DataLoader;
import io.github.spred4j.solver.Certificates;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.Model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

public class Gap {
    public static void main(String[] a) throws Exception {
        Dataset d = DataLoader.load(Path.of(a[0]), Path.of(a[1]), null);
        Model m = Model.valueOf(a[2]);
        double lam = Double.parseDouble(a[3]);
        FitOptions o = FitOptions.defaults(m);
        for (int f = 4; f < a.length; f++) {
            List<String> lines = Files.readAllLines(Path.of(a[f]));
            boolean csv = a[f].endsWith(".csv");
            double[] c = lines.stream().skip(csv ? 1 : 0).filter(s -> !s.isBlank())
                    .mapToDouble(s -> Double.parseDouble(csv ? s.substring(s.lastIndexOf(',') + 1) : s.trim())).toArray();
            double[] beta = java.util.Arrays.copyOfRange(c, 1, c.length);
            Certificates.Certificate cert = Certificates.of(d, o, lam, c[0], beta);
            System.out.printf("%s: objective %.15g, %s %.3e%n", Path.of(a[f]).getFileName(), cert.objective(), cert.name(), cert.value());
        }
    }
}
