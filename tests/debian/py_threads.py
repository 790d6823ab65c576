# threads: workers computing sums, a queue, a lock-protected counter and a
# condition variable; results printed in a fixed order
import queue
import threading

q = queue.Queue()
lock = threading.Lock()
counter = [0]


def work(n):
    s = sum(i * i for i in range(n))
    for _ in range(1000):
        with lock:
            counter[0] += 1
    q.put((n, s))


ts = [threading.Thread(target=work, args=(1000 * k,)) for k in range(1, 5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(q.get() for _ in ts), counter[0])
cv = threading.Condition()
box = []


def producer():
    with cv:
        box.append("item")
        cv.notify()


with cv:
    threading.Thread(target=producer).start()
    cv.wait_for(lambda: box, timeout=30)
print(box, threading.active_count() >= 1)
