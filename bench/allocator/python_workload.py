"""A real-program workload for the allocator benchmark: run with PYTHONMALLOC=malloc so
every Python object comes from the C allocator. usage: python_workload.py THREADS"""
import json
import sys
import threading
import time


def work(seed, out):
    d = {}
    for i in range(40000):
        d[f"{seed}-{i}"] = [i, str(i) * (i % 13), {"k": i % 7, "v": [i] * (i % 5)}]
    blob = json.dumps(d)
    back = json.loads(blob)
    words = sorted(blob.split(","), key=len)
    out.append(len(back) + len(words))


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    rounds = 2
    out = []
    t0 = time.perf_counter()
    for _ in range(rounds):
        ts = [threading.Thread(target=work, args=(k, out)) for k in range(threads)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
    elapsed = time.perf_counter() - t0
    print(f"ops_per_sec={rounds * threads / elapsed:.3f}")


main()
