/* Tiny size classes (16 .. 1024 bytes, 20 classes) and their lookup table. */
#ifndef HAKMEM_TINY_SIZE_CLASS_H
#define HAKMEM_TINY_SIZE_CLASS_H

#include "../core/common.h"

extern const uint16_t hak_tiny_class_size[HAK_TINY_CLASSES] HAK_HIDDEN;
/* Indexed by (size + 15) / 16 for sizes 0 .. 1024. */
extern const uint8_t hak_tiny_class_lut[65] HAK_HIDDEN;

static inline unsigned hak_tiny_class_of(size_t size) { return hak_tiny_class_lut[(size + 15) >> 4]; }

/* Number of classes that serve sizes up to HAKMEM_TINY_MAX_SIZE. */
unsigned hak_tiny_classes_in_use(void) HAK_HIDDEN;

#endif
