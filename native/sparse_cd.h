/* sparse_cd.h — the sparse lockstep coordinate-descent sweep over host arrays (sparse_cd.c; for jni_bridge.c). */
#ifndef SPARSE_CD_H
#define SPARSE_CD_H

#include <stdint.h>

/* One sweep over cols[0 .. count) (see sparse_cd.c); *result = the largest change measure. 0, or ENOMEM. */
int sparse_cd_sweep(const int *cols, int count, const int64_t *cp, const int *ri, const double *xv, const int *own,
                    double *u, int w, int k, double *b, const double *xm, const double *s, const double *a,
                    const double *cs, const int *nt, double *su, const double *yv, const unsigned char *live,
                    double la, double mu, double *result);

#endif
