# Reads the files BatchBench wrote in `dir` (meta.txt, X.f64 or the CSR triplets, y.f64, foldid.txt, lambda.txt)
# into x (a dense matrix, or a dgCMatrix: glmnet's sparse path), y, foldid, lambda, family; sourced by the cv scripts.
m <- strsplit(readLines(file.path(dir, "meta.txt")), " ")[[1]]
n <- as.integer(m[1]); p <- as.integer(m[2]); family <- m[3]
if (length(m) > 3 && m[4] == "sparse") {
  xx <- readBin(file.path(dir, "X_x.f64"), "double", file.size(file.path(dir, "X_x.f64")) / 8, endian = "little")
  x <- Matrix::sparseMatrix(i = readBin(file.path(dir, "X_i.i32"), "integer", length(xx), size = 4, endian = "little"),
                            j = readBin(file.path(dir, "X_j.i32"), "integer", length(xx), size = 4, endian = "little"),
                            x = xx, dims = c(n, p))
} else x <- matrix(readBin(file.path(dir, "X.f64"), "double", n * p, endian = "little"), n, p, byrow = TRUE)
y <- readBin(file.path(dir, "y.f64"), "double", n, endian = "little")
foldid <- as.integer(readLines(file.path(dir, "foldid.txt")))
lambda <- as.numeric(readLines(file.path(dir, "lambda.txt")))
