// Every deflate stream in the engage process runs at zlib level 1 instead of the default 6.
//
// libxlsxwriter 1.1.4 zips the workbook at Z_DEFAULT_COMPRESSION and offers no option to change
// it; at 1,000,000 posts that deflate alone took 20 s of a 37 s report. Level 1 deflates the
// workbook's XML about three times faster for files about a quarter larger (measured in
// Benchmarks/README.md). The same holds for Cairo's PNG and PDF streams.
//
// How: this file defines zlib's deflateInit2_. The executable links libxlsxwriter and libpng as
// shared libraries, so the linker exports this definition and the dynamic linker binds their calls
// here first; the call is forwarded to zlib's own deflateInit2_ (found with RTLD_NEXT) with the
// level changed. Output stays deterministic: same input, same level, same bytes.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdatomic.h>
#include <zlib.h>
#include "xlsxwriter_tuning.h"

enum { fast_level = 1 };

typedef int (*deflate_init2_fn)(z_streamp, int, int, int, int, int, const char *, int);

static _Atomic(deflate_init2_fn) real_deflate_init2 = NULL;
static atomic_long streams = 0;

int deflateInit2_(z_streamp strm, int level, int method, int windowBits, int memLevel, int strategy,
                  const char *version, int stream_size) {
    deflate_init2_fn real = atomic_load(&real_deflate_init2);
    if (real == NULL) {
        real = (deflate_init2_fn)dlsym(RTLD_NEXT, "deflateInit2_");
        if (real == NULL) return Z_VERSION_ERROR;
        atomic_store(&real_deflate_init2, real);
    }
    atomic_fetch_add(&streams, 1);
    // Level 0 (stored) is a deliberate choice of the caller and is kept.
    return real(strm, level == 0 ? 0 : fast_level, method, windowBits, memLevel, strategy, version, stream_size);
}

long engage_fast_deflate_streams(void) { return atomic_load(&streams); }

int engage_fast_deflate_level(void) { return fast_level; }
