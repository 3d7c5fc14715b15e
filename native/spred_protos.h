/* Prototypes of the kernel entry points for one precision; included twice by spred_kernels.h. No guard. */
int SPRED_FN(hadamard)(long n, REAL *v, const REAL *u, const REAL *w);
int SPRED_FN(group_hadamard)(const spred_groups *gs, REAL *v, const REAL *u, const REAL *w);
int SPRED_FN(grad_split)(long n, REAL *du, REAL *dw, const REAL *g, const REAL *u, const REAL *w, double alpha,
                         double beta);
int SPRED_FN(group_grad_split)(const spred_groups *gs, REAL *du, REAL *dw, const REAL *g, const REAL *u,
                               const REAL *w, double alpha, double beta);
int SPRED_FN(sgd_update)(long n, REAL *u, REAL *w, REAL *v, const REAL *g, double lr, double alpha, double beta);
int SPRED_FN(momentum_update)(long n, REAL *u, REAL *w, REAL *v, const REAL *g, REAL *mu, REAL *mw, double lr,
                              double momentum, int nesterov, double alpha, double beta);
int SPRED_FN(adam_update)(long n, REAL *u, REAL *w, REAL *v, const REAL *g, REAL *mu, REAL *vu, REAL *mw, REAL *vw,
                          double lr, double beta1, double beta2, double eps, double alpha, double beta, double bc1,
                          double bc2, int decoupled);
int SPRED_FN(group_sgd_update)(const spred_groups *gs, REAL *u, REAL *w, REAL *v, const REAL *g, double lr,
                               double alpha, double beta);
int SPRED_FN(group_momentum_update)(const spred_groups *gs, REAL *u, REAL *w, REAL *v, const REAL *g, REAL *mu,
                                    REAL *mw, double lr, double momentum, int nesterov, double alpha, double beta);
int SPRED_FN(group_adam_update)(const spred_groups *gs, REAL *u, REAL *w, REAL *v, const REAL *g, REAL *mu,
                                REAL *vu, REAL *mw, REAL *vw, double lr, double beta1, double beta2, double eps,
                                double alpha, double beta, double bc1, double bc2, int decoupled);
int SPRED_FN(dot)(long n, const REAL *x, const REAL *y, double *out);
int SPRED_FN(sum_squares)(long n, const REAL *x, double *out);
int SPRED_FN(max_abs)(long n, const REAL *x, double *out);
int SPRED_FN(sum)(long n, const REAL *x, double *out);
int SPRED_FN(logistic_loss)(long n, const REAL *eta, const REAL *y, double *out);
int SPRED_FN(axpy)(long n, REAL *y, double a, const REAL *x);
int SPRED_FN(scale)(long n, REAL *x, double a);
int SPRED_FN(fill)(long n, REAL *x, double value);
int SPRED_FN(copy)(long n, REAL *dst, const REAL *src);
int SPRED_FN(mat_vec)(REAL *out, const REAL *x, long n, long p, const REAL *b, long k);
int SPRED_FN(mat_t_vec)(REAL *out, const REAL *x, long n, long p, const REAL *r, long k);
int SPRED_FN(loss_gradient)(int loss, REAL *grad, REAL *eta, REAL *r, const REAL *x, long n, long p, const REAL *b,
                            const REAL *offset, const REAL *y, long k);
int SPRED_FN(csr_residual)(long n, long p, REAL *eta, REAL *r, const REAL *val, const REAL *b, const REAL *y,
                           const spred_sparse *x, double offset, int loss);
int SPRED_FN(csc_mat_t_vec)(long n, long p, REAL *out, const REAL *val, const REAL *r, const spred_sparse *x);
int SPRED_FN(csc_col_stats)(long n, long p, REAL *sum, REAL *sumsq, const REAL *val, const spred_sparse *x);
int SPRED_FN(csc_gather)(long n, long p, REAL *out, const REAL *val, const int *cols, const spred_sparse *x, int m);
