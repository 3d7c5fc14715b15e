package io.github.spred4j.solver;

import io.github.spred4j.api.Context;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The driver of the spred solver. Phase 1 minimises the spred objective of k stacked problems (one per λ) jointly
 * ({@link SpredLbfgs}; {@link SpredFirstOrder} for one problem and Method SGD, MOMENTUM or ADAM). Phase 2, per
 * problem: exact zeros and the active-set Newton polish ({@link SpredPolish}). Phase 3: the float64 certificate
 * on the zeroed vector; if it misses the tolerance, phase 1 resumes from the polished point with a longer round.
 * maxIter bounds the phase-1 iterations: reaching it returns the certificate achieved. λ ≥ λ_max is answered
 * exactly (β = 0, the intercept of the null model) without a round.
 */
final class SpredRounds {
    private SpredRounds() {
    }

    /** A solution in internal coordinates, to warm-start the next fit. */
    record Warm(double c, double[] b) {
    }

    /** Fits at the given λ on an engine whose data are already on the device. */
    static FitResult[] solve(SpredEngine e, double[] lambdas, Warm[] warm, Warm[] warmOut) {
        Problem pb0 = e.pb;
        long t0 = pb0.started; // issue 12 item 8: the whole computation after loading, upload included
        int k = lambdas.length;
        Problem[] pbs = new Problem[k];
        for (int j = 0; j < k; j++) pbs[j] = pb0.withLambda(lambdas[j]);
        FitResult[] out = new FitResult[k];
        double lmax = e.lambdaMax;
        List<Integer> todo = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            if (lambdas[j] >= lmax) {   // exact zero vector, intercept at the null model
                double c = pb0.nullIntercept();
                double[] b = new double[pb0.p];
                out[j] = e.result(pbs[j], c, b, 0, t0);
                if (warmOut != null) warmOut[j] = new Warm(c, b);
            } else todo.add(j);
        }
        if (!todo.isEmpty()) {
            int kk = todo.size();
            Problem[] sub = new Problem[kk];
            Warm[] w = new Warm[kk];
            for (int a = 0; a < kk; a++) {
                sub[a] = pbs[todo.get(a)];
                w[a] = warm == null ? null : warm[todo.get(a)];
            }
            Warm[] sol = new Warm[kk];
            FitResult[] r = run(e, sub, w, sol, t0);
            for (int a = 0; a < kk; a++) {
                out[todo.get(a)] = r[a];
                if (warmOut != null) warmOut[todo.get(a)] = sol[a];
            }
        }
        return out;
    }

    /** Rounds of phase 1 on the stacked problems, each followed by the polish and the certificate of every problem. */
    private static FitResult[] run(SpredEngine e, Problem[] pbs, Warm[] warm, Warm[] sol, long t0) {
        Context ctx = e.ctx;
        FitOptions o = e.o;
        boolean hasC = e.hasC;
        int p = e.p;
        int k = pbs.length;
        FitResult[] res = new FitResult[k];
        double[] bestCert = new double[k];
        Arrays.fill(bestCert, Double.POSITIVE_INFINITY);
        int[] newtonIts = new int[k];
        double[] prevCert = new double[k];
        Arrays.fill(prevCert, Double.POSITIVE_INFINITY);
        try (SpredStack st = new SpredStack(e, pbs)) {
            SpredPoint x = st.newPoint();
            double[] uh = new double[st.m * k], wh = new double[p * k];
            for (int j = 0; j < k; j++) {
                Warm w0 = warm != null && warm[j] != null ? warm[j] : null;
                double c = w0 != null ? w0.c() : pbs[j].nullIntercept();
                double[] b = w0 != null ? w0.b() : new double[p];
                if (hasC) x.c[j] = c;
                initSpred(e, pbs[j], c, b, uh, wh, j, st.m);
            }
            x.u.copyFrom(uh);
            x.w.copyFrom(wh);
            // a warm start (path) is usually near the answer: a short first round, then the polish decides
            boolean warmStart = warm != null && Arrays.stream(warm).allMatch(w0 -> w0 != null);
            int round = warmStart ? 20 : 100, total = 0, rounds = 0;
            boolean[] done = new boolean[k];
            while (true) {
                int budget = Math.min(round, o.maxIter() - total);
                int it = budget <= 0 ? 0 : (o.method() == Method.LBFGS || k > 1 ? SpredLbfgs.run(st, x, budget, e.prec) : SpredFirstOrder.run(e, st, x, budget));
                total += it;
                // phase 2 and 3 per problem
                if (st.groups != null) ctx.groupHadamard(st.v, x.u, x.w, st.groups);
                else ctx.hadamard(st.v, x.u, x.w);
                double[] vh = st.v.toDoubleArray();
                boolean all = true;
                for (int j = 0; j < k; j++) {
                    if (done[j]) continue;
                    double c = hasC ? x.c[j] : pbs[j].nullIntercept();
                    double[] b = Arrays.copyOfRange(vh, j * p, (j + 1) * p);
                    SpredPolish.Polished pl = SpredPolish.run(e, pbs[j], c, b);
                    newtonIts[j] += pl.iterations();
                    if (pl.cert().certificate() < bestCert[j] || res[j] == null) {
                        bestCert[j] = pl.cert().certificate();
                        res[j] = e.result(pbs[j], pl, total + newtonIts[j], t0);
                        if (sol != null) sol[j] = new Warm(pl.c(), pl.b());
                    }
                    if (bestCert[j] <= o.tol()) done[j] = true;
                    else {
                        all = false;
                        // resume phase 1 from the polished point
                        initSpred(e, pbs[j], pl.c(), pl.b(), uh, wh, j, st.m);
                        if (hasC) x.c[j] = pl.c();
                    }
                }
                // stop when a whole round improved no unfinished certificate by 10x: the working precision
                // (float32) or maxIter is the limit; the best certificate reached is reported, never success
                boolean progress = false;
                for (int j = 0; j < k; j++) if (!done[j] && bestCert[j] < 0.1 * prevCert[j]) progress = true;
                for (int j = 0; j < k; j++) prevCert[j] = bestCert[j];
                rounds++;
                if (all || total >= o.maxIter() || it == 0 && rounds > 1 || !progress && rounds > 1) break;
                // continue every unfinished problem from its polished point (finished ones stay where they are)
                double[] uCur = x.u.toDoubleArray(), wCur = x.w.toDoubleArray();
                for (int j = 0; j < k; j++)
                    if (!done[j]) {
                        System.arraycopy(uh, j * st.m, uCur, j * st.m, st.m);
                        System.arraycopy(wh, j * p, wCur, j * p, p);
                    }
                x.u.copyFrom(uCur);
                x.w.copyFrom(wCur);
                round = Math.max(2 * round, 100);
            }
        }
        return res;
    }

    /** u, w from b (internal, standardised): V = U⊙W = b, |U| = |W| (group: u_g = √‖b_g‖); zeros get a small seed. */
    private static void initSpred(SpredEngine e, Problem q, double c, double[] b, double[] uh, double[] wh, int j, int m) {
        int p = e.p;
        double[] G = e.evalHost(q, c, b).grad();
        double la = q.lambda * q.alpha;
        for (int g = 0; g < q.groupCount(); g++) {
            double nb = 0, ng = 0, cn = 0;
            for (int i = q.gStart(g); i < q.gEnd(g); i++) {
                nb += b[i] * b[i];
                ng += G[i] * G[i];
                cn = Math.max(cn, q.colNorm[i]);
            }
            nb = Math.sqrt(nb);
            ng = Math.sqrt(ng);
            // seed: the size of a first-order step of the coordinate (or group) from zero, damped
            double seed = Math.max(ng - la * q.weight(g), 0) / Math.max(cn * cn, 1e-300);
            double tiny = 1e-3 * Math.max(seed, 1e-6 * (ng > 0 ? ng / Math.max(cn * cn, 1e-300) : 1));
            if (e.pb.model == Model.GROUP) {
                double ug = Math.sqrt(nb > 0 ? nb : tiny);
                uh[j * m + g] = ug;
                for (int i = q.gStart(g); i < q.gEnd(g); i++)
                    wh[j * p + i] = nb > 0 ? b[i] / ug : -ug * (ng > 0 ? G[i] / ng : 1 / Math.sqrt(q.gEnd(g) - q.gStart(g)));
            } else {
                int i = g;
                double a = b[i] != 0 ? Math.abs(b[i]) : tiny;
                double s = b[i] != 0 ? Math.signum(b[i]) : (G[i] > 0 ? -1 : 1);
                uh[j * m + i] = s * Math.sqrt(a);
                wh[j * p + i] = Math.sqrt(a);
            }
        }
    }
}
