#!/usr/bin/python3
"""scikit-learn side of the sparse benchmark: /usr/bin/python3 sklearn_fit.py DIR squared|binomial RATIO TOL [REPEATS]

Loads DIR/x.npz or DIR/x.mtx as CSR (not timed), fits Lasso (squared) or LogisticRegression(penalty='l1', liblinear; note
liblinear penalises the intercept, intercept_scaling=100 makes that negligible) at RATIO * lambda_max with
glmnet's scaling (alpha = lambda; C = 1/(n lambda)), prints the fit seconds and writes DIR/coef_sklearn_FAMILY.txt
(intercept, then beta)."""
import sys, time, os
import numpy as np
import scipy.io
import scipy.sparse
from sklearn.linear_model import Lasso, LogisticRegression

d, fam, ratio, tol = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
X = (scipy.sparse.load_npz(os.path.join(d, "x.npz")) if os.path.exists(os.path.join(d, "x.npz"))
     else scipy.io.mmread(os.path.join(d, "x.mtx"))).tocsr()
n = X.shape[0]
lsq, lbin = (float(v) for v in open(os.path.join(d, "lambdas.txt")).read().split())
if fam == "squared":
    y = np.loadtxt(os.path.join(d, "y_sq.txt")); lam = ratio * lsq
    m = Lasso(alpha=lam, fit_intercept=True, tol=tol, max_iter=100000, selection="cyclic")
else:
    y = np.loadtxt(os.path.join(d, "y_bin.txt")); lam = ratio * lbin
    m = LogisticRegression(penalty="l1", C=1.0 / (n * lam), solver="liblinear", tol=tol, max_iter=100000,
                           intercept_scaling=100.0)
reps = int(sys.argv[5]) if len(sys.argv) > 5 else 1
for r in range(reps):
    t0, c0 = time.perf_counter(), time.process_time()
    m.fit(X, y)
    t = time.perf_counter() - t0
    print("sklearn %s run %d: wall %.3f s, cpu %.3f s" % (fam, r, t, time.process_time() - c0))
coef = np.ravel(m.coef_); b0 = float(np.ravel([m.intercept_])[0])
np.savetxt(os.path.join(d, "coef_sklearn_%s.txt" % fam), np.concatenate([[b0], coef]), fmt="%.17g")
print("sklearn %s lambda=%.6g fit_seconds=%.3f nnz=%d" % (fam, lam, t, int((coef != 0).sum())))
