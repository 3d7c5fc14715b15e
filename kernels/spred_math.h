/*
 * spred_math.h — the element-wise formulas of spred, written once for every backend.
 *
 * Included by CUDA (kernels/cuda/STEM.cu), OpenCL C (kernels/opencl/STEM.cl, prepended at run time by the Java
 * backend) and C (native/STEM.c). The includer defines REAL (float or double) before including; the
 * qualifier SPRED_INLINE is chosen here per language. Formulas follow shared/docs/spred-math.md §3-4 and the
 * float64 Java reference (backend/java/JavaContext.java): gradients use the old U and W.
 *
 *   grad_u = G*W + 2*alpha*U        grad_w = G*U + 2*beta*W          (group: alpha, beta times c_g)
 *   SGD:      theta -= lr*g
 *   Momentum: m = mu*m + g;  theta -= lr*(nesterov ? g + mu*m : m)
 *   Adam:     m = b1*m + (1-b1)*g;  v = b2*v + (1-b2)*g^2;
 *             theta -= lr*(m*bc1 / (sqrt(v*bc2) + eps) [+ decay*theta if decoupled])
 *             with bc1 = 1/(1-b1^t), bc2 = 1/(1-b2^t) computed on the host in double.
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
SPRED_INLINE REAL spred_momentum(REAL theta, REAL g, SPRED_PRIVATE REAL *m, REAL lr, REAL mu, int nesterov)
{
    REAL mi = mu * (*m) + g;
    *m = mi;
    return theta - lr * (nesterov ? g + mu * mi : mi);
}

/*
 * Adam on one parameter with loss gradient lg and decay coefficient decay (2*alpha*c_g): the decay joins the
 * gradient (spred's objective) unless decoupled (AdamW). Updates *m and *v, returns the new parameter.
 */
SPRED_INLINE REAL spred_adam(REAL theta, REAL lg, REAL decay, SPRED_PRIVATE REAL *m, SPRED_PRIVATE REAL *v,
                             REAL lr, REAL b1, REAL b2, REAL eps, REAL bc1, REAL bc2, int decoupled)
{
    REAL g = decoupled ? lg : lg + decay * theta;
    REAL mi = b1 * (*m) + ((REAL)1 - b1) * g;
    REAL vi = b2 * (*v) + ((REAL)1 - b2) * g * g;
    *m = mi;
    *v = vi;
    REAL upd = (mi * bc1) / (sqrt(vi * bc2) + eps);
    if (decoupled) upd += decay * theta;
    return theta - lr * upd;
}

/* log(1 + e^eta) - y*eta without overflow. */
SPRED_INLINE REAL spred_logistic_loss(REAL eta, REAL y)
{
    return fmax(eta, (REAL)0) + log1p(exp(-fabs(eta))) - y * eta;
}

/* The mean link mu(eta) of a loss: identity (squared) or the logistic sigmoid. */
SPRED_INLINE REAL spred_mean(int loss, REAL eta)
{
    return loss == SPRED_LOSS_LOGISTIC ? (REAL)1 / ((REAL)1 + exp(-eta)) : eta;
}

#endif /* SPRED_MATH_H */
