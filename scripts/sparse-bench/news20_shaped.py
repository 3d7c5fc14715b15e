#!/usr/bin/python3
"""Seeded news20-shaped synthetic for the sparse benchmark (the shape of LIBSVM's news20.binary: 19996 x 1355191,
9.1M nonzeros), written once for every tool.

  /usr/bin/python3 news20_shaped.py DIR [n p perRow seed]      (default 20000 1350000 515 2; 515 draws a row give about 9M distinct nonzeros)

Document lengths log-normal (sigma 0.7, mean perRow), Zipf-like column popularity (weight 1/(j+10): a few columns in
most documents, most columns in one or two), tf-idf-like values, L2-normalised rows; y_sq = X.beta + noise (40 true
features among the first 20000 columns), y_bin = 1[X.beta + logistic noise > median]. Writes DIR/x.npz
(scipy.sparse.save_npz, CSR: what spred4j --x and scikit-learn read), DIR/csc_{p,i,x}.bin (the CSC arrays as raw
little-endian int32/int32/float64, for R's readBin -> dgCMatrix: readMM on a 9M-line file takes minutes),
DIR/y_sq.txt, DIR/y_bin.txt and DIR/lambdas.txt (glmnet lambda_max of each response, intercept, no standardisation).
"""
import sys, os
import numpy as np
import scipy.sparse as sp

d = sys.argv[1]
n, p, per, seed = (int(v) for v in (sys.argv[2:6] if len(sys.argv) > 5 else (20000, 1350000, 515, 2)))
rng = np.random.default_rng(seed)
w = 1.0 / (np.arange(p) + 10.0)
cdf = np.cumsum(w); cdf /= cdf[-1]
sigma = 0.7
lens = np.maximum(1, np.round(per * np.exp(rng.normal(-sigma * sigma / 2, sigma, n)))).astype(np.int64)
rows = np.repeat(np.arange(n, dtype=np.int32), lens)
cols = np.minimum(np.searchsorted(cdf, rng.uniform(size=lens.sum())), p - 1).astype(np.int32)
tf = 1 + np.log(rng.integers(1, 6, size=lens.sum()))
idf = np.log(1 + (cols + 10) / 10.0)
X = sp.coo_matrix((tf * idf, (rows, cols)), shape=(n, p)).tocsr()
del rows, cols, tf, idf
X.sum_duplicates()
norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
X = (sp.diags(1 / norms) @ X).tocsr()
X.sort_indices()
beta = np.zeros(p)
beta[rng.choice(20000, 40, replace=False)] = rng.uniform(-2, 2, 40) * 5
eta = X @ beta
y_sq = eta + 0.05 * rng.standard_normal(n)
y_bin = (eta - np.median(eta) + rng.logistic(size=n) * 0.3 > 0).astype(float)
os.makedirs(d, exist_ok=True)
sp.save_npz(os.path.join(d, "x.npz"), X, compressed=False)
Xc = X.tocsc(); Xc.sort_indices()
Xc.indptr.astype("<i4").tofile(os.path.join(d, "csc_p.bin"))
Xc.indices.astype("<i4").tofile(os.path.join(d, "csc_i.bin"))
Xc.data.astype("<f8").tofile(os.path.join(d, "csc_x.bin"))
np.savetxt(os.path.join(d, "y_sq.txt"), y_sq, fmt="%.17g")
np.savetxt(os.path.join(d, "y_bin.txt"), y_bin, fmt="%.0f")
def lmax(y, r):
    g = Xc.T @ r - np.asarray(Xc.mean(axis=0)).ravel() * r.sum()
    return np.abs(g).max() / n
lsq = lmax(y_sq, y_sq - y_sq.mean())
lbin = lmax(y_bin, y_bin - y_bin.mean())
with open(os.path.join(d, "lambdas.txt"), "w") as f:
    f.write("%.17g %.17g\n" % (lsq, lbin))
with open(os.path.join(d, "shape.txt"), "w") as f:
    f.write("%d %d %d\n" % (n, p, X.nnz))
print("n=%d p=%d nnz=%d empty_columns=%d lambda_max squared=%.6g binomial=%.6g"
      % (n, p, X.nnz, int((np.diff(Xc.indptr) == 0).sum()), lsq, lbin))
