# glmnet references for observation weights and penalty factors (GlmnetWeightsTest loads them).
# Seeded problems; for each case a directory under OUT with:
#   X.csv (n rows, p columns, no header), y.txt, weights.txt, pf.txt (one number per line; "Inf" excludes),
#   opts.txt (family alpha intercept standardize), lambda.txt (glmnet's own lambda sequence, nlambda = 20),
#   coef.csv (one row per lambda: intercept then the p coefficients, 17 digits),
#   objective.txt (glmnet's objective at each lambda, computed here in R from glmnet's conventions:
#     sum(w*loss)/sum(w) + lambda*sum(pf*(alpha*|s*b| + (1-alpha)/2*(s*b)^2)), pf rescaled to sum to p with Inf as 1,
#     s the weighted sd centred at the weighted mean (1 without standardisation)).
#     Rscript scripts/glmnet-weights-refs.R [OUT]   (default src/test/resources/glmnet-weights)
suppressMessages(library(glmnet))
a <- commandArgs(trailingOnly = TRUE)
out <- if (length(a) > 0) a[1] else "src/test/resources/glmnet-weights"

case <- function(name, seed, n, p, family, alpha = 1, intercept = TRUE, standardize = TRUE, weights = "exp",
                 pf = NULL, unit_y = FALSE) {
  set.seed(seed)
  x <- matrix(rnorm(n * p), n, p) %*% diag(exp(rnorm(p)))       # columns on different scales
  x[, 2] <- x[, 2] + 3                                            # a column far from zero mean
  b <- c(2, -1.5, 0, 0, 1, rep(0, p - 5)) * rnorm(p, 1, 0.2)
  eta <- drop(x %*% b) / 3 + 0.5
  w <- switch(weights, exp = rexp(n), zeros = { v <- rexp(n); v[sample(n, n %/% 5)] <- 0; v }, ones = rep(1, n))
  y <- switch(family,
              gaussian = eta + rnorm(n),
              binomial = as.numeric(runif(n) < 1 / (1 + exp(-eta))),
              poisson = rpois(n, exp(pmin(eta / 2, 3))))
  if (unit_y) {  # glmnet scales y by its weighted sd internally: with alpha < 1 that changes the ridge part, so
    ww <- w / sum(w)           # the elastic-net cases give y of weighted sd 1 (then glmnet solves the stated objective)
    m <- sum(ww * y); y <- m + (y - m) / sqrt(sum(ww * (y - m)^2))
  }
  if (is.null(pf)) pf <- rep(1, p)
  fit <- glmnet(x, y, family = family, weights = w, penalty.factor = pf, alpha = alpha, intercept = intercept,
                standardize = standardize, nlambda = 20, thresh = 1e-16, maxit = 10^7)
  d <- file.path(out, name); dir.create(d, recursive = TRUE, showWarnings = FALSE)
  f17 <- function(v) sprintf("%.17g", v)
  write.table(matrix(f17(x), n, p), file.path(d, "X.csv"), sep = ",", row.names = FALSE, col.names = FALSE, quote = FALSE)
  writeLines(f17(y), file.path(d, "y.txt"))
  writeLines(f17(w), file.path(d, "weights.txt"))
  writeLines(ifelse(is.infinite(pf), "Inf", f17(pf)), file.path(d, "pf.txt"))
  writeLines(paste(family, f17(alpha), intercept, standardize), file.path(d, "opts.txt"))
  writeLines(f17(fit$lambda), file.path(d, "lambda.txt"))
  co <- as.matrix(coef(fit))                                      # (p+1) x nlambda
  write.table(matrix(f17(t(co)), ncol = p + 1), file.path(d, "coef.csv"), sep = ",", row.names = FALSE,
              col.names = FALSE, quote = FALSE)
  ww <- w / sum(w)
  vp <- ifelse(is.infinite(pf), 1, pf); vp <- vp * p / sum(vp)
  s <- if (standardize) apply(x, 2, function(c) { m <- sum(ww * c); sqrt(sum(ww * (c - m)^2)) }) else rep(1, p)
  obj <- sapply(seq_along(fit$lambda), function(k) {
    b0 <- co[1, k]; bb <- co[-1, k]; e <- b0 + drop(x %*% bb)
    loss <- switch(family, gaussian = 0.5 * (y - e)^2, binomial = log1p(exp(e)) - y * e, poisson = exp(e) - y * e)
    pen <- sum(ifelse(is.infinite(pf), 0, vp * (alpha * abs(s * bb) + (1 - alpha) / 2 * (s * bb)^2)))
    sum(ww * loss) + fit$lambda[k] * pen
  })
  writeLines(f17(obj), file.path(d, "objective.txt"))
  cat(name, ": n =", n, "p =", p, family, "lambdas", length(fit$lambda), "\n")
}

case("sq_weights", 11, 53, 11, "gaussian")
case("sq_weights_nostd", 12, 47, 7, "gaussian", standardize = FALSE, weights = "zeros")
case("sq_pf", 13, 61, 13, "gaussian", pf = c(0, 1, Inf, 0.5, 2, 1, 1, 0, 3, 1, 1, 1, 0.25))
case("sq_pf_enet", 14, 40, 9, "gaussian", alpha = 0.5, pf = c(0, 1, Inf, 1, 1, 1, 0, 1, 1), unit_y = TRUE)
case("sq_noint", 15, 37, 8, "gaussian", intercept = FALSE, pf = c(1, 0, 1, 2, 1, 1, 0.5, 1))
case("sq_wide", 16, 29, 41, "gaussian", weights = "zeros", pf = c(0, rep(1, 39), 2))
case("logit_pf", 17, 80, 9, "binomial", weights = "ones", pf = c(1, 2, Inf, 0.5, 1, 1, 3, 1, 1))
case("pois_pf", 18, 70, 7, "poisson", weights = "ones", standardize = FALSE, pf = c(1, 0.5, 1, 2, Inf, 1, 1))
# no weights, no factors, no intercept: glmnet standardises by the sd centred at the mean even then (the plain route)
case("sq_noint_plain", 19, 43, 8, "gaussian", intercept = FALSE, weights = "ones")
case("logit_noint_plain", 20, 90, 6, "binomial", intercept = FALSE, weights = "ones")
# weighted logistic / Poisson, penalty factor 0 for them, unequal factors with alpha < 1 (the WeightedGlm route)
case("logit_weights", 21, 90, 8, "binomial")
case("logit_w_pf0", 22, 110, 9, "binomial", weights = "zeros", pf = c(0, 1, Inf, 0.5, 2, 1, 0, 1, 1))
case("logit_w_noint", 23, 80, 6, "binomial", intercept = FALSE, standardize = FALSE)
case("logit_enet_pf", 24, 100, 8, "binomial", alpha = 0.4, pf = c(1, 2, 0, 0.5, 1, Inf, 1, 3))
case("pois_weights", 25, 75, 7, "poisson", standardize = FALSE)
case("pois_w_pf0", 26, 85, 8, "poisson", weights = "zeros", pf = c(1, 0, 1, 2, 1, 0.5, 1, 1))
case("logit_w_nostd", 28, 95, 7, "binomial", standardize = FALSE, weights = "zeros")  # the Tribuo trainers do not standardise
case("sq_enet_mixed", 27, 50, 9, "gaussian", alpha = 0.3, pf = c(0, 1, Inf, 2, 1, 0.5, 1, 1, 3), unit_y = TRUE)

# cv.glmnet with weights and penalty factors (WeightedCvTest loads them from OUT/../glmnet-weights-cv/NAME):
#   the case's files as above plus foldid.txt, cvm.txt, cvsd.txt (one per lambda), choice.txt (lambda.min lambda.1se)
cvcase <- function(name, seed, n, p, family, weights = "exp", pf = NULL, folds = 5, alpha = 1, standardize = TRUE) {
  set.seed(seed)
  x <- matrix(rnorm(n * p), n, p) %*% diag(exp(rnorm(p)))
  x[, 2] <- x[, 2] + 3
  b <- c(2, -1.5, 0, 0, 1, rep(0, p - 5)) * rnorm(p, 1, 0.2)
  eta <- drop(x %*% b) / 3 + 0.5
  w <- switch(weights, exp = rexp(n), zeros = { v <- rexp(n); v[sample(n, n %/% 5)] <- 0; v }, ones = rep(1, n))
  y <- switch(family,
              gaussian = eta + rnorm(n) * 2,
              binomial = as.numeric(runif(n) < 1 / (1 + exp(-eta / 2))),
              poisson = rpois(n, exp(pmin(eta / 2, 3))))
  if (is.null(pf)) pf <- rep(1, p)
  foldid <- sample(rep(seq_len(folds), length.out = n))
  lam <- glmnet(x, y, family = family, weights = w, penalty.factor = pf, alpha = alpha, standardize = standardize,
                nlambda = 30)$lambda
  cv <- cv.glmnet(x, y, family = family, weights = w, penalty.factor = pf, alpha = alpha, standardize = standardize,
                  lambda = lam, foldid = foldid, thresh = 1e-16, maxit = 10^7)
  d <- file.path(dirname(out), "glmnet-weights-cv", name); dir.create(d, recursive = TRUE, showWarnings = FALSE)
  f17 <- function(v) sprintf("%.17g", v)
  write.table(matrix(f17(x), n, p), file.path(d, "X.csv"), sep = ",", row.names = FALSE, col.names = FALSE, quote = FALSE)
  writeLines(f17(y), file.path(d, "y.txt"))
  writeLines(f17(w), file.path(d, "weights.txt"))
  writeLines(ifelse(is.infinite(pf), "Inf", f17(pf)), file.path(d, "pf.txt"))
  writeLines(paste(family, f17(alpha), TRUE, standardize), file.path(d, "opts.txt"))
  writeLines(as.character(foldid), file.path(d, "foldid.txt"))
  writeLines(f17(cv$lambda), file.path(d, "lambda.txt"))
  writeLines(f17(cv$cvm), file.path(d, "cvm.txt"))
  writeLines(f17(cv$cvsd), file.path(d, "cvsd.txt"))
  writeLines(paste(f17(cv$lambda.min), f17(cv$lambda.1se)), file.path(d, "choice.txt"))
  cat(name, ": n =", n, "p =", p, family, "lambda.min", cv$lambda.min, "lambda.1se", cv$lambda.1se, "\n")
}

cvcase("cv_sq_weights", 31, 120, 10, "gaussian")
cvcase("cv_sq_pf", 32, 100, 9, "gaussian", weights = "ones", pf = c(0, 1, Inf, 2, 1, 1, 0.5, 1, 1))
cvcase("cv_logit_weights", 33, 200, 8, "binomial", weights = "zeros", pf = c(1, 0, 1, 1, 2, 1, 1, 1))
cvcase("cv_pois_weights", 34, 150, 7, "poisson", standardize = FALSE)
