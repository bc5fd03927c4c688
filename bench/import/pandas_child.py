"""Benchmark child: pandas read_csv + describe(include='all'). Prints one JSON line."""
import json
import re
import sys
import time

import pandas as pd

t0 = time.perf_counter()
df = pd.read_csv(sys.argv[1])
t1 = time.perf_counter()
df.describe(include="all")
t2 = time.perf_counter()
hwm = int(re.search(r"VmHWM:\s+(\d+)", open("/proc/self/status").read()).group(1))
print(json.dumps({"import_s": t1 - t0, "profile_s": t2 - t1, "total_s": t2 - t0, "rows": len(df), "peak_rss_kb": hwm, "pandas": pd.__version__}))
