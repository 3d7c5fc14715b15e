# glmnet reference for SparkBench: reads a problem SparkBench wrote (binary little-endian files in a folder),
# fits glmnet at the benchmark's λ (a 50-value path from λ_max down to it, standardize = FALSE, thresh 1e-12),
# writes c(a0, β) as float64 to <dir>/glmnet-coef.bin (atomically) and prints one line: CPU seconds and the objective.
# Usage: OMP_NUM_THREADS=1 Rscript glmnet-ref.R <dir>
# <dir>/meta.txt: n p family(gaussian|binomial) lambda lambda_max sparse(0|1) [nnz]
suppressMessages({library(glmnet); library(Matrix)})
dir <- commandArgs(TRUE)[1]
m <- strsplit(readLines(file.path(dir, "meta.txt"))[1], " ")[[1]]
n <- as.integer(m[1]); p <- as.integer(m[2]); fam <- m[3]; lam <- as.numeric(m[4]); lmax <- as.numeric(m[5])
sparse <- m[6] == "1"
rd <- function(f, what, k, size) { con <- file(file.path(dir, f), "rb"); on.exit(close(con)); readBin(con, what, k, size = size, endian = "little") }
y <- rd("y.bin", "double", n, 8)
if (sparse) {
  nnz <- as.numeric(m[7])
  X <- sparseMatrix(i = rd("i.bin", "integer", nnz, 4), j = rd("j.bin", "integer", nnz, 4),
                    x = rd("x.bin", "double", nnz, 8), dims = c(n, p))
} else {
  X <- matrix(rd("x.bin", "double", as.numeric(n) * p, 8), nrow = n)  # column-major
}
path <- exp(seq(log(lmax), log(lam), length.out = 50))
t <- system.time(fit <- glmnet(X, y, family = fam, lambda = path, standardize = FALSE, thresh = 1e-12, maxit = 1e7))
if (length(fit$lambda) < 50) stop(sprintf("glmnet stopped its path early at lambda %g (asked %g)", min(fit$lambda), lam))
b <- as.numeric(coef(fit)[, 50])
eta <- as.numeric(X %*% b[-1]) + b[1]
loss <- if (fam == "binomial") mean(ifelse(eta > 0, eta + log1p(exp(-eta)), log1p(exp(eta))) - y * eta) else mean((y - eta)^2) / 2
P <- loss + lam * sum(abs(b[-1]))
tmp <- file.path(dir, "glmnet-coef.bin.tmp")
con <- file(tmp, "wb"); writeBin(b, con, size = 8, endian = "little"); close(con)
file.rename(tmp, file.path(dir, "glmnet-coef.bin"))
cat(sprintf("glmnet %s: cpu %.2f s (user+sys), wall %.2f s, nnz %d, P = %.15g, glmnet %s\n", fam, t[["user.self"]] + t[["sys.self"]],
            t[["elapsed"]], sum(b[-1] != 0), P, as.character(packageVersion("glmnet"))))
