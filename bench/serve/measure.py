# Save-to-reload time of `freshdocs serve`: edits an article N times and times the reload event
# and the new page. Usage: FRESHDOCS=target/release/freshdocs python3 bench/serve/measure.py
#   <site root> <article file> <article URL path> <N>
import socket, subprocess, sys, time, re, os, statistics, threading
root, article, url_path, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
env = dict(os.environ, NO_COLOR="1", CI="true")
p = subprocess.Popen([os.environ.get("FRESHDOCS", "target/release/freshdocs"), "serve", "--root", root, "--port", "0"], stderr=subprocess.PIPE, text=True, env=env)
log = []
port = None
t_start = time.time()
while port is None:
    line = p.stderr.readline()
    log.append(line)
    m = re.search(r"Serving http://127.0.0.1:(\d+)", line)
    if m: port = int(m.group(1))
print("startup (first build + bind):", round(time.time() - t_start, 2), "s;", [l.strip() for l in log if "Built" in l])
threading.Thread(target=lambda: [log.append(l) for l in p.stderr], daemon=True).start()
def get(path):
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    data = b""
    while True:
        c = s.recv(65536)
        if not c: break
        data += c
    return data.decode("utf-8", "replace")
ev = socket.create_connection(("127.0.0.1", port), timeout=120)
ev.sendall(b"GET /__freshdocs/events HTTP/1.1\r\nHost: x\r\n\r\n")
f = ev.makefile("r")
def next_event():
    while True:
        l = f.readline()
        if not l: raise RuntimeError("event stream closed")
        if l.startswith("data: "): return l[6:].strip()
next_event()
orig = open(article).read()
to_event, to_page = [], []
try:
    for i in range(n):
        marker = f"marker{i}x{int(time.time()*1000)}"
        t0 = time.perf_counter()
        with open(article, "w") as fh: fh.write(orig + f"\n\nEdited {marker}.\n")
        next_event(); t1 = time.perf_counter()
        page = get(url_path); t2 = time.perf_counter()
        assert marker in page, page[:300]
        to_event.append((t1 - t0) * 1000); to_page.append((t2 - t0) * 1000)
        time.sleep(0.3)
finally:
    open(article, "w").write(orig)
    p.kill()
print(f"save -> reload event: median {statistics.median(to_event):.0f} ms, min {min(to_event):.0f}, max {max(to_event):.0f}")
print(f"save -> new page received: median {statistics.median(to_page):.0f} ms, min {min(to_page):.0f}, max {max(to_page):.0f}")
print("server log tail:", [l.strip() for l in log if "Rebuilt" in l][-3:])
