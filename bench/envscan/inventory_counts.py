#!/usr/bin/env python3
"""Summarise an envscan inventory against the corpus ground truth, for the speed report.

Usage: inventory_counts.py INVENTORY.json NAMES.txt [MANIFEST.json]

Prints `key=value` lines (stable order): read sites found, distinct names found, how many
of the corpus's names were found, constructed reads, writes, files scanned and parsed.
With the corpus manifest, also per-site accuracy: `sites.KIND:LIVENESS=found/generated`
(a site is found only when its name is reported at its own file and line), and the
reported read sites that match no generated site (`reported.false`).
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
        out += compare_with_manifest(inv, argv[2])
    for k, v in out:
        print(f"{k}={v}")
    return 0


def compare_with_manifest(inv, manifest_path):
    """Per-site accuracy: each generated site is found when the inventory reports its name
    at its file and line (constructed reads: a constructed entry at that line; writes: a
    write of that name there). Reported read sites that match no generated site are
    counted apart: candidates listed for a constructed read, and the rest (false reports)."""
    with open(manifest_path, encoding="utf-8") as f:
        sites = json.load(f).get("sites")
    if not isinstance(sites, list):
        return [("sites.all", "n/a (corpus made by an older make_corpus.py)")]
    reported = set()
    for var in inv.get("variables") or []:
        for site in var.get("sites") or []:
            reported.add((site.get("file"), site.get("line"), var.get("name")))
    for site in inv.get("other_reads") or []:
        reported.add((site.get("file"), site.get("line"), site.get("name")))
    constructed = {(c.get("file"), c.get("line")) for c in inv.get("constructed") or []}
    writes = {(w.get("file"), w.get("line"), w.get("name")) for w in inv.get("writes") or []}

    want, got = Counter(), Counter()
    generated_reads = set()
    missed = []
    for s in sites:
        key = f"{s['kind']}:{'live' if s['live'] else 'inactive'}"
        want[key] += 1
        if s["kind"] == "constructed":
            found = (s["file"], s["line"]) in constructed
        elif s["kind"] == "write":
            found = (s["file"], s["line"], s["name"]) in writes
        else:
            generated_reads.add((s["file"], s["line"], s["name"]))
            found = (s["file"], s["line"], s["name"]) in reported
        got[key] += found
        if not found:
            missed.append(f"{s['file']}:{s['line']} {s['name']} ({key})")
    extra = reported - generated_reads
    candidates = sum(1 for (f, line, _) in extra if (f, line) in constructed)
    false_reports = sorted(f"{f}:{line} {name}" for (f, line, name) in extra if (f, line) not in constructed)
    rows = [(f"sites.{k}", f"{got[k]}/{want[k]}") for k in sorted(want)]
    rows.append(("sites.all", f"{sum(got.values())}/{sum(want.values())}"))
    rows.append(("sites.missed_examples", "; ".join(missed[:5]) or "none"))
    rows.append(("reported.constructed_candidates", str(candidates)))
    rows.append(("reported.false", str(len(false_reports))))
    rows.append(("reported.false_examples", "; ".join(false_reports[:5]) or "none"))
    return rows


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
