// libxlsxwriter's temporary files get 64 KiB stdio buffers instead of glibc's 4 KiB.
//
// In constant-memory mode libxlsxwriter writes every row of a sheet to a temporary file, copies it
// into the sheet's XML file, then reads that back for the zip, all through stdio with the default
// buffer: at 100,000 posts that was 45,600 write and 33,000 read system calls (`strace -c`), at
// 1,000,000 posts ten times as many. libxlsxwriter opens these files with fdopen (its tmpfileplus),
// so this file defines fdopen and fclose. Like the hooks beside it, the executable's definitions
// come first for the shared libraries; with ENGAGE_NO_TUNING=1 (tuning_switch.c) they only forward. fdopen forwards to glibc's and gives the stream a buffer of
// its own; fclose forwards and frees it. The bytes written are the same; only how many reach the
// kernel at a time changes. Streams whose buffer cannot be had (no memory, table full) keep
// glibc's.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include "xlsxwriter_tuning.h"

enum {
    buffer_size = 64 * 1024,
    max_buffered = 64,  // streams open at once with their own buffer (a workbook keeps a few dozen)
};

typedef FILE *(*fdopen_fn)(int, const char *);
typedef int (*fclose_fn)(FILE *);

/// Which streams hold which of our buffers; a slot is free when `stream` is NULL.
static struct {
    FILE *stream;
    char *buffer;
} buffered[max_buffered];
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_long buffered_streams = 0;

/// glibc's own `name`, looked up once into `slot`.
static void *real(_Atomic(void *) *slot, const char *name) {
    void *function = atomic_load(slot);
    if (function == NULL) {
        function = dlsym(RTLD_NEXT, name);
        atomic_store(slot, function);
    }
    return function;
}

FILE *fdopen(int fd, const char *mode) {
    static _Atomic(void *) real_fdopen = NULL;
    fdopen_fn open_stream = (fdopen_fn)real(&real_fdopen, "fdopen");
    if (open_stream == NULL) return NULL;
    FILE *stream = open_stream(fd, mode);
    if (stream == NULL || !engage_tuning_enabled()) return stream;
    char *buffer = malloc(buffer_size);
    if (buffer == NULL) return stream;
    pthread_mutex_lock(&table_lock);
    int slot = -1;
    for (int i = 0; i < max_buffered && slot < 0; i++) {
        if (buffered[i].stream == NULL) slot = i;
    }
    // setvbuf must come before any other use of the stream, which is still ours alone here.
    if (slot >= 0 && setvbuf(stream, buffer, _IOFBF, buffer_size) == 0) {
        buffered[slot].stream = stream;
        buffered[slot].buffer = buffer;
        buffer = NULL;
        atomic_fetch_add(&buffered_streams, 1);
    }
    pthread_mutex_unlock(&table_lock);
    free(buffer);  // NULL when the stream took it
    return stream;
}

int fclose(FILE *stream) {
    static _Atomic(void *) real_fclose = NULL;
    fclose_fn close_stream = (fclose_fn)real(&real_fclose, "fclose");
    if (close_stream == NULL) return EOF;
    char *buffer = NULL;
    pthread_mutex_lock(&table_lock);
    for (int i = 0; i < max_buffered; i++) {
        if (buffered[i].stream == stream && stream != NULL) {
            buffer = buffered[i].buffer;
            buffered[i].stream = NULL;
            buffered[i].buffer = NULL;
            break;
        }
    }
    pthread_mutex_unlock(&table_lock);
    // The stream flushes from the buffer while it closes; the buffer goes after.
    int status = close_stream(stream);
    free(buffer);
    return status;
}

long engage_buffered_streams(void) { return atomic_load(&buffered_streams); }
