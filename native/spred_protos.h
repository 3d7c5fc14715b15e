/*
 * Prototypes of the kernel entry points for one precision; included twice by spred_kernels.h. No guard.
 * The kernel contract (kernels/ops.tsv, checked by OpTableTest): length first (n; the group plan; n, p, k), then
 * outputs, inputs, scalars, with the table's names. Reductions return their double through *result. Derived
 * scalars (decay_u = 2·penaltyU, bc1 = 1/(1−β1^t), ...) arrive computed by the Java parameter records.
 */
int SPRED_ENTRY(hadamard)(long n, REAL *v, const REAL *u, const REAL *w);
int SPRED_ENTRY(group_hadamard)(const spred_groups *gs, REAL *v, const REAL *u, const REAL *w);
int SPRED_ENTRY(grad_split)(long n, REAL *du, REAL *dw, const REAL *g, const REAL *u, const REAL *w, double decay_u,
                            double decay_w);
int SPRED_ENTRY(group_grad_split)(const spred_groups *gs, REAL *du, REAL *dw, const REAL *g, const REAL *u,
                                  const REAL *w, double decay_u, double decay_w);
int SPRED_ENTRY(sgd_update)(long n, REAL *u, REAL *w, REAL *v, const REAL *g, double lr, double decay_u,
                            double decay_w);
int SPRED_ENTRY(momentum_update)(long n, REAL *u, REAL *w, REAL *v, REAL *m_u, REAL *m_w, const REAL *g, double lr,
                                 double momentum, int nesterov, double decay_u, double decay_w);
int SPRED_ENTRY(adam_update)(long n, REAL *u, REAL *w, REAL *v, REAL *m_u, REAL *v_u, REAL *m_w, REAL *v_w,
                             const REAL *g, double lr, double beta1, double beta2, double eps, double bc1,
                             double bc2, double decay_u, double decay_w, int decoupled);
int SPRED_ENTRY(group_sgd_update)(const spred_groups *gs, REAL *u, REAL *w, REAL *v, const REAL *g, double lr,
                                  double decay_u, double decay_w);
int SPRED_ENTRY(group_momentum_update)(const spred_groups *gs, REAL *u, REAL *w, REAL *v, REAL *m_u, REAL *m_w,
                                       const REAL *g, double lr, double momentum, int nesterov, double decay_u,
                                       double decay_w);
int SPRED_ENTRY(group_adam_update)(const spred_groups *gs, REAL *u, REAL *w, REAL *v, REAL *m_u, REAL *v_u,
                                   REAL *m_w, REAL *v_w, const REAL *g, double lr, double beta1, double beta2,
                                   double eps, double bc1, double bc2, double decay_u, double decay_w,
                                   int decoupled);
int SPRED_ENTRY(dot)(long n, double *result, const REAL *x, const REAL *y);
int SPRED_ENTRY(sum_squares)(long n, double *result, const REAL *x);
int SPRED_ENTRY(max_abs)(long n, double *result, const REAL *x);
int SPRED_ENTRY(sum)(long n, double *result, const REAL *x);
int SPRED_ENTRY(logistic_loss)(long n, double *result, const REAL *eta, const REAL *y);
int SPRED_ENTRY(axpy)(long n, REAL *y, const REAL *x, double a);
int SPRED_ENTRY(scale)(long n, REAL *x, double a);
int SPRED_ENTRY(fill)(long n, REAL *x, double value);
int SPRED_ENTRY(copy)(long n, REAL *dst, const REAL *src);
int SPRED_ENTRY(mat_vec)(long n, long p, long k, REAL *out, const REAL *x, const REAL *b);
int SPRED_ENTRY(mat_t_vec)(long n, long p, long k, REAL *out, const REAL *x, const REAL *r);
int SPRED_ENTRY(loss_gradient)(long n, long p, long k, REAL *grad, REAL *eta, REAL *r, const REAL *x, const REAL *b,
                               const REAL *offset, const REAL *y, int loss);
/* GEMM-shaped passes for many vectors (gemm_common.h): Xᵀ·R, X·B, centred Gram columns X_cᵀX_c[:, cols]. */
int SPRED_ENTRY(gemm_xtr)(long n, long p, long k, REAL *out, const REAL *x, const REAL *r);
int SPRED_ENTRY(gemm_xb)(long n, long p, long k, REAL *out, const REAL *x, const REAL *b);
int SPRED_ENTRY(gram_cols)(long n, long p, long k, REAL *out, const REAL *x, const REAL *mean, const int *cols);
/* Sparse X: the length is n, p and the structure x (spred_sparse.h), as groups take their plan gs. */
int SPRED_ENTRY(csr_residual)(long n, long p, const spred_sparse *x, REAL *eta, REAL *r, const REAL *val, const REAL *b,
                              const REAL *y, double offset, int loss);
int SPRED_ENTRY(csc_mat_t_vec)(long n, long p, const spred_sparse *x, REAL *out, const REAL *val, const REAL *r);
int SPRED_ENTRY(csc_col_stats)(long n, long p, const spred_sparse *x, REAL *sum, REAL *sumsq, const REAL *val,
                               const REAL *centre);
int SPRED_ENTRY(csc_gather)(long n, long p, const spred_sparse *x, REAL *out, const REAL *val, const int *cols, int m);
/* Device-resident control (issue 12 item 5). */
int SPRED_ENTRY(col_stats)(long n, long p, REAL *sum, REAL *sumsq, const REAL *x, const REAL *centre);
/* device-resident control, second half: the dual point, the gap's p-side pieces, the screening over p */
int SPRED_ENTRY(centre_scale)(long n, REAL *g, const REAL *xbar, const REAL *scale, double sr, double nrows);
int SPRED_ENTRY(soft_sq)(long n, double *result, const REAL *g, double t, double la);
int SPRED_ENTRY(select_above)(long n, double *result, REAL *cols, REAL *val, const REAL *g, double tau);

/* Many problems at once (issue 14): held-out losses of stacked predictions. */
int SPRED_ENTRY(col_deviance)(long n, long k, REAL *dev, const REAL *eta, const REAL *y, const REAL *offset, int family);
/* Fused coordinate descent (issue 12). */
int SPRED_ENTRY(cd_sweep)(long n, long p, REAL *b, REAL *r, REAL *eta, REAL *state, const REAL *x, const REAL *w,
                          const REAL *xbar, const REAL *scale, const REAL *a, const REAL *sw, double la, double mu,
                          double sum_w, double thr, int sweeps, int flags);
