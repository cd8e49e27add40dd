# Before/after plans of the incident box and area queries (docs/performance.md, "Incidents without a GiST"): on a
# database kept by `bench/Import ... --keep`, each query of incident-area-queries.json ([before SQL, after SQL]) runs 3 times
# with EXPLAIN (ANALYZE, BUFFERS) as it is, then 3 times in a transaction that drops ix_incident_geom and
# ix_incident_occurred_on (rolled back); prints the median (min-max) and writes the last plans to /tmp/lean/plans.txt.
# Usage: python3 bench/Import/incident-area.py <password> <port> <database> (the --keep line prints them)
import json, subprocess, re, sys, os
Q = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'incident-area-queries.json')))
env = dict(os.environ, PGPASSWORD=sys.argv[1])
conn = ["psql", "-h", "127.0.0.1", "-p", sys.argv[2], "-U", "diaban", "-d", sys.argv[3], "-X", "-q", "-v", "ON_ERROR_STOP=1"]
reps = 3
def run(which, drop):
    script = ["SET max_parallel_workers_per_gather = 2;"]
    if drop: script.append("BEGIN; DROP INDEX ix_incident_geom; DROP INDEX ix_incident_occurred_on;")
    for name, q in Q.items():
        sql = q[which]
        for r in range(reps):
            script.append(f"\\echo @@@ {name} @@@ {r}")
            script.append(f"EXPLAIN (ANALYZE, BUFFERS) {sql};")
    if drop: script.append("ROLLBACK;")
    out = subprocess.run(conn, input="\n".join(script), capture_output=True, text=True, env=env)
    if out.returncode: print(out.stderr); sys.exit(1)
    res = {}; plans = {}
    cur = None
    for block in out.stdout.split("@@@ ")[1:]:
        pass
    parts = re.split(r"^@@@ (.*?) @@@ (\d)$", out.stdout, flags=re.M)
    for k in range(1, len(parts), 3):
        name, r, body = parts[k], int(parts[k+1]), parts[k+2]
        t = float(re.search(r"Execution Time: ([\d.]+) ms", body).group(1))
        res.setdefault(name, []).append(t)
        plans[name] = body
    return res, plans
os.makedirs('/tmp/lean', exist_ok=True)
b, bp = run(0, False)
a, ap = run(1, True)
with open('/tmp/lean/plans.txt', 'w') as f:
    for n in Q:
        f.write(f"==== {n} BEFORE\n{bp[n]}\n==== {n} AFTER\n{ap[n]}\n")
print("| query | before (GiST + occurred_on index, app SQL of main) ms | after (no GiST, no occurred_on index, new SQL) ms |")
print("|---|---:|---:|")
for n in Q:
    fb = sorted(b[n]); fa = sorted(a[n])
    print(f"| {n} | {fb[1]:.1f} ({fb[0]:.1f}–{fb[-1]:.1f}) | {fa[1]:.1f} ({fa[0]:.1f}–{fa[-1]:.1f}) |")
