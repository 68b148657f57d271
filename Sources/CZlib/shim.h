// zlib's deflate and CRC-32, for the PNG encoder in Charts.
#include <zlib.h>

// zlib's deflateInit2 is a function-like macro, which Swift does not import.
static inline int engage_deflate_init(z_streamp stream, int level, int strategy) {
    return deflateInit2(stream, level, Z_DEFLATED, 15, 8, strategy);
}
