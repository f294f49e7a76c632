/* Class sizes: 16-byte steps to 128, then four classes per doubling (at most 25 percent waste). */
#include "size_class.h"

const uint16_t hak_tiny_class_size[HAK_TINY_CLASSES] = {16, 32, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512, 640, 768, 896, 1024};

const uint8_t hak_tiny_class_lut[65] = {0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 12, 12, 13, 13, 13, 13, 14, 14, 14, 14, 15, 15, 15, 15, 16, 16, 16, 16, 16, 16, 16, 16, 17, 17, 17, 17, 17, 17, 17, 17, 18, 18, 18, 18, 18, 18, 18, 18, 19, 19, 19, 19, 19, 19, 19, 19};

unsigned hak_tiny_classes_in_use(void) { return hak_tiny_class_of(hak_g.tiny_max) + 1; }
