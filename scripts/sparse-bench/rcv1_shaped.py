#!/usr/bin/python3
"""Seeded rcv1-shaped synthetic for the sparse benchmark, written once for every tool.

  /usr/bin/python3 rcv1_shaped.py DIR [n p perRow seed]

About perRow nonzeros a row, Zipf-like column popularity (weight 1/(j+10)), tf-idf-like values (1+log tf times
idf), L2-normalised rows; y_sq = X·beta + noise (40 true features), y_bin = 1[X·beta + logistic noise > 0].
Writes DIR/x.mtx (MatrixMarket, what Matrix::readMM and spred4j --x read), the same X as DIR/x.npz (CSR) and
DIR/csc_{p,i,x}.bin (raw CSC arrays for R's readBin) with DIR/shape.txt, DIR/y_sq.txt, DIR/y_bin.txt and
DIR/lambdas.txt (glmnet lambda_max of each response with intercept, standardize off).
"""
import sys, os
import numpy as np
import scipy.sparse as sp
import scipy.io

d = sys.argv[1]
n, p, per, seed = (int(v) for v in (sys.argv[2:6] if len(sys.argv) > 5 else (20000, 50000, 75, 1)))
rng = np.random.default_rng(seed)
w = 1.0 / (np.arange(p) + 10.0)
cdf = np.cumsum(w); cdf /= cdf[-1]
lens = np.maximum(1, np.round(per * np.exp(rng.uniform(-0.25, 0.25, n)))).astype(np.int64)
rows = np.repeat(np.arange(n), lens)
cols = np.minimum(np.searchsorted(cdf, rng.uniform(size=lens.sum())), p - 1)
tf = 1 + np.log(rng.integers(1, 6, size=lens.sum()))
idf = np.log(1 + (cols + 10) / 10.0)
X = sp.coo_matrix((tf * idf, (rows, cols)), shape=(n, p)).tocsr()
X.sum_duplicates()
X.data = X.data.astype(np.float64)
norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
X = sp.diags(1 / norms) @ X
X = X.tocsr(); X.sort_indices()
beta = np.zeros(p)
beta[rng.choice(2000, 40, replace=False)] = rng.uniform(-2, 2, 40) * 5
eta = X @ beta
y_sq = eta + 0.05 * rng.standard_normal(n)
y_bin = (eta - np.median(eta) + rng.logistic(size=n) * 0.3 > 0).astype(float)
os.makedirs(d, exist_ok=True)
scipy.io.mmwrite(os.path.join(d, "x.mtx"), X, precision=17)
sp.save_npz(os.path.join(d, "x.npz"), X, compressed=False)  # the same X, fast to load (run.sh prefers it)
Xs = X.tocsc(); Xs.sort_indices()
Xs.indptr.astype("<i4").tofile(os.path.join(d, "csc_p.bin"))
Xs.indices.astype("<i4").tofile(os.path.join(d, "csc_i.bin"))
Xs.data.astype("<f8").tofile(os.path.join(d, "csc_x.bin"))
with open(os.path.join(d, "shape.txt"), "w") as f:
    f.write("%d %d %d\n" % (n, p, X.nnz))
np.savetxt(os.path.join(d, "y_sq.txt"), y_sq, fmt="%.17g")
np.savetxt(os.path.join(d, "y_bin.txt"), y_bin, fmt="%.0f")
Xc = X.tocsc()
def lmax(y, r):
    g = Xc.T @ r - np.asarray(Xc.mean(axis=0)).ravel() * r.sum()
    return np.abs(g).max() / n
lsq = lmax(y_sq, y_sq - y_sq.mean())
lbin = lmax(y_bin, y_bin - y_bin.mean())
with open(os.path.join(d, "lambdas.txt"), "w") as f:
    f.write("%.17g %.17g\n" % (lsq, lbin))
print("n=%d p=%d nnz=%d lambda_max squared=%.6g binomial=%.6g" % (n, p, X.nnz, lsq, lbin))
