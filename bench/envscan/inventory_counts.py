#!/usr/bin/env python3
"""Summarise an envscan inventory against the corpus ground truth, for the speed report.

Usage: inventory_counts.py INVENTORY.json NAMES.txt [MANIFEST.json]

Prints `key=value` lines (stable order): read sites found, distinct names found, how many
of the corpus's names were found, constructed reads, writes, files scanned and parsed.
With the corpus manifest, also `via.KIND=found/generated` for each way of reading and
`inactive=found/generated` (sites in #if arms that are false in a bare scan).
The speed figures mean little if the scan skipped work, so the report shows these next
to the timings. Missing keys print as n/a rather than failing: the inventory format may
grow while the benchmark stays the same.
"""

import json
import sys
from collections import Counter


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    inv_path, names_path = argv[:2]
    try:
        with open(inv_path, encoding="utf-8") as f:
            inv = json.load(f)
    except (OSError, ValueError) as e:
        print(f"{inv_path}: cannot read inventory: {e}", file=sys.stderr)
        return 1
    with open(names_path, encoding="utf-8") as f:
        expected = {line.strip() for line in f if line.strip()}

    def listed(key):
        v = inv.get(key)
        return v if isinstance(v, list) else None

    found_names = set()
    sites = 0
    variables = listed("variables")
    if variables is not None:
        for var in variables:
            var_sites = var.get("sites") if isinstance(var, dict) else None
            if isinstance(var_sites, list) and var_sites:
                sites += len(var_sites)
                found_names.add(var.get("name", ""))
    others = listed("other_reads")
    if others is not None:
        sites += len(others)
        found_names.update(r.get("name", "") for r in others if isinstance(r, dict))

    def count(key):
        v = listed(key)
        return "n/a" if v is None else str(len(v))

    summary = inv.get("summary") if isinstance(inv.get("summary"), dict) else {}
    out = [
        ("read_sites", str(sites) if variables is not None else "n/a"),
        ("names_found", str(len(found_names))),
        ("corpus_names_found", f"{len(found_names & expected)}/{len(expected)}"),
        ("constructed", count("constructed")),
        ("writes", count("writes")),
        ("build_flags", count("build_flags")),
        ("files_scanned", str(inv.get("files_scanned", summary.get("files_scanned", "n/a")))),
        ("files_parsed", str(inv.get("files_parsed", summary.get("files_parsed", "n/a")))),
        ("diagnostics", count("diagnostics")),
    ]
    if len(argv) == 3 and variables is not None:
        out += compare_with_manifest(variables, argv[2])
    for k, v in out:
        print(f"{k}={v}")
    return 0


# How each generated kind of site is expected to be reported (the `via` of a read).
EXPECTED_VIA = {"direct": "direct", "constant": "direct", "array": "direct",
                "wrapper": "wrapper", "local_wrapper": "wrapper", "macro": "macro"}


def compare_with_manifest(variables, manifest_path):
    with open(manifest_path, encoding="utf-8") as f:
        generated = json.load(f)["read_sites"]
    want, got = Counter(), Counter()
    want_inactive = got_inactive = 0
    for key, n in generated.items():
        kind, liveness = key.split(":")
        if kind in EXPECTED_VIA:
            want[EXPECTED_VIA[kind]] += n
            want_inactive += n if liveness == "inactive" else 0
    for var in variables:
        for site in var.get("sites") or []:
            via = str(site.get("via", "")).split(":")[0]
            if via in want:
                got[via] += 1
                got_inactive += 0 if site.get("live", True) else 1
    rows = [(f"via.{k}", f"{got[k]}/{want[k]}") for k in sorted(want)]
    rows.append(("inactive", f"{got_inactive}/{want_inactive}"))
    return rows


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
