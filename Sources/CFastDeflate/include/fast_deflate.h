#ifndef ENGAGE_FAST_DEFLATE_H
#define ENGAGE_FAST_DEFLATE_H

/// Deflate streams started in this process so far (through the hook in fast_deflate.c).
/// Tests read it to prove that libxlsxwriter's zip goes through the hook.
long engage_fast_deflate_streams(void);

/// The zlib level every deflate stream uses (1, zlib's fastest).
int engage_fast_deflate_level(void);

#endif
