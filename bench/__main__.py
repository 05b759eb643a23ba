"""Run every benchmark (``bench/*_bench.py``) one after the other: ``python -m bench [--quick]``.

Each runs in its own process so one's caches and memory do not colour the next's figures.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main() -> int:
    names = sorted(p.stem for p in Path(__file__).parent.glob("*_bench.py"))
    failed = []
    for name in names:
        print(f"\n=== bench.{name} {' '.join(sys.argv[1:])}", flush=True)
        code = subprocess.call([sys.executable, "-m", f"bench.{name}", *sys.argv[1:]])
        if code:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
