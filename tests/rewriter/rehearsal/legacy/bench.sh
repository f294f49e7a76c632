#!/bin/sh
# How the team ran the benchmark.
export HAKMEM_TINY_SFC_ENABLE=0
HAKMEM_TINY_P0_BATCH=32 HAKMEM_LEARN=1 "$1"
HAKMEM_TINY_VERBOSE=1 "$1"
