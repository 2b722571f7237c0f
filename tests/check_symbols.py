#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that the shared library exports only public firmnet_* symbols (no firmnet_i_*)."""
import subprocess
import sys

lib = sys.argv[1]
out = subprocess.run(["nm", "-D", "--defined-only", lib], check=True, capture_output=True,
                     text=True).stdout
symbols = [line.split()[-1] for line in out.splitlines() if line.strip()]
bad = [s for s in symbols if not s.startswith("firmnet_") or s.startswith("firmnet_i_")]
bad = [s for s in bad if not s.startswith("FIRMNET_")]  # version node names
public = [s for s in symbols if s.startswith("firmnet_") and not s.startswith("firmnet_i_")]
for s in bad:
    print("unexpected exported symbol:", s)
print(f"{len(public)} public symbols exported")
ok = not bad and len(public) > 40
print(f"{1 if ok else 0} passed, {0 if ok else 1} failed")
sys.exit(0 if ok else 1)
