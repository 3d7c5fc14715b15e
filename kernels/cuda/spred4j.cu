/*
 * spred4j.cu — the one translation unit behind spred4j.fatbin: every kernel source, once per precision.
 *
 * Each <stem>.cu is REAL-generic; including it with REAL=float / SPRED_SUFFIX=f32 and again with REAL=double /
 * SPRED_SUFFIX=f64 gives the entry points <stem>_f32 and <stem>_f64 in one module, loaded once with
 * cuModuleLoadData. The shared header spred_math.h is include-guarded, so it is included here once per REAL
 * (its functions overload on REAL in C++); the static_asserts prove the double overloads exist, so a double
 * kernel can never call a float formula by implicit conversion.
 * Build: kernels/cuda/build.sh OUTDIR  (nvcc -O3 --fatbin, sm_80 + sm_90 SASS and compute_90 PTX).
 */
#include <type_traits>

#define REAL float
#define SPRED_SUFFIX f32
#include "../spred_math.h"
#include "kernels.inc"
#undef REAL
#undef SPRED_SUFFIX

#undef SPRED_MATH_H
#define REAL double
#define SPRED_SUFFIX f64
#include "../spred_math.h"
static_assert(std::is_same<decltype(spred_mean(0, (double)0)), double>::value, "spred_math.h lacks its double overloads");
static_assert(std::is_same<decltype(spred_logistic_loss((double)0, (double)0)), double>::value, "spred_math.h lacks its double overloads");
#include "kernels.inc"
#undef REAL
#undef SPRED_SUFFIX
