# threads under load: a ThreadPoolExecutor of 8 workers, threading's Lock,
# RLock, Condition, Event, Barrier and Semaphore, queue.Queue producers and
# consumers, thread-local data, then a ProcessPoolExecutor (forked workers,
# a feeder thread, pipes); every total is exact and printed in a fixed
# order, so lost updates, lost wake-ups or a deadlock show as a difference
# (or a timeout). The workers call time.sleep(0) and hashlib to give the GIL
# up often, so the threads interleave on every machine.
import concurrent.futures as cf
import hashlib
import queue
import sys
import threading
import time

sys.setswitchinterval(1e-5)


def digest(n):
    h = hashlib.sha256()
    for i in range(n):
        h.update(i.to_bytes(4, "little"))
        if i % 64 == 0:
            time.sleep(0)
    return n, h.hexdigest()[:16]


# -- concurrent.futures: map keeps the input order; as_completed collects all
with cf.ThreadPoolExecutor(max_workers=8) as ex:
    res = list(ex.map(digest, range(200, 264)))
    print("map", len(res), res[0], res[-1], hashlib.md5(repr(res).encode()).hexdigest())
    futs = [ex.submit(pow, 3, k, 1000003) for k in range(500)]
    print("submit", sum(f.result() for f in cf.as_completed(futs)))
    bad = ex.submit(lambda: 1 // 0)
    print("exception", type(bad.exception(timeout=30)).__name__)

# -- Lock: 8 threads x 2000 increments of one counter
lock = threading.Lock()
count = [0]


def inc(n):
    for _ in range(n):
        with lock:
            v = count[0]
            if n % 7 == 0:
                time.sleep(0)
            count[0] = v + 1


ts = [threading.Thread(target=inc, args=(2000 + k,)) for k in range(8)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("lock", count[0], sum(2000 + k for k in range(8)))

# -- RLock: re-entered by the thread that holds it
rl = threading.RLock()
depth = []


def nested(k):
    with rl:
        with rl:
            depth.append(k)


ts = [threading.Thread(target=nested, args=(k,)) for k in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("rlock", sorted(depth))

# -- Condition: a bounded buffer, 4 producers and 4 consumers, by hand
cond = threading.Condition()
buf = []
consumed = [0, 0]
N = 1000


def cproducer(base):
    for i in range(N):
        with cond:
            cond.wait_for(lambda: len(buf) < 16)
            buf.append(base + i)
            cond.notify_all()


def cconsumer():
    while True:
        with cond:
            cond.wait_for(lambda: buf)
            v = buf.pop(0)
            cond.notify_all()
        if v < 0:
            return
        with lock:
            consumed[0] += 1
            consumed[1] += v


prods = [threading.Thread(target=cproducer, args=(k * N,)) for k in range(4)]
cons = [threading.Thread(target=cconsumer) for _ in range(4)]
for t in prods + cons:
    t.start()
for t in prods:
    t.join()
for _ in cons:
    with cond:
        cond.wait_for(lambda: len(buf) < 16)
        buf.append(-1)
        cond.notify_all()
for t in cons:
    t.join()
print("condition", consumed, sum(range(4 * N)))

# -- Event: 8 waiters released at once
ev = threading.Event()
woke = []


def waiter(k):
    if ev.wait(timeout=60):
        with lock:
            woke.append(k)


ts = [threading.Thread(target=waiter, args=(k,)) for k in range(8)]
for t in ts:
    t.start()
time.sleep(0.05)
print("event before", len(woke), ev.is_set())
ev.set()
for t in ts:
    t.join()
print("event after", sorted(woke))

# -- Barrier: 6 parties, 20 rounds; each round's sums are exact only if no
# thread runs ahead into the next round
parties, rounds = 6, 20
bar = threading.Barrier(parties, timeout=60)
slots = [0] * parties
sums = []


def phased(k):
    for r in range(rounds):
        slots[k] = r * 10 + k
        if bar.wait() == 0:
            sums.append(sum(slots))
        bar.wait()


ts = [threading.Thread(target=phased, args=(k,)) for k in range(parties)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("barrier", sums == [r * 10 * parties + sum(range(parties)) for r in range(rounds)], len(sums), bar.broken)

# -- Semaphore: never more than 3 inside at once
sem = threading.BoundedSemaphore(3)
inside = [0, 0]


def limited():
    for _ in range(200):
        with sem:
            with lock:
                inside[0] += 1
                inside[1] = max(inside[1], inside[0])
            time.sleep(0)
            with lock:
                inside[0] -= 1


ts = [threading.Thread(target=limited) for _ in range(8)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("semaphore", inside[0], inside[1] <= 3)

# -- queue.Queue: 3 producers, 5 consumers, a bounded queue, task_done/join
q = queue.Queue(maxsize=32)
out = queue.Queue()
P, M = 3, 1500


def qproducer(k):
    for i in range(M):
        q.put((k, i))


def qconsumer():
    n = s = 0
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        n += 1
        s += item[0] * M + item[1]
        q.task_done()
    out.put((n, s))


cs = [threading.Thread(target=qconsumer) for _ in range(5)]
ps = [threading.Thread(target=qproducer, args=(k,)) for k in range(P)]
for t in cs + ps:
    t.start()
for t in ps:
    t.join()
q.join()
for _ in cs:
    q.put(None)
for t in cs:
    t.join()
got = [out.get() for _ in cs]
print("queue", sum(n for n, _ in got), sum(s for _, s in got), sum(range(P * M)), q.empty())

# -- thread-local data and names
loc = threading.local()


def local_work(k):
    loc.v = k
    time.sleep(0.001)
    with lock:
        woke.append(loc.v == k)


woke.clear()
ts = [threading.Thread(target=local_work, args=(k,), name="w%d" % k) for k in range(8)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("local", all(woke), len(woke), sorted(t.name for t in ts)[:3], threading.active_count())

# -- ProcessPoolExecutor: forked workers fed through pipes by a feeder
# thread, results in input order
if __name__ == "__main__":
    with cf.ProcessPoolExecutor(max_workers=2) as ex:
        print("processes", sum(ex.map(pow, range(1000), [2] * 1000, chunksize=50)), list(ex.map(digest, [10, 20])))
