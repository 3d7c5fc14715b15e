# glmnet side of the sparse benchmark: Rscript --vanilla glmnet_fit.R DIR squared|binomial RATIO THRESH
# Loads DIR/x.mtx as a dgCMatrix (Matrix::readMM, not timed), fits glmnet at RATIO * lambda_max (one lambda,
# standardize=FALSE, intercept=TRUE: spred4j's objective), prints the fit seconds and writes
# DIR/coef_glmnet_FAMILY.txt (intercept, then beta).
suppressPackageStartupMessages({library(Matrix); library(glmnet)})
a <- commandArgs(TRUE)
dir <- a[1]; fam <- a[2]; ratio <- as.numeric(a[3]); th <- as.numeric(a[4])
X <- as(readMM(file.path(dir, "x.mtx")), "CsparseMatrix")
lams <- scan(file.path(dir, "lambdas.txt"), quiet = TRUE)
if (fam == "squared") { y <- scan(file.path(dir, "y_sq.txt"), quiet = TRUE); lam <- ratio * lams[1]; family <- "gaussian"
} else { y <- scan(file.path(dir, "y_bin.txt"), quiet = TRUE); lam <- ratio * lams[2]; family <- "binomial" }
t0 <- proc.time()[[3]]
f <- glmnet(X, y, family = family, lambda = lam, standardize = FALSE, intercept = TRUE, thresh = th, maxit = 1e7)
t <- proc.time()[[3]] - t0
cf <- as.numeric(as.matrix(coef(f)))
writeLines(sprintf("%.17g", cf), file.path(dir, paste0("coef_glmnet_", fam, ".txt")))
cat(sprintf("glmnet %s lambda=%.6g fit_seconds=%.3f nnz=%d\n", fam, lam, t, sum(cf[-1] != 0)))
