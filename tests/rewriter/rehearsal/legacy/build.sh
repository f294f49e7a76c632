#!/bin/sh
# The legacy build: CC, HAKMEM_INCLUDE (allocator/include) and HAKMEM_LIB (libhakmem_config.a)
# come from the caller; the binary goes to $1.
set -eu
here=$(dirname "$0")
${CC:-cc} -std=gnu11 -O1 -DHAKMEM_TINY_P0_BATCH_REFILL=1 -DPOOL_TLS_PHASE1=0 \
  -I"$here/include" -I"$here/src" -I"$HAKMEM_INCLUDE" \
  "$here"/src/*.c "$here"/tools/print_settings.c "$HAKMEM_LIB" -o "$1"
