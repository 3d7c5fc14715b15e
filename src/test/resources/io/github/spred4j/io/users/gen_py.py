# /usr/bin/python3 gen_py.py   (Debian numpy, scipy, scikit-learn)
import numpy as np, scipy.sparse as sp
from sklearn.datasets import dump_svmlight_file
X = np.array([1.5, -2, 0, 0.25, 3, 0, -1, 2.5, 0, 0, 4, -0.5, 0.125, 1, 0, -3, 2, 1e-3]).reshape(3, 6).T  # R's X (column-major)
y = np.array([1.25, -0.5, 2, 0, 3.5, -1])
np.save("X.npy", X); np.save("y.npy", y)
np.savetxt("np_noheader.csv", X, delimiter=",")
np.savetxt("np_space.txt", X)
np.savetxt("np_tab.tsv", X, delimiter="\t")
np.savetxt("np_hash_header.csv", X, delimiter=",", header="a,b,c")          # '# a,b,c'
np.save("y_bool.npy", y > 0); np.save("y_uint8.npy", (y > 0).astype(np.uint8)); np.save("X_int16.npy", (X * 8).astype(np.int16))
dump_svmlight_file(sp.csr_matrix(X), y, "sk_zero_based.svm")                # zero_based=True is the default
dump_svmlight_file(sp.csr_matrix(X[:, 1:]), y, "sk_zero_based_no0.svm", comment="column 0 never set")
np.save("foldid.npy", np.array([1, 2, 3, 1, 2, 3]))
np.savez("savez_dense.npz", X=X, y=y)
np.savetxt("y_hash_header.txt", y, header="y")                              # '# y' then one value per line
dump_svmlight_file(sp.csr_matrix(X), sp.csr_matrix(np.c_[y > 0, y > 1]), "sk_multilabel.txt", multilabel=True)   # "0,1 ..." labels
import pickle; pickle.dump(X, open("py_pickle.bin", "wb"))                  # refused in one line
# pandas' DataFrame(X, columns=list("abc")).assign(yb=y > 0).to_csv("pd_bool.csv"): pandas is not installed on
# the machine that wrote these files, so its format is written out here (index column under an empty name, a
# bool column as True/False, floats as repr); pandas 2.x writes exactly these bytes for this frame
with open("pd_bool.csv", "w") as f:
    f.write(",a,b,c,yb\n")
    for i in range(6): f.write("%d,%s,%s,%s,%s\n" % (i, repr(X[i, 0]), repr(X[i, 1]), repr(X[i, 2]), "True" if y[i] > 0 else "False"))
# added 3 Dec 2026 (pandas 1.5.3 now installed): a named index of text labels (df.set_index("id").to_csv)
import pandas as pd
pd.DataFrame(X, columns=list("abc"), index=pd.Index(["r%d" % i for i in range(6)], name="id")).assign(y=y).to_csv("pd_named_index.csv")
# binomial labels saved by numpy (M where y > 0, else B, as gen_r.R's factor): '<U1', '|S1' and a pickled object array
lab = np.where(y > 0, "M", "B")
np.save("y_labels.npy", lab); np.save("y_labels_bytes.npy", lab.astype("S")); np.save("y_labels_object.npy", lab.astype(object), allow_pickle=True)
