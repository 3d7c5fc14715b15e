# R's Matrix::writeMM fixtures (run after make_fixtures.py, which writes a.dense.npy; values re-typed here).
library(Matrix)
set.seed(20261201)
A <- Matrix(0, 7, 5, sparse = TRUE)
A[1, 5] <- 0.326041; A[2, 4] <- -1.5; A[5, 1] <- 2.25; A[7, 2] <- 1e-300; A[7, 4] <- -3e5
writeMM(as(A, "CsparseMatrix"), "r_general.mtx")                  # dgCMatrix
S <- forceSymmetric(Matrix(c(2, 1, 0, 1, 0, -4, 0, -4, 5), 3, 3, sparse = TRUE))
writeMM(S, "r_symmetric.mtx")                                        # dsCMatrix
P <- as(A != 0, "CsparseMatrix")
writeMM(P, "r_pattern.mtx")                                          # ngCMatrix
write.table(as.matrix(A), "r_general.dense.txt", row.names = FALSE, col.names = FALSE)
write.table(as.matrix(S), "r_symmetric.dense.txt", row.names = FALSE, col.names = FALSE)
