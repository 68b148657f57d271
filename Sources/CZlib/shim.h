// zlib's Adler-32 and CRC-32 for the PNG encoder in Charts (whose deflate is its own), and
// compress2/uncompress for its tests.
#include <zlib.h>
