#ifndef ENGAGE_XLSXWRITER_TUNING_H
#define ENGAGE_XLSXWRITER_TUNING_H

#include <stddef.h>

/// Deflate streams started in this process so far (through the hook in fast_deflate.c).
/// Tests read it to prove that libxlsxwriter's zip goes through the hook.
long engage_fast_deflate_streams(void);

/// The zlib level every deflate stream uses (1, zlib's fastest).
int engage_fast_deflate_level(void);

/// Calls to fprintf that fast_cell_format.c formatted itself (the rest went to glibc).
/// Tests read it to prove that libxlsxwriter's cell writing goes through the hook.
long engage_fast_format_calls(void);

/// Formats one double as printf's "%.16G" into `out` (at least 32 bytes) the way the hook does,
/// and returns the length: the tests compare it with glibc's snprintf over many values.
int engage_format_g16(double value, char *out, size_t size);

/// Chunks of workbook parts deflated on a worker thread so far (parallel_zip.c).
/// Tests read it to prove that a large part was deflated on both cores.
long engage_parallel_zip_chunks(void);

/// Streams opened with fdopen that got a 64 KiB buffer so far (large_file_buffers.c).
/// Tests read it to prove that libxlsxwriter's temporary files go through the hook.
long engage_buffered_streams(void);

#endif
