/* spred_kernels.h — every kernel entry point in both precisions (<stem>_f32, <stem>_f64), for the JNI bridge. */
#ifndef SPRED_KERNELS_H
#define SPRED_KERNELS_H

#include "spred_groups.h"
#include "spred_sparse.h"

#define REAL float
#define SPRED_ENTRY(stem) stem##_f32
#include "spred_protos.h"
#undef REAL
#undef SPRED_ENTRY

#define REAL double
#define SPRED_ENTRY(stem) stem##_f64
#include "spred_protos.h"
#undef REAL
#undef SPRED_ENTRY

#endif
