#ifndef ENGAGE_XLSXWRITER_TUNING_H
#define ENGAGE_XLSXWRITER_TUNING_H

#include <stddef.h>

/// 1 unless the environment has ENGAGE_NO_TUNING=1, in which case every hook forwards its call
/// unchanged (tuning_switch.c). Read once.
int engage_tuning_enabled(void);

/// Calls to fprintf that fast_cell_format.c formatted itself (the rest went to glibc).
long engage_fast_format_calls(void);

/// Formats one double as printf's "%.16G" into `out` (at least 32 bytes) the way the hook does,
/// and returns the length: the tests compare it with glibc's snprintf over many values.
int engage_format_g16(double value, char *out, size_t size);

/// Workbook parts that parallel_zip.c deflated itself (the rest went to minizip as asked).
long engage_parallel_zip_parts(void);

/// Chunks of workbook parts deflated on a worker thread so far (parallel_zip.c).
long engage_parallel_zip_chunks(void);

/// The zlib level parallel_zip.c deflates at (1, zlib's fastest).
int engage_parallel_zip_level(void);

/// Streams opened with fdopen that got a 64 KiB buffer so far (large_file_buffers.c).
long engage_buffered_streams(void);

#endif
