#!/usr/bin/env python3
"""envscan on real source trees against a text search, as a new user would try it.

For each tree: envscan's variables and other reads (no registry), the names a plain text
search finds (getenv-like call with a string literal), what each finds that the other does
not, the run time and peak memory. Writes a Markdown report.

usage: real_trees.py ENVSCAN REPORT TREE...
"""
import json
import os
import re
import tempfile
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

READERS = r"(?:getenv|secure_getenv|g_getenv|_wgetenv|getenv_s|GetEnvironmentVariable[AW]?)"
LITERAL = re.compile(READERS + r"\s*\(\s*(?:[A-Za-z_]+\s*,\s*)*L?\"([A-Za-z_][A-Za-z0-9_]*)\"")
SOURCES = (".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".hh", ".hxx")


def text_search(tree):
    names = set()
    for root, _, files in os.walk(tree):
        for f in files:
            if f.endswith(SOURCES):
                try:
                    with open(os.path.join(root, f), "r", errors="replace") as fh:
                        names.update(LITERAL.findall(fh.read()))
                except OSError:
                    pass
    return names


def short(path, tree_name):
    """A site's file as it sits in its tree: `tree/dir/file.c`."""
    at = path.find(tree_name + "/")
    return path[at:] if at >= 0 else path


def clang_syntax_only(tree, search_list):
    """Wall time of `clang -fsyntax-only` over every source file of the tree, two at a time,
    with the include directories envscan inferred (what it parses with, at the same -j)."""
    sources = []
    for root, _, files in os.walk(tree):
        sources += [os.path.join(root, f) for f in sorted(files) if f.endswith((".c", ".cc", ".cpp", ".cxx"))]
    flags = []
    for d in search_list:
        if d.startswith(os.path.abspath(tree)):
            flags += ["-idirafter", d]
    clang = os.environ.get("CLANG", "clang-19")

    def one(path):
        lang = ["-xc++", "-std=c++17"] if path.endswith((".cc", ".cpp", ".cxx")) else []
        subprocess.run([clang, "-fsyntax-only", "-w", "-ferror-limit=0", *lang, *flags, path],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)

    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(one, sources))
    return time.monotonic() - start, len(sources)


def envscan(exe, tree):
    start = time.monotonic()
    # --no-cache: every run does the whole work (a warm cache would time nothing).
    with tempfile.TemporaryFile() as out_file:
        proc = subprocess.Popen([exe, "--no-registry", "--no-cache", "-v", "-j", "2", tree], stdout=out_file,
                                stderr=subprocess.DEVNULL)
        # wait4: this child's own peak RSS (RUSAGE_CHILDREN would keep the largest child so far).
        _, _, usage = os.wait4(proc.pid, 0)
        proc.returncode = 0
        elapsed = time.monotonic() - start
        out_file.seek(0)
        stdout = out_file.read().decode()
    peak = usage.ru_maxrss
    inv = json.loads(stdout)
    names, families = set(), set()
    for v in inv["variables"]:
        (families if "*" in v["name"] else names).add(v["name"])
    for r in inv["other_reads"]:
        names.add(r["name"])
    flow = {v["name"] for v in inv["variables"] if any(s["name_from"] in ("flow", "family") for s in v["sites"])}
    return names, families, flow, inv, elapsed, peak


def main():
    exe, report, trees = sys.argv[1], sys.argv[2], sys.argv[3:]
    rows, details = [], []
    for tree in trees:
        name = os.path.basename(os.path.normpath(tree))
        grep = text_search(tree)
        found, families, flow, inv, secs, peak_kib = envscan(exe, tree)
        clang_secs, clang_files = clang_syntax_only(tree, inv.get("search_list", []))
        summary = inv["summary"]
        rows.append(f"| {name} | {summary['files_scanned']} | {summary['files_parsed']} | {len(found)} | "
                    f"{len(families)} | {len(grep)} | {len(found - grep)} | {len(grep - found)} | "
                    f"{secs:.1f} s | {clang_secs:.1f} s ({clang_files}) | {secs / clang_secs:.2f} | {peak_kib // 1024} MiB |")
        details.append(f"### {name}\n")
        details.append(f"- Found by envscan only ({len(found - grep)}): " +
                       (", ".join(f"`{n}`" for n in sorted(found - grep)) or "none"))
        details.append(f"- Of those, through data flow (buffers, fields, parameters, lists): " +
                       (", ".join(f"`{n}`" for n in sorted(flow - grep)) or "none"))
        details.append(f"- Name families: " + (", ".join(f"`{n}`" for n in sorted(families)) or "none"))
        details.append(f"- Found by the text search only ({len(grep - found)}): " +
                       (", ".join(f"`{n}`" for n in sorted(grep - found)) or "none"))
        unresolved = [c for c in inv["constructed"] if not c["candidates"] and "*" not in c["pattern"]]
        details.append(f"- Reads whose name stays unknown: {len(unresolved)}" +
                       (" (" + ", ".join(f"`{c['pattern']}` at {short(c['file'], name)}:{c['line']}" for c in unresolved[:8]) +
                        (", ..." if len(unresolved) > 8 else "") + ")" if unresolved else ""))
        details.append("")
    with open(report, "w") as fh:
        fh.write("# envscan on real trees\n\n")
        fh.write(f"envscan {os.environ.get('ENVSCAN_COMMIT', '(commit unknown)')}, measured "
                 f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.\n\n")
        fh.write("Produced by `bench/envscan/real_trees.sh` (no hand edits). Each tree is a Debian source package, "
                 "scanned with `envscan --no-registry -j 2` and no compile database, as a new user would; the "
                 "text search looks for a getenv-like call with a string literal (what `rg 'getenv\\(\"'` shows). "
                 "Names are counted per distinct name, families apart. `clang` is `clang-19 -fsyntax-only` over "
                 "every source file of the tree (count in brackets), two at a time, with the tree's include "
                 "directories envscan inferred; `ratio` is envscan's wall time over clang's, measured in the same "
                 "run (goal: at most 0.25). Peak RSS is envscan's. The machine has 2 cores shared with other "
                 "work, so times are indicative.\n\n")
        fh.write("| tree | files | parsed | names | families | text search | envscan only | text only | envscan | clang | ratio | peak RSS |\n")
        fh.write("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
        fh.write("\n".join(rows) + "\n\n")
        fh.write("\n".join(details) + "\n")


if __name__ == "__main__":
    main()
