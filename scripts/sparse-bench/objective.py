#!/usr/bin/python3
"""Objective of each tool's solution at the benchmark lambda (glmnet's: mean loss + lambda*|beta|_1), float64.
  /usr/bin/python3 objective.py DIR squared|binomial RATIO coef_file..."""
import sys, os
import numpy as np
import scipy.io
import scipy.sparse

d, fam, ratio = sys.argv[1], sys.argv[2], float(sys.argv[3])
X = (scipy.sparse.load_npz(os.path.join(d, "x.npz")) if os.path.exists(os.path.join(d, "x.npz"))
     else scipy.io.mmread(os.path.join(d, "x.mtx"))).tocsr()
lsq, lbin = (float(v) for v in open(os.path.join(d, "lambdas.txt")).read().split())
y = np.loadtxt(os.path.join(d, "y_sq.txt" if fam == "squared" else "y_bin.txt"))
lam = ratio * (lsq if fam == "squared" else lbin)
for f in sys.argv[4:]:
    if f.endswith(".csv"):  # spred4j: header, then name,value (intercept first)
        c = np.array([float(l.split(",")[1]) for l in open(f).read().split("\n")[1:] if l])
    else:
        c = np.loadtxt(f)
    b0, b = c[0], c[1:]
    eta = b0 + X @ b
    if fam == "squared":
        loss = 0.5 * np.mean((y - eta) ** 2)
    else:
        loss = np.mean(np.logaddexp(0, eta) - y * eta)
    print("%s objective=%.12g nnz=%d" % (os.path.basename(f), loss + lam * np.abs(b).sum(), int((b != 0).sum())))
