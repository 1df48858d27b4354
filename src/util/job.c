#include "util/job.h"

#include <string.h>

static void *job_main(void *arg)
{
    km__job *j = (km__job *)arg;
    km__err_clear();
    j->rc = j->fn(j->arg);
    if (j->rc) km__err_save(&j->err); /* the error lives in this thread's state */
    return NULL;
}

int km__job_start(km__job *j, int (*fn)(void *), void *arg)
{
    memset(j, 0, sizeof *j);
    j->fn = fn;
    j->arg = arg;
    if (pthread_create(&j->tid, NULL, job_main, j) != 0) return 0;
    j->running = 1;
    return 1;
}

int km__job_join(km__job *j)
{
    if (!j->running) return 0;
    pthread_join(j->tid, NULL);
    j->running = 0;
    return j->rc ? km__err_restore(&j->err) : 0;
}

int km__job_finish(km__job *j, int rc)
{
    km__errsave mine;
    if (rc == 0) return km__job_join(j);
    if (!j->running) return rc;
    km__err_save(&mine);
    (void)km__job_join(j);
    return km__err_restore(&mine);
}
