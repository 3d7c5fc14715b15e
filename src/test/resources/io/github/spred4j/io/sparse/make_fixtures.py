# Regenerates the sparse reader fixtures: /usr/bin/python3 make_fixtures.py (Debian's scipy/numpy), then
# Rscript make_fixtures.R. Each matrix is also saved dense as <name>.dense.npy, the answer the tests compare with.
import numpy as np
import scipy.io
import scipy.sparse as sp

rng = np.random.default_rng(20261201)
A = sp.random(7, 5, density=0.4, format="csr", random_state=1, dtype=np.float64)
A.data = np.round(rng.normal(size=A.nnz), 6)
A[3, :] = 0          # an empty row
A[:, 2] = 0          # an empty column
A.eliminate_zeros()
np.save("a.dense.npy", A.toarray())
sp.save_npz("a_csr.npz", A.tocsr())                       # compressed, sorted, int32 indices
sp.save_npz("a_csc.npz", A.tocsc(), compressed=False)     # stored
sp.save_npz("a_coo.npz", A.tocoo())
u = A.tocsr().copy()
for i in range(u.shape[0]):                               # reverse the indices within each row
    lo, hi = u.indptr[i], u.indptr[i + 1]
    u.indices[lo:hi] = u.indices[lo:hi][::-1].copy()
    u.data[lo:hi] = u.data[lo:hi][::-1].copy()
u.has_sorted_indices = False
sp.save_npz("a_unsorted.npz", u)
f = A.astype(np.float32).tocsr()
f.indices = f.indices.astype(np.int64)
f.indptr = f.indptr.astype(np.int64)
sp.save_npz("a_f32_i64.npz", f)
np.save("a_f32.dense.npy", f.toarray().astype(np.float64))
d = sp.csr_matrix((np.array([1.0, 2.0]), np.array([1, 1]), np.array([0, 2, 2])), shape=(2, 3))
sp.save_npz("dup.npz", d)                                  # a duplicate entry at (1, 2), 1-based
scipy.io.mmwrite("a_scipy.mtx", A.tocoo())
scipy.io.mmwrite("a_scipy_pattern.mtx", (A != 0).astype(int).tocoo(), field="pattern")
S = sp.random(6, 6, density=0.3, random_state=3)
S = (S + S.T).tocoo()
S.data = np.round(S.data, 6)
scipy.io.mmwrite("s_scipy_symmetric.mtx", S, symmetry="symmetric")
np.save("s.dense.npy", S.toarray())
I = sp.coo_matrix(np.array([[0, 3, 0], [-2, 0, 0], [0, 0, 7], [0, 0, 0]]))
scipy.io.mmwrite("i_scipy_integer.mtx", I, field="integer")
np.save("i.dense.npy", I.toarray().astype(np.float64))
