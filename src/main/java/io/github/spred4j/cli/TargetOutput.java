package io.github.spred4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.spred4j.io.AtomicFiles;
import io.github.spred4j.io.CoefFile;
import io.github.spred4j.io.CsvReader;
import io.github.spred4j.io.Numbers;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.PathResult;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The output of fit and path with several responses (one model per target column). With one target the
 * commands write exactly what they always wrote; these layouts apply from two targets on.
 */
final class TargetOutput {
    private TargetOutput() {
    }

    /** fit: {@code name,<target 1>,...,<target k>}; (Intercept) first, then one row per feature. */
    static void writeCoef(Path file, String[] targets, FitResult[] fits, Dataset d) throws IOException {
        double[] b0 = new double[fits.length];
        double[][] beta = new double[fits.length][];
        for (int t = 0; t < fits.length; t++) {
            b0[t] = fits[t].intercept();
            beta[t] = fits[t].beta();
        }
        CoefFile.write(file, targets, b0, PathCommand.names(d), beta);
    }

    /**
     * path: the one-target table with a leading {@code target} column, k blocks of rows (target 1's λ from
     * largest to smallest, then target 2's, ...): target,lambda,nnz,objective,certificate,(Intercept),x1..xp.
     */
    static void writePath(Path file, String[] targets, PathResult[] paths, Dataset d) throws IOException {
        String[] names = PathCommand.names(d);
        AtomicFiles.writeText(file, w -> {
            w.write("target,lambda,nnz,objective,certificate," + CoefFile.INTERCEPT);
            for (String s : names) w.write("," + CsvReader.quote(s));
            w.write("\n");
            for (int t = 0; t < paths.length; t++)
                for (FitResult f : paths[t].fits()) {
                    w.write(CsvReader.quote(targets[t]) + "," + Numbers.format(f.lambda()) + "," + f.nnz() + ","
                            + Numbers.format(f.objective()) + "," + Numbers.format(f.certificate()) + "," + Numbers.format(f.intercept()));
                    for (double b : f.beta()) w.write("," + Numbers.format(b));
                    w.write("\n");
                }
        });
    }

    /** The JSON array of per-target summaries: {"target": name, ...fields of the fit, "certified": bool}. */
    static ArrayNode fits(String[] targets, FitResult[] fits, double[] lambdaMax, double tol) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (int t = 0; t < fits.length; t++) {
            ObjectNode o = Json.object();
            o.put("target", targets[t]);
            o.setAll(Json.fit(fits[t]));
            if (lambdaMax != null) o.put("lambda_max", lambdaMax[t]);
            o.put("certified", fits[t].certificate() <= tol);
            a.add(o);
        }
        return a;
    }
}
