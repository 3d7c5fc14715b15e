/*
 * spred_sparse.h — the native copy of a SparseIndex (CSR or CSC structure: int64 offsets ptr[major+1], int32
 * indices idx[nnz]) and the work split every sparse kernel uses.
 *
 * Balance for skewed rows: the majors (rows of CSR, columns of CSC) are cut into chunks of equal "merge-path"
 * length, majors + entries: chunk c starts at the first major a with a + ptr[a] >= c·(majors + nnz)/chunks. A
 * chunk is a run of whole majors, so each major is summed by one thread in index order, in double: results do
 * not depend on the thread count or the schedule. A single major longer than a chunk is not split (on the CPU a
 * row of 10⁴ entries is a few microseconds; the GPU kernels split a major across a warp).
 */
#ifndef SPRED_SPARSE_H
#define SPRED_SPARSE_H

#include <stdint.h>

typedef struct spred_sparse {
    long major;          /* rows (CSR) or columns (CSC) */
    long minor;          /* the other dimension */
    long nnz;
    int64_t *ptr;        /* major+1 offsets */
    int32_t *idx;        /* nnz indices, increasing within a major */
} spred_sparse;

/* Chunks of merge-path length about 16K: enough to balance threads, few enough to cost nothing. */
static inline long spred_sparse_chunks(const spred_sparse *s)
{
    long work = s->major + s->nnz;
    long c = work / 16384 + 1;
    return c < s->major ? c : (s->major > 0 ? s->major : 1);
}

/* First major of chunk c of nch: the smallest a with a + ptr[a] >= c·(major + nnz)/nch (binary search). */
static inline long spred_sparse_split(const spred_sparse *s, long c, long nch)
{
    if (c >= nch) return s->major;
    long target = (long)((double)c * (double)(s->major + s->nnz) / (double)nch);
    long lo = 0, hi = s->major;
    while (lo < hi) {
        long mid = lo + (hi - lo) / 2;
        if (mid + (long)s->ptr[mid] >= target) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

#endif
