package io.github.spred4j.solver;

/**
 * A move of the squared-loss state (naive mode) from b to a nearby point, taken only if it lowers the objective P,
 * with the change ΔP computed from the step itself: Δρ = −X_J·δ accumulated from zero, then
 * ΔP = (Δr·r + ‖Δr‖²/2)/n + λα·Σ(|b'_j| − |b_j|) + λ(1−α)/2·Σ δ_j(b'_j + b_j), never as P(b') − P(b). Near the
 * optimum the two objectives agree to more digits than float64 holds (P to 1e-16 relative), while the certificate
 * needs the KKT conditions to ~1e-10 relative (a gap of 1e-6 at the near-least-squares end of a path): a test on the
 * two objectives rejects every late extrapolation as "no decrease", exactly where the sweeps spend their time.
 * Costs one axpy per moved column (as rebuilding the residual did) and O(n); a rejected move costs no pass back.
 */
final class ExactStep {
    private ExactStep() {
    }

    /** A candidate move: the residual change Δρ, the change of x̄ᵀβ, and ΔP computed from them. */
    record Move(double[] dRho, double dxb, double dP) {
    }

    /** Moves b_J to v (v[a] for column J[a]) if that lowers P at (la, mu); returns whether it moved. */
    static boolean take(Inner st, int[] J, double[] v, double la, double mu) {
        Move m = of(st, J, v, la, mu);
        if (m == null || !(m.dP() < 0)) return false;
        st.shift(m.dRho(), m.dxb(), J, v);
        return true;
    }

    /** The move b_J → v, the state left as it is; null if nothing moves. */
    static Move of(Inner st, int[] J, double[] v, double la, double mu) {
        if (!st.quadratic || st.covariance()) throw new IllegalStateException("ExactStep: squared loss in naive mode only");
        Prepared pb = st.pb;
        int n = pb.n;
        double[] dRho = new double[n];
        double dxb = 0, dPen = 0;
        boolean any = false;
        for (int a = 0; a < J.length; a++) {
            int j = J[a];
            double b0 = st.b[j], d = v[a] - b0;
            if (d == 0) continue;
            any = true;
            double db = d / pb.scale[j];
            st.addColumn(dRho, -db, j);
            dxb += pb.xbar[j] * db;
            dPen += la * (Math.abs(v[a]) - Math.abs(b0)) + mu / 2 * d * (v[a] + b0);
        }
        if (!any) return null;
        // r = ρ + x̄ᵀβ (implicit centring), so Δr = Δρ + Δ(x̄ᵀβ); the loss is ‖r‖²/(2n)
        double dLoss = 0, xb = st.xbBeta;
        for (int i = 0; i < n; i++) {
            double dr = dRho[i] + dxb;
            dLoss += dr * (st.res[i] + xb + dr / 2);
        }
        return new Move(dRho, dxb, dLoss / n + dPen);
    }
}
