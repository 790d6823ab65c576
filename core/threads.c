/* The live guest threads (see threads.h): a circular list through
 * cpu->thread_next/prev, guarded by threads_lock. */
#include "core/threads.h"

#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t threads_lock = PTHREAD_MUTEX_INITIALIZER;
static struct cpu *threads_head;
static int threads_n;

void threads_add(struct cpu *c)
{
    pthread_mutex_lock(&threads_lock);
    if (!threads_head) {
        c->thread_next = c->thread_prev = c;
        threads_head = c;
    } else {
        c->thread_next = threads_head;
        c->thread_prev = threads_head->thread_prev;
        threads_head->thread_prev->thread_next = c;
        threads_head->thread_prev = c;
    }
    threads_n++;
    pthread_mutex_unlock(&threads_lock);
}

int threads_remove(struct cpu *c)
{
    pthread_mutex_lock(&threads_lock);
    if (c->thread_next) {
        if (c->thread_next == c) {
            threads_head = NULL;
        } else {
            c->thread_prev->thread_next = c->thread_next;
            c->thread_next->thread_prev = c->thread_prev;
            if (threads_head == c)
                threads_head = c->thread_next;
        }
        c->thread_next = c->thread_prev = NULL;
        threads_n--;
    }
    int n = threads_n;
    pthread_mutex_unlock(&threads_lock);
    return n;
}

int threads_count(void)
{
    pthread_mutex_lock(&threads_lock);
    int n = threads_n;
    pthread_mutex_unlock(&threads_lock);
    return n;
}

void threads_copy_cpu(struct cpu *dst, const struct cpu *src)
{
    pthread_mutex_lock(&threads_lock);
    *dst = *src;
    pthread_mutex_unlock(&threads_lock);
    dst->thread_next = dst->thread_prev = NULL;
}

bool threads_listed(const struct cpu *c)
{
    pthread_mutex_lock(&threads_lock);
    bool in = c->thread_next != NULL;
    pthread_mutex_unlock(&threads_lock);
    return in;
}

void threads_foreach(void (*fn)(struct cpu *c, void *ctx), void *ctx)
{
    pthread_mutex_lock(&threads_lock);
    struct cpu *c = threads_head;
    if (c) {
        do {
            fn(c, ctx);
            c = c->thread_next;
        } while (c != threads_head);
    }
    pthread_mutex_unlock(&threads_lock);
}

void threads_after_fork(struct cpu *self)
{
    pthread_mutex_init(&threads_lock, NULL);
    self->thread_next = self->thread_prev = self;
    threads_head = self;
    threads_n = 1;
}
