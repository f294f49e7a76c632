#!/usr/bin/env python3
"""Generate a synthetic C/C++ source tree for the envscan speed benchmark.

The tree imitates how allocators and system libraries carry their configuration:
most files are ordinary code with no environment reads at all; some read variables
directly (getenv, secure_getenv, std::getenv, ::getenv) with the usual parse idioms
and defaults; a few define wrapper functions that others call across files; some read
through macros that paste names together; a few keep names in constants, arrays or
build them at run time. Build flags are tested with #ifdef/#if defined()/#elif;
some are defined by the generated CMakeLists.txt, some by headers, some never.

Every file compiles with `clang-19 -fsyntax-only -I <out>/include` (the benchmark
compares envscan against exactly that). Output is a pure function of the options:
same seed, same bytes.

Writes, under --out:
  include/zma/*.h, *.hpp        project-wide headers
  src/<module>/*.c|*.cpp|*.h|*.hpp
  CMakeLists.txt                the build, with add_compile_definitions
  registry.json                 a small registry (config-registry/1) for the prefix
  corpus-manifest.json          what was generated: counts of files, lines, read sites, and
                                every site (file, line, name, kind, live) for per-site accuracy
Prints the sorted list of variable names the tree reads, one per line, on stdout.
"""

import argparse
import json
import os
import random
import sys
from collections import Counter

PREFIX = "ZMA_"

MODULES = [
    "tiny", "small", "medium", "large", "huge", "pool", "arena", "slab", "span", "page",
    "thread", "remote", "stats", "trace", "learn", "decay", "purge", "segment", "bitmap", "os",
    "sync", "boot", "debug", "profile", "sample", "guard", "quarantine", "tcache", "central",
    "transfer", "hooks", "util", "hash", "tree", "list", "ring", "epoch", "numa", "hugepage",
    "api",
]
NOUNS = [
    "block", "chunk", "span", "page", "slab", "arena", "bin", "class", "cache", "pool",
    "region", "segment", "extent", "frame", "node", "list", "queue", "heap", "map", "table",
    "entry", "slot", "bucket", "ring", "batch", "epoch", "cursor", "token", "range", "window",
]
VERBS = [
    "alloc", "release", "init", "reset", "split", "merge", "scan", "flush", "drain", "fill",
    "push", "pop", "find", "grow", "shrink", "trim", "sweep", "mark", "count", "hash",
    "attach", "detach", "commit", "decommit", "purge", "refill", "steal", "publish", "retire",
    "visit",
]
FIELD_NAMES = [
    "size", "count", "capacity", "flags", "owner", "epoch", "used", "limit", "index", "shift",
    "mask", "hits", "misses", "bytes", "objects", "generation", "state", "cls", "offset", "free_count",
]
INT_TYPES = ["uint32_t", "size_t", "int", "uint64_t", "uint16_t", "unsigned"]

# Knob word -> variable type. The type decides the parse idiom at each read.
KNOBS = {
    "ENABLE": "bool", "DISABLE": "bool", "VERBOSE": "bool", "DUMP": "bool", "CHECK": "bool",
    "MAX": "int", "MIN": "int", "LIMIT": "int", "COUNT": "int", "BATCH": "int", "DEPTH": "int",
    "CAP": "int", "LEVEL": "int", "INTERVAL_MS": "int",
    "SIZE": "size", "BYTES": "size", "THRESHOLD": "size", "RESERVE": "size",
    "RATIO": "float", "DECAY_RATE": "float",
    "MODE": "enum", "POLICY": "enum",
    "LOG_PATH": "string", "TAG": "string",
}
ENUM_WORDS = ["fast", "safe", "balanced", "lifo", "fifo", "off", "eager", "lazy"]

# Build flags by where they are (not) defined.
CMAKE_FLAGS = ["ZMA_ENABLE_STATS", "ZMA_USE_TLS_CACHE", "ZMA_TRACK_SIZES", "ZMA_SECURE_MODE"]
CMAKE_VALUED = {"ZMA_STATS_LEVEL": "2"}
HEADER_FLAGS = ["ZMA_HAVE_TLS", "ZMA_HAVE_MADVISE", "ZMA_64BIT"]
NEVER_FLAGS = [
    "ZMA_OLD_ALLOCATOR", "ZMA_LEGACY_STATS", "ZMA_EXPERIMENTAL_REMOTE_FREE", "ZMA_DEBUG_TINY_VERBOSE",
    "ZMA_USE_SPINLOCK", "ZMA_POLICY_FIFO", "ZMA_POLICY_LIFO", "ZMA_NO_PREFETCH", "ZMA_LEARN_V1",
    "ZMA_SLAB_V2", "ZMA_ARENA_PER_CPU", "ZMA_TRACE_RING", "ZMA_HUGEPAGE_EAGER", "ZMA_ASSERT_ALL",
    "ZMA_FAKE_OS", "ZMA_BENCH_MODE",
]
PLATFORM_TESTS = [
    ("defined(__linux__)", True), ("defined(_WIN32)", False), ("defined(__APPLE__)", False),
    ("defined(__GNUC__)", True), ("defined(__x86_64__)", True), ("defined(NDEBUG)", False),
]

C_HEADERS_BASE = ["stddef.h", "stdint.h", "stdlib.h", "string.h"]
C_HEADERS_EXTRA = ["stdio.h", "stdbool.h", "errno.h", "limits.h", "pthread.h", "sys/mman.h", "unistd.h"]
CXX_HEADERS_BASE = ["cstddef", "cstdint", "cstdlib", "cstring"]
CXX_HEADERS_LIGHT = ["atomic", "array", "limits", "new", "type_traits", "utility"]
CXX_HEADERS_HEAVY = ["algorithm", "string", "vector", "memory", "mutex"]


class Var:
    """One runtime variable of the synthetic project."""

    def __init__(self, name, vtype, default, values=()):
        self.name = name
        self.vtype = vtype
        self.default = default
        self.values = list(values)

    @property
    def suffix(self):
        return self.name[len(PREFIX):]

    @property
    def ident(self):
        return self.suffix.lower()


class Site(str):
    """A source line that holds generated reads or writes: of `names` (several for a loop
    over an array of names), each of `kind`. It is a plain line of text to everything
    else; its number is found once the file is assembled (see site_list)."""

    def __new__(cls, text, kind, names, live=True):
        line = super().__new__(cls, text)
        line.kind, line.names, line.live = kind, [names] if isinstance(names, str) else list(names), live
        return line


def site_list(files):
    """Every Site in the assembled files, as {file, line, name, kind, live}."""
    out = []
    for rel in sorted(files):
        content = files[rel]
        if isinstance(content, str):
            continue
        for i, line in enumerate(content):
            if isinstance(line, Site):
                for name in line.names:
                    out.append({"file": rel, "line": i + 1, "name": name, "kind": line.kind, "live": line.live})
    return out


class Stats:
    """Ground truth of what was generated, written to corpus-manifest.json."""

    def __init__(self):
        self.sites = Counter()
        self.names = set()
        self.flag_tests = Counter()

    def read(self, kind, name, live):
        self.sites[f"{kind}:{'live' if live else 'inactive'}"] += 1
        if name:
            self.names.add(name)


class Lines:
    """An append-only list of source lines with a running line count."""

    def __init__(self):
        self.items = []

    def add(self, *lines):
        for line in lines:
            self.items.extend(line.split("\n"))

    def extend(self, lines):
        self.items.extend(lines)

    def __len__(self):
        return len(self.items)

    def text(self):
        return "\n".join(self.items) + "\n"


# ---------------------------------------------------------------------------
# Catalogue of variables
# ---------------------------------------------------------------------------

def make_default(rng, vtype, values):
    if vtype == "bool":
        return rng.choice([0, 1])
    if vtype == "int":
        return rng.choice([1, 2, 4, 8, 16, 32, 64, 128, 256, 1000])
    if vtype == "size":
        return rng.choice([4096, 65536, 1 << 20, 2 << 20, 64 << 20])
    if vtype == "float":
        return rng.choice([0.25, 0.5, 0.75, 1.5])
    if vtype == "enum":
        return values[0]
    return ""


def make_variables(rng):
    """Each module owns 6-12 knobs; a few cross-module pairs read the same words reordered."""
    by_module = {}
    knob_words = sorted(KNOBS)
    for mod in MODULES:
        chosen = rng.sample(knob_words, rng.randint(6, 12))
        vs = []
        for knob in sorted(chosen):
            vtype = KNOBS[knob]
            values = rng.sample(ENUM_WORDS, 3) if vtype == "enum" else ()
            vs.append(Var(f"{PREFIX}{mod.upper()}_{knob}", vtype, make_default(rng, vtype, values), values))
        by_module[mod] = vs
    # Word-order twins, the kind of duplicate a registry never notices.
    by_module["tiny"].append(Var("ZMA_TINY_DEBUG", "bool", 0))
    by_module["debug"].append(Var("ZMA_DEBUG_TINY", "bool", 0))
    return by_module


# ---------------------------------------------------------------------------
# Ordinary code
# ---------------------------------------------------------------------------

class Struct:
    def __init__(self, name, fields):
        self.name = name
        self.fields = fields  # [(type, name)], integer fields only; plus `next`

    def decl(self):
        out = [f"struct {self.name} {{"]
        for t, f in self.fields:
            out.append(f"    {t} {f};")
        out.append(f"    struct {self.name}* next;")
        out.append("};")
        return out


def make_struct(rng, name):
    fields = [(rng.choice(INT_TYPES), f) for f in sorted(rng.sample(FIELD_NAMES, rng.randint(3, 9)))]
    return Struct(name, fields)


class CodeGen:
    """Emits ordinary code (no configuration) for one file; names carry the file's stem."""

    def __init__(self, rng, stem, cxx, structs, heavy_cxx):
        self.rng = rng
        self.stem = stem
        self.cxx = cxx
        self.structs = structs
        self.heavy_cxx = heavy_cxx
        self.serial = 0

    def name(self, kind):
        self.serial += 1
        return f"{self.stem}_{self.rng.choice(VERBS)}_{kind}{self.serial}"

    def item(self):
        r = self.rng
        makers = [self.checksum, self.list_walk, self.size_class, self.describe, self.init_struct,
                  self.bitmap_find, self.table, self.update_items, self.enum_def, self.histogram]
        if self.cxx:
            makers += [self.cxx_class, self.cxx_template, self.cxx_constexpr]
            if self.heavy_cxx:
                makers.append(self.cxx_vector)
        return r.choice(makers)()

    def checksum(self):
        r = self.rng
        rot = r.randint(3, 29)
        return [
            f"uint64_t {self.name('sum')}(const uint32_t* data, size_t n) {{",
            f"    uint64_t acc = {r.randint(1, 1 << 30)}u;",
            "    for (size_t i = 0; i < n; i++) {",
            f"        acc ^= (uint64_t)data[i] * {r.randint(3, 1 << 20) | 1}u;",
            f"        acc = (acc << {rot}) | (acc >> {64 - rot});",
            "    }",
            "    return acc;",
            "}",
            "",
        ]

    def list_walk(self):
        s = self.rng.choice(self.structs)
        f = self.rng.choice(s.fields)[1]
        return [
            f"size_t {self.name('walk')}(const struct {s.name}* head, size_t limit) {{",
            "    size_t count = 0;",
            "    while (head != NULL) {",
            f"        if ((size_t)head->{f} > limit) {{",
            "            count++;",
            "        }",
            "        head = head->next;",
            "    }",
            "    return count;",
            "}",
            "",
        ]

    def size_class(self):
        r = self.rng
        mx = r.choice([32, 48, 64, 88, 128])
        return [
            f"unsigned {self.name('class')}(size_t size) {{",
            f"    if (size <= {r.choice([8, 16])}) {{",
            "        return 0;",
            "    }",
            "    unsigned cls = 0;",
            f"    size_t s = (size - 1) >> {r.randint(2, 4)};",
            "    while (s != 0) {",
            "        s >>= 1;",
            "        cls++;",
            "    }",
            f"    return cls < {mx}u ? cls : {mx - 1}u;",
            "}",
            "",
        ]

    def describe(self):
        r = self.rng
        words = r.sample(NOUNS, r.randint(3, 9))
        out = [f"const char* {self.name('name')}(int code) {{", "    switch (code) {"]
        for i, w in enumerate(words):
            out.append(f"    case {i}:")
            out.append(f"        return \"{w}\";")
        out += ["    default:", "        return \"unknown\";", "    }", "}", ""]
        return out

    def init_struct(self):
        s = self.rng.choice(self.structs)
        out = [f"void {self.name('setup')}(struct {s.name}* obj) {{", "    memset(obj, 0, sizeof *obj);"]
        for t, f in s.fields:
            out.append(f"    obj->{f} = ({t}){self.rng.randint(0, 4096)};")
        out += ["    obj->next = NULL;", "}", ""]
        return out

    def bitmap_find(self):
        return [
            f"long {self.name('bit')}(const uint64_t* words, size_t nwords) {{",
            "    for (size_t w = 0; w < nwords; w++) {",
            "        if (words[w] != ~(uint64_t)0) {",
            "            uint64_t inv = ~words[w];",
            "            long bit = 0;",
            "            while ((inv & 1u) == 0) {",
            "                inv >>= 1;",
            "                bit++;",
            "            }",
            "            return (long)(w * 64) + bit;",
            "        }",
            "    }",
            "    return -1;",
            "}",
            "",
        ]

    def table(self):
        r = self.rng
        n = r.choice([16, 32, 64, 96, 128])
        vals = [str(r.randint(0, 65535)) for _ in range(n)]
        out = [f"const uint16_t {self.name('table')}[{n}] = {{"]
        for i in range(0, n, 8):
            out.append("    " + ", ".join(vals[i:i + 8]) + ",")
        out += ["};", ""]
        return out

    def update_items(self):
        s = self.rng.choice(self.structs)
        f1 = self.rng.choice(s.fields)[1]
        f2 = self.rng.choice(s.fields)[1]
        return [
            f"void {self.name('update')}(struct {s.name}* items, size_t n, uint32_t threshold) {{",
            "    for (size_t i = 0; i < n; i++) {",
            f"        struct {s.name}* it = &items[i];",
            f"        if ((uint32_t)it->{f1} < threshold) {{",
            f"            it->{f1} += 1;",
            "        } else {",
            f"            it->{f2} = it->{f1} / 2;",
            "        }",
            "    }",
            "}",
            "",
        ]

    def enum_def(self):
        name = self.name("kind")
        words = self.rng.sample(NOUNS, self.rng.randint(3, 8))
        out = [f"enum {name} {{"]
        out += [f"    {name.upper()}_{w.upper()}," for w in words]
        out += [f"    {name.upper()}_COUNT", "};", ""]
        return out

    def histogram(self):
        r = self.rng
        buckets = r.choice([8, 16, 32])
        return [
            f"void {self.name('histo')}(const size_t* sizes, size_t n, size_t* out) {{",
            f"    for (size_t b = 0; b < {buckets}; b++) {{",
            "        out[b] = 0;",
            "    }",
            "    for (size_t i = 0; i < n; i++) {",
            "        size_t b = 0;",
            "        size_t s = sizes[i];",
            f"        while (s > {r.choice([16, 32, 64])} && b + 1 < {buckets}) {{",
            "            s >>= 1;",
            "            b++;",
            "        }",
            "        out[b]++;",
            "    }",
            "}",
            "",
        ]

    def cxx_class(self):
        r = self.rng
        name = "".join(w.capitalize() for w in self.name("obj").split("_"))
        fields = sorted(r.sample(FIELD_NAMES, r.randint(2, 5)))
        out = [f"class {name} {{", " public:", f"    explicit {name}(std::size_t base) : {fields[0]}_(base) {{}}"]
        for f in fields:
            out.append(f"    std::size_t {f}() const {{ return {f}_; }}")
        out += [
            "    void Advance(std::size_t step) {",
            f"        {fields[0]}_ += step;",
            f"        if ({fields[0]}_ > {r.randint(100, 100000)}u) {{",
            f"            {fields[0]}_ = 0;",
            "        }",
            "    }",
            "",
            " private:",
        ]
        out += [f"    std::size_t {f}_ = 0;" for f in fields]
        out += ["};", ""]
        return out

    def cxx_template(self):
        return [
            "template <typename T>",
            f"T {self.name('best')}(const T* values, std::size_t n) {{",
            "    T best = values[0];",
            "    for (std::size_t i = 1; i < n; ++i) {",
            "        if (values[i] > best) {",
            "            best = values[i];",
            "        }",
            "    }",
            "    return best;",
            "}",
            "",
        ]

    def cxx_constexpr(self):
        r = self.rng
        return [
            f"constexpr std::size_t {self.name('align')}(std::size_t n) {{",
            f"    return (n + {r.choice([7, 15, 63, 4095])}u) & ~static_cast<std::size_t>({r.choice([7, 15, 63, 4095])}u);",
            "}",
            "",
        ]

    def cxx_vector(self):
        return [
            f"std::vector<std::uint32_t> {self.name('spread')}(std::size_t n, std::uint32_t seed) {{",
            "    std::vector<std::uint32_t> out;",
            "    out.reserve(n);",
            "    for (std::size_t i = 0; i < n; ++i) {",
            "        seed = seed * 1103515245u + 12345u;",
            "        out.push_back(seed >> 16);",
            "    }",
            "    return out;",
            "}",
            "",
        ]


def flag_function(rng, gen, stats):
    """A function whose body branches on build flags: live, dead, platform and valued tests."""
    out = [f"unsigned {gen.name('tune')}(unsigned x) {{", "    unsigned r = x;"]
    for _ in range(rng.randint(1, 4)):
        kind = rng.random()
        if kind < 0.3:
            flag = rng.choice(CMAKE_FLAGS)
            form = rng.choice([f"#ifdef {flag}", f"#if defined({flag})", f"#if defined({flag}) && ZMA_STATS_LEVEL > 1"])
            out += [form, f"    r += {rng.randint(1, 9)}u;", "#endif"]
            stats.flag_tests["cmake"] += 1
        elif kind < 0.55:
            flag = rng.choice(NEVER_FLAGS)
            alt = rng.choice(HEADER_FLAGS)
            out += [f"#ifdef {flag}", f"    r ^= 0x{rng.randint(1, 255):x}u;",
                    f"#elif defined({alt})", f"    r <<= {rng.randint(1, 3)};",
                    "#else", "    r >>= 1;", "#endif"]
            stats.flag_tests["never"] += 1
            stats.flag_tests["header"] += 1
        elif kind < 0.75:
            test, _ = rng.choice(PLATFORM_TESTS)
            out += [f"#if {test}", f"    r |= {rng.randint(1, 64)}u;", "#endif"]
            stats.flag_tests["platform"] += 1
        elif kind < 0.9:
            out += ["#if ZMA_PAGE_SHIFT > 12", "    r *= 2u;", "#endif"]
            stats.flag_tests["header"] += 1
        else:
            out += ["#if 0", "    r = r * 3u + 1u;", "#endif"]
            stats.flag_tests["if0"] += 1
    out += ["    return r;", "}", ""]
    return out


# ---------------------------------------------------------------------------
# Configuration reads
# ---------------------------------------------------------------------------

# How a raw `const char*` read is turned into a value (per type), given the local name.
def parse_idiom(rng, var, s, g, cxx):
    null = "nullptr" if cxx else "NULL"
    d = var.default
    t = var.vtype
    if t == "bool":
        return rng.choice([
            [f"    {g} = ({s} != {null} && {s}[0] == '1') ? 1 : 0;"],
            [f"    if ({s} != {null}) {{", f"        {g} = atoi({s}) != 0;", "    }"],
            [f"    {g} = {s} ? (strcmp({s}, \"0\") != 0 && strcmp({s}, \"false\") != 0) : {d};"],
        ])
    if t == "int":
        return rng.choice([
            [f"    {g} = {s} ? atoi({s}) : {d};"],
            [f"    if ({s} != {null} && *{s} != '\\0') {{",
             f"        {g} = (int)strtol({s}, {null}, 10);", "    } else {", f"        {g} = {d};", "    }"],
        ])
    if t == "size":
        return rng.choice([
            [f"    {g} = {s} ? (size_t)strtoull({s}, {null}, 0) : (size_t){d}u;"],
            [f"    if ({s}) {{", f"        {g} = (size_t)strtoul({s}, {null}, 10);", "    }"],
        ])
    if t == "float":
        return rng.choice([
            [f"    {g} = {s} ? atof({s}) : {d};"],
            [f"    {g} = {s} ? strtod({s}, {null}) : {d};"],
        ])
    if t == "enum":
        out = [f"    if ({s} == {null}) {{", f"        {g} = 0;"]
        for i, w in enumerate(var.values):
            out += [f"    }} else if (strcmp({s}, \"{w}\") == 0) {{", f"        {g} = {i};"]
        out += ["    }"]
        return out
    return rng.choice([
        [f"    {g} = {s} ? {s} : \"/tmp/zma.{var.ident}\";"],
        [f"    {g} = {s};"],
    ])


def c_type(var):
    return {"bool": "int", "int": "int", "size": "size_t", "float": "double",
            "enum": "int", "string": "const char*"}[var.vtype]


def c_default(var):
    if var.vtype == "string":
        return "\"\""
    if var.vtype == "enum":
        return "0"
    if var.vtype == "size":
        return f"{var.default}u"
    return str(var.default)


WRAPPER_BY_TYPE = {
    "bool": "zma_env_bool", "int": "zma_env_int", "size": "zma_env_size",
    "float": "zma_env_double", "enum": "zma_env_str", "string": "zma_env_str",
}
CXX_WRAPPER_BY_TYPE = {"bool": "zma::EnvToBool", "int": "zma::EnvToInt", "size": "zma::EnvToSize"}
MACRO_BY_TYPE = {"bool": ("ZMA_ENV_FLAG", False), "int": ("ZMA_ENV_INT", True), "size": ("ZMA_ENV_SIZE", True),
                 "string": ("ZMA_ENV_STR", False)}


class ConfigFile:
    """Collects the configuration part of one source file: file-scope state and one loader function."""

    def __init__(self, rng, stem, cxx, stats):
        self.rng = rng
        self.stem = stem
        self.cxx = cxx
        self.stats = stats
        self.top = []       # file-scope lines (globals, local wrappers, constants, macros)
        self.body = []      # lines of the loader function
        self.needs_gnu = False
        self.needs_stdio = False
        self.local_wrapper = None
        self.local_macro = None
        self.serial = 0

    def global_for(self, var):
        g = f"g_{var.ident}"
        self.top.append(f"static {c_type(var)} {g} = {c_default(var)};")
        return g

    def local(self):
        self.serial += 1
        return f"s{self.serial}"

    def getenv_expr(self, name):
        r = self.rng.random()
        if self.cxx:
            return (f"std::getenv(\"{name}\")" if r < 0.6 else f"::getenv(\"{name}\")" if r < 0.8
                    else f"getenv(\"{name}\")")
        if r < 0.12:
            self.needs_gnu = True
            return f"secure_getenv(\"{name}\")"
        return f"getenv(\"{name}\")"

    def guard(self, lines, live_kind):
        """Wrap lines in a preprocessor condition; returns (lines, live in a bare scan)."""
        if live_kind == "live":
            return lines, True
        r = self.rng
        if live_kind == "never":
            return [f"#ifdef {r.choice(NEVER_FLAGS)}"] + lines + ["#endif"], False
        if live_kind == "cmake":
            return [f"#if defined({r.choice(CMAKE_FLAGS)})"] + lines + ["#endif"], False
        if live_kind == "if0":
            return ["#if 0"] + lines + ["#endif"], False
        if live_kind == "platform":
            return ["#if defined(_WIN32)"] + lines + ["#elif defined(__linux__)", "    (void)0;", "#endif"], False
        raise ValueError(live_kind)

    def placement(self):
        r = self.rng.random()
        if r < 0.78:
            return "live"
        return self.rng.choice(["never", "never", "cmake", "if0", "platform"])

    def direct(self, var):
        g = self.global_for(var)
        s = self.local()
        lines = [f"    const char* {s} = {self.getenv_expr(var.name)};"]
        lines += parse_idiom(self.rng, var, s, g, self.cxx)
        self.emit(lines, "direct", var.name)

    def presence(self, var):
        g = self.global_for(var)
        lines = [f"    if ({self.getenv_expr(var.name)}) {{", f"        {g} = 1;", "    }"]
        self.emit(lines, "direct", var.name)

    def named_constant(self, var):
        g = self.global_for(var)
        k = f"k_{var.ident}_var"
        self.top.append(f"static const char {k}[] = \"{var.name}\";")
        s = self.local()
        lines = [f"    const char* {s} = getenv({k});"] + parse_idiom(self.rng, var, s, g, self.cxx)
        self.emit(lines, "constant", var.name)

    def global_wrapper(self, var):
        g = self.global_for(var)
        if self.cxx and var.vtype in CXX_WRAPPER_BY_TYPE and self.rng.random() < 0.5:
            fn = CXX_WRAPPER_BY_TYPE[var.vtype]
            d = c_default(var) if var.vtype != "bool" else ("true" if var.default else "false")
            self.emit([f"    {g} = {fn}(\"{var.name}\", {d});"], "wrapper", var.name)
            return
        fn = WRAPPER_BY_TYPE[var.vtype]
        if var.vtype == "enum":
            s = self.local()
            lines = [f"    const char* {s} = {fn}(\"{var.name}\", {self.null()});"]
            lines += parse_idiom(self.rng, var, s, g, self.cxx)
        elif var.vtype == "string":
            lines = [f"    {g} = {fn}(\"{var.name}\", \"/var/tmp/zma\");"]
        else:
            lines = [f"    {g} = {fn}(\"{var.name}\", {c_default(var)});"]
        self.emit(lines, "wrapper", var.name)

    def null(self):
        return "nullptr" if self.cxx else "NULL"

    def macro_read(self, var):
        g = self.global_for(var)
        if var.vtype in MACRO_BY_TYPE:
            m, has_default = MACRO_BY_TYPE[var.vtype]
            arg = f"{var.suffix}, {c_default(var)}" if has_default else var.suffix
            self.emit([f"    {g} = {m}({arg});"], "macro", var.name)
            return
        # A file-local macro that pastes the module part of the name.
        parts = var.suffix.split("_", 1)
        mname = f"{parts[0]}_ENV"
        if self.local_macro != mname:
            self.top.append(f"#define {mname}(n) getenv(\"{PREFIX}{parts[0]}_\" #n)")
            self.local_macro = mname
        s = self.local()
        lines = [f"    const char* {s} = {mname}({parts[1]});"] + parse_idiom(self.rng, var, s, g, self.cxx)
        self.emit(lines, "macro", var.name)

    def define_local_wrapper(self):
        """A static wrapper, sometimes wrapping another static wrapper (transitive)."""
        name = f"{self.stem}_env_int"
        getter = "std::getenv" if self.cxx else "getenv"
        self.top += [
            f"static int {name}(const char* name, int def) {{",
            f"    const char* v = {getter}(name);",
            f"    if (v == {self.null()} || *v == '\\0') {{",
            "        return def;",
            "    }",
            "    return atoi(v);",
            "}",
        ]
        if self.rng.random() < 0.5:
            outer = f"{self.stem}_knob"
            self.top += [
                f"static int {outer}(const char* knob, int fallback) {{",
                f"    return {name}(knob, fallback);",
                "}",
            ]
            name = outer
        self.local_wrapper = name

    def local_wrapper_call(self, var):
        if self.local_wrapper is None:
            self.define_local_wrapper()
        g = self.global_for(var)
        d = var.default if var.vtype in ("bool", "int") else 0
        call = f"{self.local_wrapper}(\"{var.name}\", {d})"
        if c_type(var) == "const char*":
            line = f"    {g} = {call} ? \"on\" : \"off\";"
        else:
            line = f"    {g} = ({c_type(var)}){call};"
        self.emit([line], "local_wrapper", var.name)

    def name_array(self, vars_):
        arr = f"k_{self.stem}_knobs"
        vals = f"g_{self.stem}_knob_values"
        self.top.append(f"static const char* const {arr}[] = {{")
        self.top += [f"    \"{v.name}\"," for v in vars_]
        self.top.append("};")
        self.top.append(f"static long {vals}[{len(vars_)}];")
        lines = [
            f"    for (size_t i = 0; i < sizeof {arr} / sizeof {arr}[0]; i++) {{",
            # Every element is read here: the sites of all the names.
            Site(f"        const char* v = getenv({arr}[i]);", "array", [v.name for v in vars_]),
            f"        {vals}[i] = v ? strtol(v, {self.null()}, 10) : -1;",
            "    }",
        ]
        self.body += lines
        for v in vars_:
            self.stats.read("array", v.name, True)

    def constructed(self, mod):
        self.needs_stdio = True
        caps = f"g_{self.stem}_class_caps"
        n = self.rng.choice([4, 8, 16])
        self.top.append(f"static int {caps}[{n}];")
        self.body += [
            "    {",
            "        char name[64];",
            f"        for (int i = 0; i < {n}; i++) {{",
            f"            snprintf(name, sizeof name, \"{PREFIX}{mod.upper()}_CLASS_%d_CAP\", i);",
            Site("            const char* v = getenv(name);", "constructed", f"{PREFIX}{mod.upper()}_CLASS_0_CAP"),
            f"            {caps}[i] = v ? atoi(v) : 0;",
            "        }",
            "    }",
        ]
        self.stats.read("constructed", f"{PREFIX}{mod.upper()}_CLASS_0_CAP", True)

    def write(self, var):
        self.body += [Site(f"    setenv(\"{var.name}\", \"1\", 0);", "write", var.name)]
        self.stats.read("write", None, True)

    def emit(self, lines, kind, name):
        """Emit a read whose first line names the variable."""
        lines = [Site(lines[0], kind, name)] + lines[1:]
        lines, live = self.guard(lines, self.placement())
        for line in lines:
            if isinstance(line, Site):
                line.live = live
        self.body += lines
        self.stats.read(kind, name, live)

    def render(self, loader):
        if not self.body:
            return self.top
        return self.top + ["", f"void {loader}(void) {{" if not self.cxx else f"void {loader}() {{"] + self.body + ["}", ""]


# ---------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------

def include_guard(rng, rel, lines_inner):
    macro = PREFIX + rel.upper().replace("/", "_").replace(".", "_").replace("-", "_")
    if rng.random() < 0.2:
        return ["#pragma once", ""] + lines_inner
    return [f"#ifndef {macro}", f"#define {macro}", ""] + lines_inner + ["", f"#endif /* {macro} */"]


def global_headers(rng, stats):
    """include/zma/: common, config, platform, env wrappers and macros, plus misc inline headers."""
    files = {}
    files["include/zma/common.h"] = include_guard(rng, "zma/common.h", [
        "#include <stdbool.h>", "#include <stddef.h>", "#include <stdint.h>", "",
        "#define ZMA_LIKELY(x) __builtin_expect(!!(x), 1)",
        "#define ZMA_UNLIKELY(x) __builtin_expect(!!(x), 0)",
        "#define ZMA_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))",
    ])
    files["include/zma/config.h"] = include_guard(rng, "zma/config.h", [
        "/* Build configuration that does not come from the build system. */",
        "#define ZMA_HAVE_TLS 1",
        "#define ZMA_PAGE_SHIFT 12",
        "#if defined(__linux__)",
        "#define ZMA_HAVE_MADVISE 1",
        "#endif",
        "#if defined(__x86_64__) || defined(__aarch64__)",
        "#define ZMA_64BIT 1",
        "#endif",
        "#ifndef ZMA_STATS_LEVEL",
        "#define ZMA_STATS_LEVEL 0",
        "#endif",
    ])
    files["include/zma/platform.h"] = include_guard(rng, "zma/platform.h", [
        "#if defined(_WIN32)",
        "#define ZMA_OS_NAME \"windows\"",
        "#define ZMA_THREAD_LOCAL __declspec(thread)",
        "#elif defined(__APPLE__)",
        "#define ZMA_OS_NAME \"darwin\"",
        "#define ZMA_THREAD_LOCAL __thread",
        "#elif defined(__linux__)",
        "#define ZMA_OS_NAME \"linux\"",
        "#define ZMA_THREAD_LOCAL __thread",
        "#else",
        "#error \"unsupported platform\"",
        "#endif",
        "#if defined(__GNUC__) || defined(__clang__)",
        "#define ZMA_INLINE static inline __attribute__((always_inline))",
        "#else",
        "#define ZMA_INLINE static inline",
        "#endif",
    ])
    files["include/zma/env.h"] = include_guard(rng, "zma/env.h", [
        "#include <stddef.h>", "",
        "#ifdef __cplusplus", "extern \"C\" {", "#endif", "",
        "/* Typed environment reads; each returns def when the variable is unset or empty. */",
        "int zma_env_bool(const char* name, int def);",
        "int zma_env_int(const char* name, int def);",
        "size_t zma_env_size(const char* name, size_t def);",
        "double zma_env_double(const char* name, double def);",
        "const char* zma_env_str(const char* name, const char* def);", "",
        "#ifdef __cplusplus", "}", "#endif",
    ])
    files["include/zma/env_macros.h"] = include_guard(rng, "zma/env_macros.h", [
        "#include <stdlib.h>", "", "#include \"zma/env.h\"", "",
        "/* Short forms: ZMA_ENV_INT(TINY_CAP, 64) reads ZMA_TINY_CAP. */",
        "#define ZMA_ENV_FLAG(n) (getenv(\"ZMA_\" #n) != NULL)",
        "#define ZMA_ENV_INT(n, d) zma_env_int(\"ZMA_\" #n, (d))",
        "#define ZMA_ENV_SIZE(n, d) zma_env_size(\"ZMA_\" #n, (d))",
        "#define ZMA_ENV_STR(n) getenv(\"ZMA_\" #n)",
    ])
    files["include/zma/env.hpp"] = include_guard(rng, "zma/env.hpp", [
        "#include <cstddef>", "#include <cstdlib>", "#include <cstring>", "",
        "namespace zma {", "",
        "inline int EnvToInt(const char* name, int def) {",
        "    const char* v = std::getenv(name);",
        "    if (v == nullptr || *v == '\\0') {", "        return def;", "    }",
        "    return std::atoi(v);", "}", "",
        "inline bool EnvToBool(const char* name, bool def) {",
        "    const char* v = std::getenv(name);",
        "    if (v == nullptr) {", "        return def;", "    }",
        "    return std::strcmp(v, \"1\") == 0 || std::strcmp(v, \"true\") == 0;", "}", "",
        "inline std::size_t EnvToSize(const char* name, std::size_t def) {",
        "    const char* v = std::getenv(name);",
        "    return v != nullptr ? static_cast<std::size_t>(std::strtoull(v, nullptr, 0)) : def;", "}", "",
        "}  // namespace zma",
    ])
    # Misc C headers with inline helpers; a few read a variable themselves.
    for i, noun in enumerate(MISC_HEADERS):
        rel = f"zma/{noun}.h"
        gen = CodeGen(rng, f"zma_{noun}", False, [], False)
        st = make_struct(rng, f"zma_{noun}")
        inner = ["#include \"zma/common.h\"", "#include \"zma/config.h\"", ""] + st.decl() + [""]
        inner += [
            f"static inline size_t zma_{noun}_count(const struct zma_{noun}* p) {{",
            "    size_t n = 0;",
            "    for (; p != NULL; p = p->next) {",
            "        n++;",
            "    }",
            "    return n;",
            "}",
            "",
        ]
        if i % 9 == 4:
            inner = ["#include <stdlib.h>"] + inner + [
                f"static inline int zma_{noun}_trace_enabled(void) {{",
                Site(f"    return getenv(\"ZMA_{noun.upper()}_TRACE\") != NULL;", "direct", f"ZMA_{noun.upper()}_TRACE"),
                "}",
                "",
            ]
            stats.read("direct", f"ZMA_{noun.upper()}_TRACE", True)
        if i % 5 == 2:
            inner += ["#ifdef ZMA_HAVE_TLS", f"extern __thread struct zma_{noun}* zma_{noun}_tls_head;",
                      "#endif", ""]
            stats.flag_tests["header"] += 1
        gen_items = [gen.size_class, gen.bitmap_find]
        for mk in gen_items[: rng.randint(0, 2)]:
            fn = mk()
            fn[0] = "static inline " + fn[0]
            inner += fn
        files[f"include/{rel}"] = include_guard(rng, rel, inner)
    return files


def global_env_source():
    """src/core/env.c: the project-wide wrapper functions (definitions)."""
    body = [
        "#include <stdlib.h>", "#include <string.h>", "", "#include \"zma/env.h\"", "",
        "int zma_env_bool(const char* name, int def) {",
        "    const char* v = getenv(name);",
        "    if (v == NULL || *v == '\\0') {", "        return def;", "    }",
        "    return strcmp(v, \"0\") != 0 && strcmp(v, \"false\") != 0 && strcmp(v, \"off\") != 0;", "}", "",
        "int zma_env_int(const char* name, int def) {",
        "    const char* v = getenv(name);",
        "    if (v == NULL || *v == '\\0') {", "        return def;", "    }",
        "    char* end = NULL;", "    long x = strtol(v, &end, 10);",
        "    if (end == v || *end != '\\0') {", "        return def;", "    }",
        "    return (int)x;", "}", "",
        "size_t zma_env_size(const char* name, size_t def) {",
        "    const char* v = getenv(name);",
        "    if (v == NULL || *v == '\\0') {", "        return def;", "    }",
        "    char* end = NULL;", "    unsigned long long x = strtoull(v, &end, 0);",
        "    switch (*end) {",
        "    case 'K': case 'k': x <<= 10; break;",
        "    case 'M': case 'm': x <<= 20; break;",
        "    case 'G': case 'g': x <<= 30; break;",
        "    default: break;", "    }",
        "    return (size_t)x;", "}", "",
        "double zma_env_double(const char* name, double def) {",
        "    const char* v = getenv(name);",
        "    return (v != NULL && *v != '\\0') ? strtod(v, NULL) : def;", "}", "",
        "const char* zma_env_str(const char* name, const char* def) {",
        "    const char* v = getenv(name);",
        "    return v != NULL ? v : def;", "}",
    ]
    return body


def module_header(rng, mod, name, cxx, structs):
    inner = []
    if cxx:
        inner += ["#include <cstddef>", "#include <cstdint>", ""]
    inner += ["#include \"zma/common.h\"", "#include \"zma/config.h\"", ""]
    if rng.random() < 0.25:
        local_flag = f"ZMA_{mod.upper()}_{name.upper()}_FAST"
        inner += [f"#define {local_flag} 1", ""]
    for st in structs:
        inner += st.decl() + [""]
    if cxx:
        inner += [f"namespace zma {{", f"namespace {mod} {{", ""]
        cls = "".join(w.capitalize() for w in name.split("_"))
        inner += [
            f"class {cls}Index {{", " public:",
            f"    std::size_t Lookup(std::size_t key) const {{ return (key * {rng.randint(3, 999) | 1}u) % {rng.choice([61, 127, 509])}u; }}",
            "    std::size_t size() const { return size_; }", "", " private:", "    std::size_t size_ = 0;", "};", "",
            f"}}  // namespace {mod}", "}  // namespace zma",
        ]
    else:
        inner += [f"size_t {mod}_{name}_capacity(const struct {structs[0].name}* p);", ""]
    return inner


MISC_HEADERS = NOUNS + [f"{n}_ops" for n in NOUNS[:14]]


def source_includes(rng, cxx, local_headers, extra_std):
    out = []
    std = list(CXX_HEADERS_BASE if cxx else C_HEADERS_BASE)
    if cxx:
        std += rng.sample(CXX_HEADERS_LIGHT, rng.randint(0, 3))
    else:
        std += rng.sample(C_HEADERS_EXTRA, rng.randint(0, 3))
    std += extra_std
    for h in sorted(set(std)):
        out.append(f"#include <{h}>")
    out.append("")
    out.append("#include \"zma/config.h\"")
    if rng.random() < 0.4:
        out.append("#include \"zma/platform.h\"")
    for h in sorted(rng.sample(MISC_HEADERS, rng.choice([0, 1, 1, 2, 3]))):
        out.append(f"#include \"zma/{h}.h\"")
    for h in local_headers:
        out.append(f"#include \"{h}\"")
    return out


def config_role(rng):
    """What configuration a source file carries: None for about 85% of them, as in real trees."""
    r = rng.random()
    if r < 0.85:
        return None
    return rng.choices(
        ["direct", "wrapper", "macro", "local_wrapper", "constant", "array", "constructed", "options"],
        weights=[42, 24, 10, 7, 5, 4, 3, 5])[0]


def build_config(rng, role, mod, stem, cxx, vars_, all_vars, stats):
    cf = ConfigFile(rng, stem, cxx, stats)
    pool = list(vars_)
    if rng.random() < 0.2:
        pool += rng.sample(all_vars, 3)
    pool = sorted({v.name: v for v in pool}.values(), key=lambda v: v.name)
    n = min(len(pool), rng.choice([1, 1, 2, 2, 3, 4, 6]) if role != "options" else rng.randint(12, 30))
    picks = rng.sample(pool, n)
    if role == "array":
        cf.name_array(picks if len(picks) >= 2 else rng.sample(pool, 2))
        picks = []
    elif role == "constructed":
        cf.constructed(mod)
        picks = []
    for v in picks:
        kind = role
        if role == "options":
            kind = rng.choices(["direct", "wrapper", "macro", "constant"], weights=[6, 3, 2, 1])[0]
        if kind == "direct":
            (cf.presence if v.vtype == "bool" and rng.random() < 0.4 else cf.direct)(v)
        elif kind == "wrapper":
            cf.global_wrapper(v)
        elif kind == "macro":
            cf.macro_read(v)
        elif kind == "local_wrapper":
            cf.local_wrapper_call(v)
        elif kind == "constant":
            cf.named_constant(v)
    if not cxx and rng.random() < 0.03:
        cf.write(rng.choice(pool))
    return cf


def source_file(rng, mod, stem, cxx, local_headers, structs, vars_, all_vars, target_lines, stats):
    role = config_role(rng)
    heavy = cxx and rng.random() < 0.25
    extra_std = rng.sample(CXX_HEADERS_HEAVY, rng.randint(1, 2)) if heavy else []
    if heavy and "vector" not in extra_std:
        extra_std.append("vector")
    cf = build_config(rng, role, mod, stem, cxx, vars_, all_vars, stats) if role else None
    if cf is not None and not cxx:
        if cf.needs_stdio:
            extra_std.append("stdio.h")
    out = Lines()
    out.add(f"/* {mod}/{stem}: synthetic allocator source for the envscan benchmark. */")
    if cf is not None and cf.needs_gnu:
        out.add("#define _GNU_SOURCE")
    if cf is not None and cxx and cf.needs_stdio:
        extra_std.append("cstdio")
    out.extend(source_includes(rng, cxx, local_headers, extra_std))
    if role in ("wrapper", "options"):
        out.add("#include \"zma/env.h\"")
        if cxx:
            out.add("#include \"zma/env.hpp\"")
    if role in ("macro", "options"):
        out.add("#include \"zma/env_macros.h\"")
    out.add("")
    if rng.random() < 0.15:
        flag = f"ZMA_{mod.upper()}_{stem.upper()}_LOCAL"
        out.add(f"#define {flag} 1", "")
        stats.flag_tests["local"] += 1
    if cxx:
        out.add("namespace zma {", f"namespace {mod} {{", "")
    gen = CodeGen(rng, stem, cxx, structs, heavy)
    if cf is not None:
        out.extend(cf.render(f"{stem}_load_config"))
        out.add("")
    if rng.random() < 0.5:
        out.extend(flag_function(rng, gen, stats))
    while len(out) < target_lines:
        item = gen.item()
        r = rng.random()
        if r < 0.06:
            flag = rng.choice(NEVER_FLAGS)
            item = [f"#if defined({flag}) || defined({rng.choice(NEVER_FLAGS)})"] + item + ["#endif"]
            stats.flag_tests["never"] += 1
        elif r < 0.1:
            item = [f"#ifdef {rng.choice(CMAKE_FLAGS)}"] + item + ["#endif"]
            stats.flag_tests["cmake"] += 1
        elif r < 0.12:
            item = ["#if defined(__linux__) && defined(ZMA_HAVE_MADVISE)"] + item + ["#endif"]
            stats.flag_tests["header"] += 1
        elif r < 0.14:
            # Per-header fast-path switches: some headers define theirs, most do not.
            h = rng.choice(local_headers).rsplit(".", 1)[0]
            item = [f"#ifndef ZMA_{h.upper()}_FAST"] + item + ["#endif"]
            stats.flag_tests["local"] += 1
        out.extend(item)
        if rng.random() < 0.08:
            out.extend(flag_function(rng, gen, stats))
    if cxx:
        out.add(f"}}  // namespace {mod}", "}  // namespace zma")
    return out.items  # lines, not text: the Site lines among them are located afterwards


def target_size(rng):
    r = rng.random()
    if r < 0.25:
        return rng.randint(40, 120)
    if r < 0.75:
        return rng.randint(120, 300)
    if r < 0.95:
        return rng.randint(300, 600)
    return rng.randint(600, 1500)


def cmake_lists(modules_files):
    out = [
        "cmake_minimum_required(VERSION 3.16)",
        "project(zma C CXX)",
        "",
        "option(ZMA_SECURE_MODE \"Ignore the environment in setuid processes\" ON)",
        "add_compile_definitions(ZMA_ENABLE_STATS ZMA_USE_TLS_CACHE ZMA_STATS_LEVEL=2)",
        "if(ZMA_SECURE_MODE)",
        "  add_compile_definitions(ZMA_SECURE_MODE)",
        "endif()",
        "",
        "add_library(zma_core STATIC src/core/env.c)",
        "target_include_directories(zma_core PUBLIC include)",
        "",
    ]
    for mod, files in modules_files:
        srcs = [f for f in files if f.endswith((".c", ".cpp"))]
        out.append(f"add_library(zma_{mod} STATIC")
        out += [f"  {f}" for f in srcs]
        out.append(")")
        out.append(f"target_link_libraries(zma_{mod} PUBLIC zma_core)")
        if mod in ("stats", "trace"):
            out.append(f"target_compile_definitions(zma_{mod} PRIVATE ZMA_TRACK_SIZES=1)")
        out.append("")
    return out


def registry(by_module):
    """A small registry: a sample of read variables, aliases, removed names, build flags."""
    chosen = [by_module[m][i] for m in ("tiny", "pool", "arena", "stats", "trace", "learn")
              for i in range(min(4, len(by_module[m])))]
    layers = [{"id": m, "title": f"{m} allocator layer"} for m in ("tiny", "pool", "arena", "stats", "trace", "learn")]
    variables = []
    for v in chosen:
        layer = v.suffix.split("_")[0].lower()
        entry = {"name": v.name, "type": v.vtype, "default": None, "layer": layer, "status": "active",
                 "accessor": f"zma_{v.ident}", "description": f"Synthetic knob {v.suffix.lower()}."}
        if v.vtype == "bool":
            entry["default"] = bool(v.default)
        elif v.vtype in ("int", "size"):
            entry["default"] = v.default
        elif v.vtype == "float":
            entry["default"] = v.default
        elif v.vtype == "enum":
            entry["default"] = v.values[0]
            entry["values"] = v.values
        else:
            entry["default"] = ""
        variables.append(entry)
    variables[0]["aliases"] = [{"name": "ZMA_TINY_OLD_KNOB", "deprecated_since": "2024-01-15",
                                "sunset": "2099-01-01", "status": "deprecated"}]
    variables.append({"name": "ZMA_NEVER_READ", "type": "bool", "default": False, "layer": "tiny",
                      "status": "active", "accessor": "zma_never_read",
                      "description": "Declared but read by no code (dead)."})
    return {
        "schema": "config-registry/1",
        "project": {"name": "zma synthetic allocator", "prefix": PREFIX, "c_prefix": "zma"},
        "layers": layers,
        "variables": variables,
        "removed": [{"name": "ZMA_DEBUG_TINY", "removed_since": "2024-06-01",
                     "reason": "Word-order twin of ZMA_TINY_DEBUG.", "replacement": "ZMA_TINY_DEBUG"}],
        "build_flags": [
            {"name": "ZMA_ENABLE_STATS", "kind": "feature", "default": "undefined",
             "description": "Collect allocation statistics.", "status": "active"},
            {"name": "ZMA_USE_TLS_CACHE", "kind": "optimization", "default": "undefined",
             "description": "Per-thread caches in TLS.", "status": "active"},
            {"name": "ZMA_STATS_LEVEL", "kind": "debug", "default": 0,
             "description": "Statistics detail level.", "status": "active"},
            {"name": "ZMA_OLD_ALLOCATOR", "kind": "build_mode", "default": "undefined",
             "description": "The allocator before the rewrite.", "status": "removed",
             "removed_since": "2023-11-01"},
        ],
    }


def generate(args):
    rng = random.Random(args.seed)
    stats = Stats()
    by_module = make_variables(rng)
    all_vars = [v for m in MODULES for v in by_module[m]]
    files = {}
    files.update(global_headers(rng, stats))
    files["src/core/env.c"] = global_env_source()

    mods = MODULES[: args.modules] if args.modules <= len(MODULES) else MODULES
    per_module = [args.sources // len(mods) + (1 if i < args.sources % len(mods) else 0) for i in range(len(mods))]
    modules_files = []
    for mod, nsrc in zip(mods, per_module):
        cxx = rng.random() < 0.4
        hext = ".hpp" if cxx else ".h"
        sext = ".cpp" if cxx else ".c"
        headers = []
        structs_by_header = {}
        for hname in sorted(rng.sample(NOUNS, rng.randint(5, 10))):
            rel = f"{mod}_{hname}{hext}"
            sts = [make_struct(rng, f"{mod}_{hname}_{k}") for k in ("desc", "state")[: rng.randint(1, 2)]]
            structs_by_header[rel] = sts
            files[f"src/{mod}/{rel}"] = include_guard(rng, f"{mod}/{rel}", module_header(rng, mod, hname, cxx, sts))
            headers.append(rel)
        stems = set()
        while len(stems) < nsrc:
            stems.add(f"{rng.choice(NOUNS)}_{rng.choice(VERBS)}_{rng.randint(0, 99)}")
        srcs = []
        for stem in sorted(stems):
            inc = sorted(rng.sample(headers, rng.randint(1, min(3, len(headers)))))
            structs = [s for h in inc for s in structs_by_header[h]]
            rel = f"src/{mod}/{stem}{sext}"
            files[rel] = source_file(rng, mod, stem, cxx, inc, structs, by_module[mod], all_vars,
                                     target_size(rng), stats)
            srcs.append(rel)
        modules_files.append((mod, srcs))
    files["CMakeLists.txt"] = cmake_lists(modules_files)
    return files, stats, by_module


def write_tree(out_dir, files):
    for rel in sorted(files):
        content = files[rel]
        text = content if isinstance(content, str) else "\n".join(content) + "\n"
        path = os.path.join(out_dir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


def count_lines(files):
    n = 0
    for rel, content in files.items():
        if rel.endswith((".c", ".cpp", ".h", ".hpp")):
            text = content if isinstance(content, str) else "\n".join(content) + "\n"
            n += text.count("\n")
    return n


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="directory to create (must be empty or absent)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1); same seed, same tree")
    ap.add_argument("--sources", type=int, default=2000, help="number of .c/.cpp files (default 2000)")
    ap.add_argument("--modules", type=int, default=40, help=f"number of modules, at most {len(MODULES)} (default 40)")
    args = ap.parse_args(argv)
    if args.sources < 1 or not 1 <= args.modules <= len(MODULES):
        ap.error(f"--sources must be >= 1 and --modules between 1 and {len(MODULES)}")
    if os.path.exists(args.out) and os.listdir(args.out):
        ap.error(f"--out {args.out}: directory exists and is not empty")

    files, stats, by_module = generate(args)
    code_files = sorted(f for f in files if f.endswith((".c", ".cpp", ".h", ".hpp")))
    manifest = {
        "generator": "bench/envscan/make_corpus.py",
        "seed": args.seed,
        "files": len(code_files),
        "sources": sum(1 for f in code_files if f.endswith((".c", ".cpp"))),
        "headers": sum(1 for f in code_files if f.endswith((".h", ".hpp"))),
        "lines": count_lines(files),
        "read_sites": dict(sorted(stats.sites.items())),
        "flag_tests": dict(sorted(stats.flag_tests.items())),
        "variables": len(stats.names),
        "sites": site_list(files),
    }
    # Every counted read and write must be a located site, or per-site accuracy lies.
    assert len(manifest["sites"]) == sum(stats.sites.values()), "a generated site without its line"
    files["registry.json"] = json.dumps(registry(by_module), indent=2) + "\n"
    files["corpus-manifest.json"] = json.dumps(manifest, indent=2) + "\n"
    write_tree(args.out, files)
    for name in sorted(stats.names):
        print(name)
    print(f"make_corpus: {manifest['files']} files ({manifest['sources']} sources, {manifest['headers']} headers), "
          f"{manifest['lines']} lines, {sum(stats.sites.values())} read sites, {len(stats.names)} names",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
