/*
 * jni_bridge.c — the JNI entry points of io.github.spred4j.backend.nativecpu.NativeLib.
 *
 * Buffers are 64-byte aligned native allocations addressed by a jlong handle. Arguments were validated by
 * io.github.spred4j.api.Context in Java; this file only converts handles, picks the precision (0 = float32,
 * 1 = float64) and turns a kernel's failure into io.github.spred4j.api.DeviceException (call, code name, sizes).
 * Compiled once (not per precision). Build: native/build.sh OUTDIR.
 * Every kernel wrapper takes (prec, then the kernel's own arguments in the contract order of kernels/ops.tsv:
 * length, outputs, inputs, scalars); OpTableTest checks the names and their order against the table.
 */
#include <errno.h>
#include <jni.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "spred_kernels.h"
#include "sparse_cd.h"

/* Bumped whenever a native signature changes; NativeLib checks it after loading. */
#define SPRED_ABI_VERSION 7

#define FN(name) Java_io_github_spred4j_backend_nativecpu_NativeLib_##name
#define PTR(h) ((void *)(intptr_t)(h))
#define GROUPS(h) ((const spred_groups *)(intptr_t)(h))
#define SPARSE(h) ((const spred_sparse *)(intptr_t)(h))
/* The same kernel in the buffer's precision. */
#define RUN(prec, stem, ...) ((prec) ? stem##_f64(__VA_ARGS__) : stem##_f32(__VA_ARGS__))

static const char *code_name(int rc)
{
    switch (rc) {
    case ENOMEM: return "ENOMEM";
    case EINVAL: return "EINVAL";
    default: return "ERROR";
    }
}

/* Throws DeviceException.of(call, codeName, rc, details). */
static void throw_device(JNIEnv *env, const char *call, int rc, const char *details)
{
    jclass cls = (*env)->FindClass(env, "io/github/spred4j/api/DeviceException");
    if (!cls) return; /* NoClassDefFoundError pending */
    jmethodID of = (*env)->GetStaticMethodID(env, cls, "of",
        "(Ljava/lang/String;Ljava/lang/String;ILjava/lang/String;)Lio/github/spred4j/api/DeviceException;");
    if (!of) return;
    jstring jcall = (*env)->NewStringUTF(env, call);
    jstring jcode = (*env)->NewStringUTF(env, code_name(rc));
    jstring jdet = (*env)->NewStringUTF(env, details);
    if (!jcall || !jcode || !jdet) return;
    jobject ex = (*env)->CallStaticObjectMethod(env, cls, of, jcall, jcode, (jint)rc, jdet);
    if (ex && !(*env)->ExceptionCheck(env)) (*env)->Throw(env, (jthrowable)ex);
}

static void check(JNIEnv *env, int rc, const char *call, long n, long p, long k, int prec)
{
    if (rc == 0) return;
    char det[160];
    snprintf(det, sizeof det, "n=%ld, p=%ld, k=%ld, %s", n, p, k, prec ? "float64" : "float32");
    throw_device(env, call, rc, det);
}

/* ------------------------------------------------------------------ library */

JNIEXPORT jint JNICALL FN(abiVersion)(JNIEnv *env, jclass cls)
{
    (void)env; (void)cls;
    return SPRED_ABI_VERSION;
}

JNIEXPORT jint JNICALL FN(maxThreads)(JNIEnv *env, jclass cls)
{
    (void)env; (void)cls;
    return omp_get_max_threads();
}

/* Sets the OpenMP team size of the calling thread's later kernels (an OpenMP ICV is per thread). */
JNIEXPORT void JNICALL FN(setThreads)(JNIEnv *env, jclass cls, jint t)
{
    (void)env; (void)cls;
    if (t > 0) omp_set_num_threads(t);
}

/* ------------------------------------------------------------------ memory */

/* Buffers and group indexes allocated and not yet freed: the leak tests read it (NativeLib.liveAllocations). */
static long live_allocs;

JNIEXPORT jlong JNICALL FN(liveAllocations)(JNIEnv *env, jclass cls)
{
    (void)env; (void)cls;
    return __atomic_load_n(&live_allocs, __ATOMIC_RELAXED);
}

JNIEXPORT jlong JNICALL FN(alloc)(JNIEnv *env, jclass cls, jlong bytes)
{
    (void)env; (void)cls;
    if (bytes < 0) return 0;
    size_t size = ((size_t)bytes + 63) & ~(size_t)63;
    if (size == 0) size = 64;
    void *p = NULL;
    if (posix_memalign(&p, 64, size) != 0) return 0;
    __atomic_add_fetch(&live_allocs, 1, __ATOMIC_RELAXED);
    return (jlong)(intptr_t)p;
}

JNIEXPORT void JNICALL FN(free)(JNIEnv *env, jclass cls, jlong addr)
{
    (void)env; (void)cls;
    if (addr) __atomic_sub_fetch(&live_allocs, 1, __ATOMIC_RELAXED);
    free(PTR(addr));
}

JNIEXPORT void JNICALL FN(copyFromDoubles)(JNIEnv *env, jclass cls, jlong addr, jint prec, jlong dstOff,
                                           jdoubleArray src, jint srcOff, jint count)
{
    (void)cls;
    if (prec) {
        (*env)->GetDoubleArrayRegion(env, src, srcOff, count, (double *)PTR(addr) + dstOff);
        return;
    }
    double *s = (*env)->GetPrimitiveArrayCritical(env, src, NULL);
    if (!s) return; /* OutOfMemoryError pending */
    float *d = (float *)PTR(addr) + dstOff;
    for (jint i = 0; i < count; i++) d[i] = (float)s[srcOff + i];
    (*env)->ReleasePrimitiveArrayCritical(env, src, s, JNI_ABORT);
}

JNIEXPORT void JNICALL FN(copyFromFloats)(JNIEnv *env, jclass cls, jlong addr, jint prec, jlong dstOff,
                                          jfloatArray src, jint srcOff, jint count)
{
    (void)cls;
    if (!prec) {
        (*env)->GetFloatArrayRegion(env, src, srcOff, count, (float *)PTR(addr) + dstOff);
        return;
    }
    float *s = (*env)->GetPrimitiveArrayCritical(env, src, NULL);
    if (!s) return;
    double *d = (double *)PTR(addr) + dstOff;
    for (jint i = 0; i < count; i++) d[i] = s[srcOff + i];
    (*env)->ReleasePrimitiveArrayCritical(env, src, s, JNI_ABORT);
}

JNIEXPORT void JNICALL FN(copyToDoubles)(JNIEnv *env, jclass cls, jlong addr, jint prec, jlong srcOff,
                                         jdoubleArray dst, jint dstOff, jint count)
{
    (void)cls;
    if (prec) {
        (*env)->SetDoubleArrayRegion(env, dst, dstOff, count, (const double *)PTR(addr) + srcOff);
        return;
    }
    double *d = (*env)->GetPrimitiveArrayCritical(env, dst, NULL);
    if (!d) return;
    const float *s = (const float *)PTR(addr) + srcOff;
    for (jint i = 0; i < count; i++) d[dstOff + i] = s[i];
    (*env)->ReleasePrimitiveArrayCritical(env, dst, d, 0);
}

JNIEXPORT void JNICALL FN(copyToFloats)(JNIEnv *env, jclass cls, jlong addr, jint prec, jlong srcOff,
                                        jfloatArray dst, jint dstOff, jint count)
{
    (void)cls;
    if (!prec) {
        (*env)->SetFloatArrayRegion(env, dst, dstOff, count, (const float *)PTR(addr) + srcOff);
        return;
    }
    float *d = (*env)->GetPrimitiveArrayCritical(env, dst, NULL);
    if (!d) return;
    const double *s = (const double *)PTR(addr) + srcOff;
    for (jint i = 0; i < count; i++) d[dstOff + i] = (float)s[i];
    (*env)->ReleasePrimitiveArrayCritical(env, dst, d, 0);
}

/* ------------------------------------------------------------------ groups */

JNIEXPORT jlong JNICALL FN(groupsCreate)(JNIEnv *env, jclass cls, jintArray offsets, jdoubleArray weights)
{
    (void)cls;
    jsize m = (*env)->GetArrayLength(env, weights);
    jint *off = (*env)->GetIntArrayElements(env, offsets, NULL);
    if (!off) return 0;
    jdouble *wt = (*env)->GetDoubleArrayElements(env, weights, NULL);
    if (!wt) {
        (*env)->ReleaseIntArrayElements(env, offsets, off, JNI_ABORT);
        return 0;
    }
    spred_groups *g = spred_groups_create((const int *)off, (const double *)wt, (int)m);
    (*env)->ReleaseDoubleArrayElements(env, weights, wt, JNI_ABORT);
    (*env)->ReleaseIntArrayElements(env, offsets, off, JNI_ABORT);
    if (g) __atomic_add_fetch(&live_allocs, 1, __ATOMIC_RELAXED);
    return (jlong)(intptr_t)g;
}

JNIEXPORT void JNICALL FN(groupsFree)(JNIEnv *env, jclass cls, jlong h)
{
    (void)env; (void)cls;
    if (h) __atomic_sub_fetch(&live_allocs, 1, __ATOMIC_RELAXED);
    spred_groups_free((spred_groups *)PTR(h));
}

/* ------------------------------------------------------------------ element-wise and fused updates */

JNIEXPORT void JNICALL FN(hadamard)(JNIEnv *env, jclass cls, jint prec, jlong n, jlong v, jlong u, jlong w)
{
    (void)cls;
    check(env, RUN(prec, hadamard, n, PTR(v), PTR(u), PTR(w)), "hadamard", n, 0, 0, prec);
}

JNIEXPORT void JNICALL FN(groupHadamard)(JNIEnv *env, jclass cls, jint prec, jlong gs, jlong v, jlong u, jlong w)
{
    (void)cls;
    check(env, RUN(prec, group_hadamard, GROUPS(gs), PTR(v), PTR(u), PTR(w)), "group_hadamard",
          GROUPS(gs)->p, GROUPS(gs)->m, 0, prec);
}

JNIEXPORT void JNICALL FN(gradSplit)(JNIEnv *env, jclass cls, jint prec, jlong n, jlong du, jlong dw, jlong g,
                                     jlong u, jlong w, jdouble decay_u, jdouble decay_w)
{
    (void)cls;
    check(env, RUN(prec, grad_split, n, PTR(du), PTR(dw), PTR(g), PTR(u), PTR(w), decay_u, decay_w), "grad_split",
          n, 0, 0, prec);
}

JNIEXPORT void JNICALL FN(groupGradSplit)(JNIEnv *env, jclass cls, jint prec, jlong gs, jlong du, jlong dw,
                                          jlong g, jlong u, jlong w, jdouble decay_u, jdouble decay_w)
{
    (void)cls;
    check(env, RUN(prec, group_grad_split, GROUPS(gs), PTR(du), PTR(dw), PTR(g), PTR(u), PTR(w), decay_u, decay_w),
          "group_grad_split", GROUPS(gs)->p, GROUPS(gs)->m, 0, prec);
}

JNIEXPORT void JNICALL FN(sgdUpdate)(JNIEnv *env, jclass cls, jint prec, jlong n, jlong u, jlong w, jlong v,
                                     jlong g, jdouble lr, jdouble decay_u, jdouble decay_w)
{
    (void)cls;
    check(env, RUN(prec, sgd_update, n, PTR(u), PTR(w), PTR(v), PTR(g), lr, decay_u, decay_w), "sgd_update",
          n, 0, 0, prec);
}

JNIEXPORT void JNICALL FN(momentumUpdate)(JNIEnv *env, jclass cls, jint prec, jlong n, jlong u, jlong w, jlong v,
                                          jlong m_u, jlong m_w, jlong g, jdouble lr, jdouble momentum,
                                          jboolean nesterov, jdouble decay_u, jdouble decay_w)
{
    (void)cls;
    check(env, RUN(prec, momentum_update, n, PTR(u), PTR(w), PTR(v), PTR(m_u), PTR(m_w), PTR(g), lr, momentum,
                   nesterov ? 1 : 0, decay_u, decay_w), "momentum_update", n, 0, 0, prec);
}

JNIEXPORT void JNICALL FN(adamUpdate)(JNIEnv *env, jclass cls, jint prec, jlong n, jlong u, jlong w, jlong v,
                                      jlong m_u, jlong v_u, jlong m_w, jlong v_w, jlong g, jdouble lr, jdouble beta1,
                                      jdouble beta2, jdouble eps, jdouble bc1, jdouble bc2, jdouble decay_u,
                                      jdouble decay_w, jboolean decoupled)
{
    (void)cls;
    check(env, RUN(prec, adam_update, n, PTR(u), PTR(w), PTR(v), PTR(m_u), PTR(v_u), PTR(m_w), PTR(v_w), PTR(g),
                   lr, beta1, beta2, eps, bc1, bc2, decay_u, decay_w, decoupled ? 1 : 0), "adam_update", n, 0, 0, prec);
}

JNIEXPORT void JNICALL FN(groupSgdUpdate)(JNIEnv *env, jclass cls, jint prec, jlong gs, jlong u, jlong w, jlong v,
                                          jlong g, jdouble lr, jdouble decay_u, jdouble decay_w)
{
    (void)cls;
    check(env, RUN(prec, group_sgd_update, GROUPS(gs), PTR(u), PTR(w), PTR(v), PTR(g), lr, decay_u, decay_w),
          "group_sgd_update", GROUPS(gs)->p, GROUPS(gs)->m, 0, prec);
}

JNIEXPORT void JNICALL FN(groupMomentumUpdate)(JNIEnv *env, jclass cls, jint prec, jlong gs, jlong u, jlong w,
                                               jlong v, jlong m_u, jlong m_w, jlong g, jdouble lr, jdouble momentum,
                                               jboolean nesterov, jdouble decay_u, jdouble decay_w)
{
    (void)cls;
    check(env, RUN(prec, group_momentum_update, GROUPS(gs), PTR(u), PTR(w), PTR(v), PTR(m_u), PTR(m_w), PTR(g), lr,
                   momentum, nesterov ? 1 : 0, decay_u, decay_w), "group_momentum_update", GROUPS(gs)->p,
          GROUPS(gs)->m, 0, prec);
}

JNIEXPORT void JNICALL FN(groupAdamUpdate)(JNIEnv *env, jclass cls, jint prec, jlong gs, jlong u, jlong w, jlong v,
                                           jlong m_u, jlong v_u, jlong m_w, jlong v_w, jlong g, jdouble lr,
                                           jdouble beta1, jdouble beta2, jdouble eps, jdouble bc1, jdouble bc2,
                                           jdouble decay_u, jdouble decay_w, jboolean decoupled)
{
    (void)cls;
    check(env, RUN(prec, group_adam_update, GROUPS(gs), PTR(u), PTR(w), PTR(v), PTR(m_u), PTR(v_u), PTR(m_w),
                   PTR(v_w), PTR(g), lr, beta1, beta2, eps, bc1, bc2, decay_u, decay_w, decoupled ? 1 : 0),
          "group_adam_update", GROUPS(gs)->p, GROUPS(gs)->m, 0, prec);
}

/* ------------------------------------------------------------------ reductions */

#define REDUCTION(stem, ...)                                                                           \
    {                                                                                                  \
        double result = 0;                                                                             \
        check(env, RUN(prec, stem, n, &result, __VA_ARGS__), #stem, n, 0, 0, prec);                    \
        return result;                                                                                 \
    }

JNIEXPORT jdouble JNICALL FN(dot)(JNIEnv *env, jclass cls, jint prec, jlong n, jlong x, jlong y)
{
    (void)cls;
    REDUCTION(dot, PTR(x), PTR(y))
}

JNIEXPORT jdouble JNICALL FN(sumSquares)(JNIEnv *env, jclass cls, jint prec, jlong n, jlong x)
{
    (void)cls;
    REDUCTION(sum_squares, PTR(x))
}

JNIEXPORT jdouble JNICALL FN(maxAbs)(JNIEnv *env, jclass cls, jint prec, jlong n, jlong x)
{
    (void)cls;
    REDUCTION(max_abs, PTR(x))
}

JNIEXPORT jdouble JNICALL FN(sum)(JNIEnv *env, jclass cls, jint prec, jlong n, jlong x)
{
    (void)cls;
    REDUCTION(sum, PTR(x))
}

JNIEXPORT jdouble JNICALL FN(logisticLoss)(JNIEnv *env, jclass cls, jint prec, jlong n, jlong eta, jlong y)
{
    (void)cls;
    REDUCTION(logistic_loss, PTR(eta), PTR(y))
}

/* ------------------------------------------------------------------ vector work */

JNIEXPORT void JNICALL FN(axpy)(JNIEnv *env, jclass cls, jint prec, jlong n, jlong y, jlong x, jdouble a)
{
    (void)cls;
    check(env, RUN(prec, axpy, n, PTR(y), PTR(x), a), "axpy", n, 0, 0, prec);
}

JNIEXPORT void JNICALL FN(scale)(JNIEnv *env, jclass cls, jint prec, jlong n, jlong x, jdouble a)
{
    (void)cls;
    check(env, RUN(prec, scale, n, PTR(x), a), "scale", n, 0, 0, prec);
}

JNIEXPORT void JNICALL FN(fill)(JNIEnv *env, jclass cls, jint prec, jlong n, jlong x, jdouble value)
{
    (void)cls;
    check(env, RUN(prec, fill, n, PTR(x), value), "fill", n, 0, 0, prec);
}

JNIEXPORT void JNICALL FN(copy)(JNIEnv *env, jclass cls, jint prec, jlong n, jlong dst, jlong src)
{
    (void)cls;
    check(env, RUN(prec, copy, n, PTR(dst), PTR(src)), "copy", n, 0, 0, prec);
}

/* ------------------------------------------------------------------ matrix passes */

JNIEXPORT void JNICALL FN(matVec)(JNIEnv *env, jclass cls, jint prec, jint n, jint p, jint k, jlong out, jlong x,
                                  jlong b)
{
    (void)cls;
    check(env, RUN(prec, mat_vec, n, p, k, PTR(out), PTR(x), PTR(b)), "mat_vec", n, p, k, prec);
}

JNIEXPORT void JNICALL FN(matTVec)(JNIEnv *env, jclass cls, jint prec, jint n, jint p, jint k, jlong out, jlong x,
                                   jlong r)
{
    (void)cls;
    check(env, RUN(prec, mat_t_vec, n, p, k, PTR(out), PTR(x), PTR(r)), "mat_t_vec", n, p, k, prec);
}

JNIEXPORT void JNICALL FN(lossGradient)(JNIEnv *env, jclass cls, jint prec, jint n, jint p, jint k, jlong grad,
                                        jlong eta, jlong r, jlong x, jlong b, jlong offset, jlong y, jint loss)
{
    (void)cls;
    check(env, RUN(prec, loss_gradient, n, p, k, PTR(grad), PTR(eta), PTR(r), PTR(x), PTR(b), PTR(offset), PTR(y),
                   loss), "loss_gradient", n, p, k, prec);
}

/* GEMM-shaped passes for many vectors (gemm_common.h) */

JNIEXPORT void JNICALL FN(gemmXtR)(JNIEnv *env, jclass cls, jint prec, jint n, jint p, jint k, jlong out, jlong x,
                                   jlong r)
{
    (void)cls;
    check(env, RUN(prec, gemm_xtr, n, p, k, PTR(out), PTR(x), PTR(r)), "gemm_xtr", n, p, k, prec);
}

JNIEXPORT void JNICALL FN(gemmXB)(JNIEnv *env, jclass cls, jint prec, jint n, jint p, jint k, jlong out, jlong x,
                                  jlong b)
{
    (void)cls;
    check(env, RUN(prec, gemm_xb, n, p, k, PTR(out), PTR(x), PTR(b)), "gemm_xb", n, p, k, prec);
}

JNIEXPORT void JNICALL FN(gramCols)(JNIEnv *env, jclass cls, jint prec, jint n, jint p, jint k, jlong out, jlong x,
                                    jlong mean, jintArray cols)
{
    (void)cls;
    jint *c = (*env)->GetIntArrayElements(env, cols, NULL);
    if (!c) return; /* OutOfMemoryError pending */
    int rc = RUN(prec, gram_cols, n, p, k, PTR(out), PTR(x), PTR(mean), (const int *)c);
    (*env)->ReleaseIntArrayElements(env, cols, c, JNI_ABORT);
    check(env, rc, "gram_cols", n, p, k, prec);
}

/* ------------------------------------------------------------------ sparse X (structure copied once) */

JNIEXPORT jlong JNICALL FN(sparseCreate)(JNIEnv *env, jclass cls, jlong minor, jlongArray ptr, jintArray idx)
{
    (void)cls;
    jsize np = (*env)->GetArrayLength(env, ptr), nz = (*env)->GetArrayLength(env, idx);
    spred_sparse *s = calloc(1, sizeof *s);
    if (!s) return 0;
    s->major = (long)np - 1;
    s->minor = (long)minor;
    s->nnz = (long)nz;
    s->ptr = malloc(sizeof(int64_t) * (size_t)np);
    s->idx = malloc(sizeof(int32_t) * (size_t)(nz > 0 ? nz : 1));
    if (!s->ptr || !s->idx) {
        free(s->ptr);
        free(s->idx);
        free(s);
        return 0;
    }
    (*env)->GetLongArrayRegion(env, ptr, 0, np, (jlong *)s->ptr);
    (*env)->GetIntArrayRegion(env, idx, 0, nz, (jint *)s->idx);
    return (jlong)(intptr_t)s;
}

JNIEXPORT void JNICALL FN(sparseFree)(JNIEnv *env, jclass cls, jlong h)
{
    (void)env; (void)cls;
    spred_sparse *s = (spred_sparse *)(intptr_t)h;
    if (!s) return;
    free(s->ptr);
    free(s->idx);
    free(s);
}

JNIEXPORT void JNICALL FN(csrResidual)(JNIEnv *env, jclass cls, jint prec, jint n, jint p, jlong x, jlong eta,
                                       jlong r, jlong val, jlong b, jlong y, jdouble offset, jint loss)
{
    (void)cls;
    check(env, RUN(prec, csr_residual, n, p, SPARSE(x), PTR(eta), PTR(r), PTR(val), PTR(b), PTR(y), offset, loss),
          "csr_residual", n, p, SPARSE(x)->nnz, prec);
}

JNIEXPORT void JNICALL FN(cscMatTVec)(JNIEnv *env, jclass cls, jint prec, jint n, jint p, jlong x, jlong out,
                                      jlong val, jlong r)
{
    (void)cls;
    check(env, RUN(prec, csc_mat_t_vec, n, p, SPARSE(x), PTR(out), PTR(val), PTR(r)), "csc_mat_t_vec", n, p,
          SPARSE(x)->nnz, prec);
}

JNIEXPORT void JNICALL FN(cscColStats)(JNIEnv *env, jclass cls, jint prec, jint n, jint p, jlong x, jlong sum,
                                       jlong sumsq, jlong val, jlong centre)
{
    (void)cls;
    check(env, RUN(prec, csc_col_stats, n, p, SPARSE(x), PTR(sum), PTR(sumsq), PTR(val), PTR(centre)), "csc_col_stats",
          n, p, SPARSE(x)->nnz, prec);
}

JNIEXPORT void JNICALL FN(cscGather)(JNIEnv *env, jclass cls, jint prec, jint n, jint p, jlong x, jlong out,
                                     jlong val, jintArray cols, jint m)
{
    (void)cls;
    jint *c = (*env)->GetIntArrayElements(env, cols, NULL);
    if (!c) return; /* OutOfMemoryError pending */
    int rc = RUN(prec, csc_gather, n, p, SPARSE(x), PTR(out), PTR(val), (const int *)c, m);
    (*env)->ReleaseIntArrayElements(env, cols, c, JNI_ABORT);
    check(env, rc, "csc_gather", n, p, m, prec);
}

/* ------------------------------------------------------------------ device-resident control (issue 12 item 5) */

JNIEXPORT void JNICALL FN(colStats)(JNIEnv *env, jclass cls, jint prec, jint n, jint p, jlong sum, jlong sumsq,
                                    jlong x, jlong centre)
{
    (void)cls;
    check(env, RUN(prec, col_stats, n, p, PTR(sum), PTR(sumsq), PTR(x), PTR(centre)), "col_stats", n, p, 1, prec);
}

/* -------------------------- device-resident control, second half: dual point, gap pieces, screening over p */

JNIEXPORT void JNICALL FN(centreScale)(JNIEnv *env, jclass cls, jint prec, jlong n, jlong g, jlong xbar, jlong scale,
                                       jdouble sr, jdouble nrows)
{
    (void)cls;
    check(env, RUN(prec, centre_scale, n, PTR(g), PTR(xbar), PTR(scale), sr, nrows), "centre_scale", n, 0, 0, prec);
}

JNIEXPORT jdouble JNICALL FN(softSq)(JNIEnv *env, jclass cls, jint prec, jlong n, jlong g, jdouble t, jdouble la)
{
    (void)cls;
    REDUCTION(soft_sq, PTR(g), t, la)
}

JNIEXPORT jdouble JNICALL FN(selectAbove)(JNIEnv *env, jclass cls, jint prec, jlong n, jlong cols, jlong val, jlong g,
                                          jdouble tau)
{
    (void)cls;
    REDUCTION(select_above, PTR(cols), PTR(val), PTR(g), tau)
}

/* ------------------------------------------------------------------ many problems at once (issue 14) */

JNIEXPORT void JNICALL FN(colDeviance)(JNIEnv *env, jclass cls, jint prec, jint n, jint k, jlong dev, jlong eta,
                                       jlong y, jlong offset, jint family)
{
    (void)cls;
    check(env, RUN(prec, col_deviance, n, k, PTR(dev), PTR(eta), PTR(y), PTR(offset), family), "col_deviance", n, 0, k,
          prec);
}

/* ------------------------------------------------------------------ fused coordinate descent (issue 12) */

JNIEXPORT void JNICALL FN(cdSweep)(JNIEnv *env, jclass cls, jint prec, jint n, jint p, jlong b, jlong r, jlong eta,
                                   jlong state, jlong x, jlong w, jlong xbar, jlong scale, jlong a, jlong sw, jdouble la,
                                   jdouble mu, jdouble sum_w, jdouble thr, jint sweeps, jint flags)
{
    (void)cls;
    check(env, RUN(prec, cd_sweep, n, p, PTR(b), PTR(r), PTR(eta), PTR(state), PTR(x), PTR(w), PTR(xbar), PTR(scale),
                   PTR(a), PTR(sw), la, mu, sum_w, thr, sweeps, flags), "cd_sweep", n, p, sweeps, prec);
}

/* ------------------------------------------------------------------ sparse lockstep CD over host arrays (issue 14) */

/*
 * Pins the n arrays (GetPrimitiveArrayCritical: no copy on HotSpot) into ptr; on failure releases those pinned and
 * returns 0. Between pin_all and unpin_all no other JNI call may run (the critical-region rule).
 */
static int pin_all(JNIEnv *env, int n, const jarray *arr, void **ptr)
{
    for (int i = 0; i < n; i++) {
        ptr[i] = (*env)->GetPrimitiveArrayCritical(env, arr[i], NULL);
        if (!ptr[i]) {
            while (--i >= 0) (*env)->ReleasePrimitiveArrayCritical(env, arr[i], ptr[i], JNI_ABORT);
            return 0;
        }
    }
    return 1;
}

/* Releases in reverse order; the first `written` arrays are copied back (mode 0), the others dropped (JNI_ABORT). */
static void unpin_all(JNIEnv *env, int n, int written, const jarray *arr, void **ptr)
{
    for (int i = n - 1; i >= 0; i--) (*env)->ReleasePrimitiveArrayCritical(env, arr[i], ptr[i], i < written ? 0 : JNI_ABORT);
}

/*
 * One sweep of SparseCd over the columns cols[0 .. count) in place on the Java arrays (sparse_cd.c); returns the
 * largest change measure. Java (NativeSparseCd) has checked every length and column index.
 */
JNIEXPORT jdouble JNICALL FN(sparseCdSweep)(JNIEnv *env, jclass cls, jintArray cols, jint count, jlongArray cp,
                                            jintArray ri, jdoubleArray xv, jintArray own, jdoubleArray u, jint w, jint k,
                                            jdoubleArray b, jdoubleArray xm, jdoubleArray s, jdoubleArray a,
                                            jdoubleArray cs, jintArray nt, jdoubleArray su, jdoubleArray yv,
                                            jbooleanArray live, jdouble la, jdouble mu)
{
    (void)cls;
    enum { U, B, SU, COLS, CP, RI, XV, OWN, XM, S, A, CS, NT, YV, LIVE, N };
    const jarray arr[N] = {u, b, su, cols, cp, ri, xv, own, xm, s, a, cs, nt, yv, live};
    void *ptr[N];
    if (!pin_all(env, N, arr, ptr)) {
        if (!(*env)->ExceptionCheck(env)) throw_device(env, "sparse_cd_sweep", ENOMEM, "cannot pin the Java arrays");
        return 0;
    }
    double d = 0;
    int rc = sparse_cd_sweep(ptr[COLS], count, ptr[CP], ptr[RI], ptr[XV], ptr[OWN], ptr[U], w, k, ptr[B], ptr[XM],
                             ptr[S], ptr[A], ptr[CS], ptr[NT], ptr[SU], ptr[YV], ptr[LIVE], la, mu, &d);
    unpin_all(env, N, SU + 1, arr, ptr);
    check(env, rc, "sparse_cd_sweep", count, k, w, 1);
    return d;
}
