/* One piece of work on a second thread, its error carried back.
 *
 * The loaders use it to overlap independent parts of a large open (the
 * partner section beside the agreements; the agreements' reference map
 * beside their party index). The library's errors are per thread, so a
 * job's failure is saved in the job and made the joining thread's error
 * by km__job_join(). The caller decides whether a thread is allowed (only
 * with libc's allocator: a host's allocator is promised the calling
 * thread) and runs the work itself when km__job_start() says no. */
#ifndef KM_UTIL_JOB_H
#define KM_UTIL_JOB_H

#include "core/error.h"

#include <pthread.h>

typedef struct km__job {
    int (*fn)(void *arg);
    void *arg;
    int rc;
    int running;
    km__errsave err;
    pthread_t tid;
} km__job;

/* Starts fn(arg) on a new thread: 1 when it runs there, 0 when no thread
 * could be made (the caller then calls fn itself). j must stay in place
 * until km__job_join(). */
int km__job_start(km__job *j, int (*fn)(void *), void *arg);

/* Waits for a started job and returns its result, its error (if any) made
 * this thread's; 0 at once for a job that is not running. */
int km__job_join(km__job *j);

/* Waits for j when the caller's own work ended with rc: a failure of the
 * caller's (rc != 0) is the one reported, its error kept; otherwise the
 * job's result, as km__job_join(). */
int km__job_finish(km__job *j, int rc);

#endif
