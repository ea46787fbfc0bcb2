#!/usr/bin/env python3
"""Fails when Cargo.toml's rust-version is lower than a dependency needs.

clippy's MSRV lint (`incompatible_msrv`) checks that our own code uses nothing
newer than the declared rust-version; this checks the other half: that no crate
in the build (dependencies and dev-dependencies, every target) declares a
newer one. Together they keep the declared version true.
"""
import json
import subprocess
import sys


def version(v):
    return tuple(int(p) for p in v.split("."))


meta = json.loads(subprocess.check_output(["cargo", "metadata", "--format-version", "1", "--locked"]))
ours = next(p for p in meta["packages"] if p["id"] in meta["workspace_members"])
declared = version(ours["rust_version"])
needed = max((version(p["rust_version"]), p["name"]) for p in meta["packages"] if p.get("rust_version") and p is not ours)
if needed[0] > declared:
    print(f"rust-version {ours['rust_version']} is too low: {needed[1]} needs {'.'.join(map(str, needed[0]))}")
    sys.exit(1)
print(f"rust-version {ours['rust_version']} covers every dependency (the highest need is {needed[1]}, {'.'.join(map(str, needed[0]))})")
