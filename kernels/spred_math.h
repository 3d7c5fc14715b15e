/*
 * spred_math.h — the element-wise formulas of spred, written once for every backend.
 *
 * Included by CUDA (kernels/cuda/STEM.cu), OpenCL C (kernels/opencl/STEM.cl, prepended at run time by the Java
 * backend) and C (native/STEM.c). The includer defines REAL (float or double) before including; the
 * qualifier SPRED_INLINE is chosen here per language. Formulas follow shared/docs/spred-math.md §3-4 and the
 * float64 Java reference (backend/java/JavaContext.java): gradients use the old U and W.
 *
 *   grad_u = G*W + decay_u*U        grad_w = G*U + decay_w*W         (group: decays times c_g)
 *   with decay_u = 2*penaltyU, decay_w = 2*penaltyW computed once on the host (api/UpdateRule).
 *   SGD:      theta -= lr*g
 *   Momentum: m = momentum*m + g;  theta -= lr*(nesterov ? g + momentum*m : m)
 *   Adam:     m = beta1*m + (1-beta1)*g;  v = beta2*v + (1-beta2)*g^2;
 *             theta -= lr*(m*bc1 / (sqrt(v*bc2) + eps) [+ decay*theta if decoupled])
 *             with bc1 = 1/(1-beta1^t), bc2 = 1/(1-beta2^t) computed once on the host in double
 *             (AdamParams.biasCorrection1/2).
 */
#ifndef SPRED_MATH_H
#define SPRED_MATH_H

#ifndef REAL
#error "define REAL (float or double) before including spred_math.h"
#endif

#if defined(__CUDACC__)
#define SPRED_INLINE __device__ __forceinline__
#define SPRED_PRIVATE
#elif defined(__OPENCL_VERSION__) || defined(__OPENCL_C_VERSION__)
#define SPRED_INLINE inline
#define SPRED_PRIVATE __private
#else
#include <tgmath.h>
#define SPRED_INLINE static inline
#define SPRED_PRIVATE
#endif

/* Loss codes of the one-pass gradient kernel (io.github.spred4j.api.Loss). */
#define SPRED_LOSS_SQUARED 0
#define SPRED_LOSS_LOGISTIC 1

/* Heavy-ball momentum on one parameter: updates *m, returns the new parameter. */
SPRED_INLINE REAL spred_momentum(REAL theta, REAL g, SPRED_PRIVATE REAL *m, REAL lr, REAL momentum, int nesterov)
{
    REAL mi = momentum * (*m) + g;
    *m = mi;
    return theta - lr * (nesterov ? g + momentum * mi : mi);
}

/*
 * Adam on one parameter with loss gradient lg and decay coefficient decay (decay_u or decay_w, times c_g): the
 * decay joins the gradient (spred's objective) unless decoupled (AdamW). Updates *m and *v, returns the new parameter.
 */
SPRED_INLINE REAL spred_adam(REAL theta, REAL lg, REAL decay, SPRED_PRIVATE REAL *m, SPRED_PRIVATE REAL *v,
                             REAL lr, REAL beta1, REAL beta2, REAL eps, REAL bc1, REAL bc2, int decoupled)
{
    REAL g = decoupled ? lg : lg + decay * theta;
    REAL mi = beta1 * (*m) + ((REAL)1 - beta1) * g;
    REAL vi = beta2 * (*v) + ((REAL)1 - beta2) * g * g;
    *m = mi;
    *v = vi;
    REAL upd = (mi * bc1) / (sqrt(vi * bc2) + eps);
    if (decoupled) upd += decay * theta;
    return theta - lr * upd;
}

/* log(1 + e^eta) - y*eta without overflow; max(eta, 0) - y*eta first (exactly 0 for a well-classified row with y in
 * {0, 1}), then the small log1p term, so a well-classified row keeps its digits ((eta + log1p(e^-eta)) - eta lost
 * them). The Java twin (JavaContext.logisticLoss) uses the same order. */
SPRED_INLINE REAL spred_logistic_loss(REAL eta, REAL y)
{
    return (fmax(eta, (REAL)0) - y * eta) + log1p(exp(-fabs(eta)));
}

/* The mean link mean(eta) of a loss: identity (squared) or the logistic sigmoid; the residual is y - mean(eta). */
SPRED_INLINE REAL spred_mean(int loss, REAL eta)
{
    return loss == SPRED_LOSS_LOGISTIC ? (REAL)1 / ((REAL)1 + exp(-eta)) : eta;
}

/* Unit deviance codes of col_deviance (io.github.spred4j.api.Deviance): cv.glmnet's "deviance" measure. */
#define SPRED_DEV_SQUARED 0
#define SPRED_DEV_LOGISTIC 1
#define SPRED_DEV_POISSON 2

/*
 * The unit deviance d(y, eta) of data/LossFamily.deviance: the squared error (y - eta)^2; the binomial
 * -2(y log mu + (1 - y) log(1 - mu)) with mu = sigmoid(eta) clamped to [1e-5, 1 - 1e-5] (glmnet's clamp of
 * fitted probabilities); the Poisson 2(y log(y/mu) - (y - mu)) with mu = e^eta (the y log y term 0 at y = 0).
 */
SPRED_INLINE REAL spred_deviance(int family, REAL y, REAL eta)
{
    if (family == SPRED_DEV_LOGISTIC) {
        const REAL lo = (REAL)1e-5;
        REAL mu = fmin(fmax((REAL)1 / ((REAL)1 + exp(-eta)), lo), (REAL)1 - lo);
        return (REAL)-2 * (y * log(mu) + ((REAL)1 - y) * log((REAL)1 - mu));
    }
    if (family == SPRED_DEV_POISSON) {
        REAL mu = exp(eta);
        return (REAL)2 * ((y > (REAL)0 ? y * log(y / mu) : (REAL)0) - (y - mu));
    }
    return (y - eta) * (y - eta);
}

#endif /* SPRED_MATH_H */
