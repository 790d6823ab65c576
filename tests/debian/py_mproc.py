# multiprocessing as build and test tools use it, under each start method
# given on the command line (fork: os.fork; spawn: a fresh interpreter
# exec'd with the parent's descriptors passed by number, plus the resource
# tracker process; forkserver: a server process that forks the workers and
# hands their descriptors over a Unix socket with SCM_RIGHTS): Pool (map,
# imap_unordered, starmap, apply_async with an exception), Process with
# Queue and exit codes (sys.exit, an exception, terminate, kill), Pipe,
# Lock/RLock with a shared Value, Semaphore, Event, Condition, Barrier,
# shared Array, a Manager's proxies; then concurrent.futures'
# ProcessPoolExecutor. The synchronization objects are POSIX named
# semaphores (sem_open: files in /dev/shm, reopened by name in spawned
# children) and shared memory is an mmap'ed /dev/shm file, so those paths are
# exercised too. Only the parent prints, totals are exact, nothing printed
# depends on timing or pids: the arm64 run under pvm and the amd64 run
# natively print the same. An argument "quick" before the methods keeps
# only Pool and Lock/RLock with a shared Value (QUICK: under spawn every
# child is an interpreter's start, seconds under pvm).
import multiprocessing as mp
import os
import sys


def square(x):
    return x * x


def power(x, y):
    return x ** y


def fail(x):
    raise ValueError("bad %d" % x)


def producer(q, k):
    q.put((k, sum(range(k * 1000))))


def exits(code):
    sys.exit(code)


def raises():
    raise RuntimeError("in child")


def sleeper(ev):
    ev.wait(60)


def echo_doubled(conn):
    # (a forked child holds the other end too: no EOF, a None ends it)
    while True:
        v = conn.recv()
        if v is None:
            break
        conn.send(v * 2)
    conn.close()


def add_locked(lock, val, n):
    for _ in range(n):
        with lock:
            val.value += 1


def add_rlocked(rlock, val, n):
    for _ in range(n):
        with rlock:
            with rlock:
                val.value += 2


def bounded(sem, inside, most, lock):
    for _ in range(20):
        with sem:
            with lock:
                inside.value += 1
                most.value = max(most.value, inside.value)
            with lock:
                inside.value -= 1


def wait_then_set(go, done):
    if go.wait(60):
        done.set()


def cond_waiter(cond, state):
    with cond:
        if cond.wait_for(lambda: state.value == 1, 60):
            state.value = 2
            cond.notify_all()


def at_barrier(bar, arr, k):
    arr[k] = k + 1
    bar.wait(60)
    # after the barrier every slot is filled
    arr[k + 3] = sum(arr[:3])


def fill(arr, k):
    for i in range(k, len(arr), 4):
        arr[i] = i * i


def managed(d, lst, k):
    d[k] = k * 10
    lst.append(k)


def ident(_):
    p = mp.parent_process()
    return (mp.current_process().name.startswith(("ForkPoolWorker", "SpawnPoolWorker", "ForkServerPoolWorker")),
            p is not None and os.getppid() == p.pid)


def step_pool(ctx, m):
    with ctx.Pool(2) as pool:
        print("pool map", pool.map(square, range(12)))
        print("pool imap_unordered", sorted(pool.imap_unordered(square, range(12), chunksize=3)))
        print("pool starmap", pool.starmap(power, [(2, 10), (3, 5), (7, 2)]))
        r = pool.apply_async(fail, (5,))
        try:
            r.get(60)
        except ValueError as e:
            print("pool exception", type(e).__name__, e)
        print("pool worker identity", set(pool.map(ident, range(4))))


def step_queue(ctx, m):
    q = ctx.Queue()
    ps = [ctx.Process(target=producer, args=(q, k)) for k in range(1, 4)]
    for p in ps:
        p.start()
    got = sorted(q.get(timeout=60) for _ in ps)
    for p in ps:
        p.join(60)
    print("queue", got, [p.exitcode for p in ps])


def step_exits(ctx, m):
    ps = [ctx.Process(target=exits, args=(3,)), ctx.Process(target=exits, args=(0,)),
          ctx.Process(target=raises)]
    for p in ps:
        p.start()
    for p in ps:
        p.join(60)
    print("exit codes", [p.exitcode for p in ps])
    ev = ctx.Event()
    ps = [ctx.Process(target=sleeper, args=(ev,)) for _ in range(2)]
    for p in ps:
        p.start()
    ps[0].terminate()
    ps[1].kill()
    for p in ps:
        p.join(60)
    print("terminate, kill", [p.exitcode for p in ps], [p.is_alive() for p in ps])


def step_pipe(ctx, m):
    a, b = ctx.Pipe()
    p = ctx.Process(target=echo_doubled, args=(b,))
    p.start()
    b.close()
    out = []
    for v in (1, "ab", [3, 4], b"xyz" * 1000):
        a.send(v)
        out.append(a.recv())
    a.send(None)
    a.close()
    p.join(60)
    print("pipe", out[:3], len(out[3]), p.exitcode)


def step_lock(ctx, m):
    lock = ctx.Lock()
    val = ctx.Value("i", 0)
    ps = [ctx.Process(target=add_locked, args=(lock, val, 300)) for _ in range(3)]
    for p in ps:
        p.start()
    for p in ps:
        p.join(60)
    rlock = ctx.RLock()
    ps = [ctx.Process(target=add_rlocked, args=(rlock, val, 100)) for _ in range(2)]
    for p in ps:
        p.start()
    for p in ps:
        p.join(60)
    print("lock and rlock", val.value)


def step_semaphore(ctx, m):
    lock = ctx.Lock()
    sem = ctx.Semaphore(2)
    inside = ctx.Value("i", 0, lock=False)
    most = ctx.Value("i", 0, lock=False)
    ps = [ctx.Process(target=bounded, args=(sem, inside, most, lock)) for _ in range(3)]
    for p in ps:
        p.start()
    for p in ps:
        p.join(60)
    print("semaphore", inside.value, 1 <= most.value <= 2, sem.get_value())


def step_event(ctx, m):
    go, done = ctx.Event(), ctx.Event()
    p = ctx.Process(target=wait_then_set, args=(go, done))
    p.start()
    go.set()
    print("event", done.wait(60), p.join(60), p.exitcode)


def step_condition(ctx, m):
    cond = ctx.Condition()
    state = ctx.Value("i", 0)
    p = ctx.Process(target=cond_waiter, args=(cond, state))
    p.start()
    with cond:
        state.value = 1
        cond.notify_all()
        ok = cond.wait_for(lambda: state.value == 2, 60)
    p.join(60)
    print("condition", ok, state.value)


def step_barrier(ctx, m):
    bar = ctx.Barrier(3)
    arr = ctx.Array("i", 6)
    ps = [ctx.Process(target=at_barrier, args=(bar, arr, k)) for k in range(3)]
    for p in ps:
        p.start()
    for p in ps:
        p.join(60)
    print("barrier", arr[:])


def step_array(ctx, m):
    arr = ctx.Array("q", 4096, lock=False)
    ps = [ctx.Process(target=fill, args=(arr, k)) for k in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join(60)
    print("array", arr[:4], arr[4095], all(arr[i] == i * i for i in range(4096)))


def step_manager(ctx, m):
    if m == "spawn":
        with ctx.Manager() as man:
            d, lst = man.dict(), man.list()
            ps = [ctx.Process(target=managed, args=(d, lst, k)) for k in range(3)]
            for p in ps:
                p.start()
            for p in ps:
                p.join(60)
            print("manager", sorted(d.items()), sorted(lst))


def step_executor(ctx, m):
    import concurrent.futures as cf
    with cf.ProcessPoolExecutor(max_workers=2, mp_context=ctx) as ex:
        print("executor", m, list(ex.map(square, range(10))), list(ex.map(power, [2, 3], [8, 4], chunksize=2)))
        f = ex.submit(fail, 7)
        print("executor exception", type(f.exception(60)).__name__, f.exception(60))
        fs = [ex.submit(power, 3, k) for k in range(20)]
        print("executor as_completed", sum(f.result() for f in cf.as_completed(fs, timeout=60)))


STEPS = [step_pool, step_queue, step_exits, step_pipe, step_lock, step_semaphore, step_event,
         step_condition, step_barrier, step_array, step_manager, step_executor]
# what a quick run keeps (a spawned child costs an interpreter's start)
QUICK = [step_pool, step_lock]

if __name__ == "__main__":
    steps = STEPS
    for m in sys.argv[1:]:
        if m == "quick":
            steps = QUICK
            continue
        ctx = mp.get_context(m)
        print("--", m, ctx.get_start_method())
        for step in steps:
            step(ctx, m)
            sys.stdout.flush()
    print("done")
