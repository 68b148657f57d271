// The workbook's large parts are deflated on both cores.
//
// libxlsxwriter hands each part of the .xlsx to minizip (zipOpenNewFileInZip4_64, then
// zipWriteInFileInZip with the bytes, then zipCloseFileInZip), and minizip deflates it on the one
// thread that closes the workbook. At 1,000,000 posts the Posts sheet is 1.3 GB of XML and its
// deflate took a third of the report while the other core had nothing left to do.
//
// This file defines those three minizip functions, with the prototypes of minizip's own header
// (Debian's libminizip-dev), so the compiler checks every one; the executable's definitions come
// first for libxlsxwriter, as in fast_cell_format.c, and minizip's real functions are looked up
// once. With ENGAGE_NO_TUNING=1 (tuning_switch.c) every call goes to minizip unchanged. A part is
// opened in minizip's raw mode; its bytes are cut
// into 1 MiB chunks, and each chunk is deflated on a worker thread as a raw deflate block sequence
// primed with the 32 KiB before it (so matches reach back across the cut, as in pigz) and ended with
// a sync flush, the last one with finish. The pieces are written in order, and the part is closed
// with minizip's zipCloseFileInZipRaw64, given the size and the CRC-32 (each chunk's computed by
// its worker, then combined). Concatenated, the pieces are one valid deflate stream; since the cuts
// fall at fixed offsets, the same part always gives the same bytes. The last chunk (all of a part
// smaller than one chunk) is deflated on the calling thread. Every chunk is deflated at zlib level 1:
// libxlsxwriter itself has no level option and would use zlib's default, 6.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <minizip/zip.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "xlsxwriter_tuning.h"

enum {
    chunk_size = 1 << 20,
    window_size = 32 * 1024,
    max_in_flight = 2,  // chunks being deflated while the next one fills: both cores busy
    fast_level = 1,
};

typedef zipFile zip_file;

/// minizip's own functions, found once behind the definitions below.
static struct {
    __typeof__(&zipOpenNewFileInZip4_64) open;
    __typeof__(&zipWriteInFileInZip) write;
    __typeof__(&zipCloseFileInZip) close;
    __typeof__(&zipCloseFileInZipRaw64) close_raw;
} minizip;
static pthread_once_t minizip_found = PTHREAD_ONCE_INIT;

static void find_minizip(void) {
    minizip.open = (__typeof__(minizip.open))dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
    minizip.write = (__typeof__(minizip.write))dlsym(RTLD_NEXT, "zipWriteInFileInZip");
    minizip.close = (__typeof__(minizip.close))dlsym(RTLD_NEXT, "zipCloseFileInZip");
    minizip.close_raw = (__typeof__(minizip.close_raw))dlsym(RTLD_NEXT, "zipCloseFileInZipRaw64");
}

/// Whether minizip's functions were all found (they are whenever libxlsxwriter is loaded).
static int have_minizip(void) {
    pthread_once(&minizip_found, find_minizip);
    return minizip.open != NULL && minizip.write != NULL && minizip.close != NULL && minizip.close_raw != NULL;
}

/// One chunk: its input with the window before it, and its deflated output once deflated.
struct job {
    pthread_t thread;
    int threaded;  // deflated on `thread`, to be joined; otherwise already done on the caller's thread
    unsigned char *input;  // window_before bytes of history, then length bytes of data
    size_t window_before, length;
    int finish;
    unsigned long crc;  // CRC-32 of the chunk's data
    unsigned char *output;
    size_t output_length;
    int status;
};

/// A part being written: the chunk filling now, the chunks being deflated, the running CRC and size.
struct part {
    zip_file file;
    struct part *next;
    unsigned char *filling;
    size_t filled;
    unsigned char window[window_size];
    size_t window_length;
    struct job *in_flight[max_in_flight];
    int in_flight_count;
    unsigned long crc;
    uint64_t size;
    int status;
};

static pthread_mutex_t parts_lock = PTHREAD_MUTEX_INITIALIZER;
static struct part *parts = NULL;
static long threaded_chunks = 0;
static long parts_taken = 0;

/// The part open on `file`, taken out of the list when `take` is set.
static struct part *find_part(zip_file file, int take) {
    pthread_mutex_lock(&parts_lock);
    struct part **link = &parts;
    while (*link != NULL && (*link)->file != file) link = &(*link)->next;
    struct part *found = *link;
    if (found != NULL && take) *link = found->next;
    pthread_mutex_unlock(&parts_lock);
    return found;
}

static void *deflate_job(void *argument) {
    struct job *job = argument;
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    job->crc = crc32(0, job->input + job->window_before, (uInt)job->length);
    job->status = deflateInit2(&stream, fast_level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
    if (job->status != Z_OK) return NULL;
    if (job->window_before > 0) deflateSetDictionary(&stream, job->input, (uInt)job->window_before);
    size_t capacity = deflateBound(&stream, (uLong)job->length) + 16;
    job->output = malloc(capacity);
    if (job->output == NULL) {
        deflateEnd(&stream);
        job->status = Z_MEM_ERROR;
        return NULL;
    }
    stream.next_in = job->input + job->window_before;
    stream.avail_in = (uInt)job->length;
    stream.next_out = job->output;
    stream.avail_out = (uInt)capacity;
    int result = deflate(&stream, job->finish ? Z_FINISH : Z_SYNC_FLUSH);
    int complete = job->finish ? result == Z_STREAM_END : (result == Z_OK && stream.avail_in == 0);
    job->status = complete ? Z_OK : Z_STREAM_ERROR;
    job->output_length = capacity - stream.avail_out;
    deflateEnd(&stream);
    return NULL;
}

/// Waits for the oldest chunk and writes its deflated bytes to the part.
static void write_oldest(struct part *part) {
    struct job *job = part->in_flight[0];
    if (job->threaded) pthread_join(job->thread, NULL);
    memmove(part->in_flight, part->in_flight + 1, sizeof part->in_flight[0] * (size_t)(part->in_flight_count - 1));
    part->in_flight_count -= 1;
    if (part->status == 0 && job->status != Z_OK) part->status = ZIP_INTERNALERROR;
    part->crc = crc32_combine(part->crc, job->crc, (z_off_t)job->length);
    if (part->status == 0) {
        part->status = minizip.write(part->file, job->output, (unsigned)job->output_length);
    }
    free(job->input);
    free(job->output);
    free(job);
}

/// Starts deflating the chunk filled so far: on a worker thread, or here when `here` is set.
static void dispatch_chunk(struct part *part, int finish, int here) {
    if (part->in_flight_count == max_in_flight) write_oldest(part);
    struct job *job = calloc(1, sizeof *job);
    unsigned char *input = malloc(part->window_length + part->filled + 1);
    if (job == NULL || input == NULL) {
        free(job);
        free(input);
        part->status = ZIP_INTERNALERROR;
        return;
    }
    memcpy(input, part->window, part->window_length);
    memcpy(input + part->window_length, part->filling, part->filled);
    job->input = input;
    job->window_before = part->window_length;
    job->length = part->filled;
    job->finish = finish;
    // The next chunk's history: the last 32 KiB of input so far.
    size_t available = part->window_length + part->filled;
    size_t keep = available < window_size ? available : window_size;
    memmove(part->window, input + available - keep, keep);
    part->window_length = keep;
    part->filled = 0;
    job->threaded = !here && pthread_create(&job->thread, NULL, deflate_job, job) == 0;
    if (job->threaded) {
        __atomic_add_fetch(&threaded_chunks, 1, __ATOMIC_RELAXED);
    } else {
        deflate_job(job);
    }
    part->in_flight[part->in_flight_count++] = job;
}

/// Frees a part whose file was abandoned without closing it (a write failed and libxlsxwriter
/// gave up), so that a later zip file at the same address does not find it.
static void discard(struct part *part) {
    part->status = ZIP_INTERNALERROR;  // nothing more is written
    while (part->in_flight_count > 0) write_oldest(part);
    free(part->filling);
    free(part);
}

int zipOpenNewFileInZip4_64(zipFile file, const char *name, const zip_fileinfo *info, const void *extra_local,
                            uInt extra_local_size, const void *extra_global, uInt extra_global_size,
                            const char *comment, int method, int level, int raw, int window_bits, int mem_level,
                            int strategy, const char *password, uLong crc_for_crypting, uLong version_made_by,
                            uLong flag_base, int zip64) {
    if (!have_minizip()) return ZIP_INTERNALERROR;
    struct part *abandoned = find_part(file, 1);
    if (abandoned != NULL) discard(abandoned);
    // Only plain deflated parts are taken over; anything else goes to minizip as asked.
    int take_over = engage_tuning_enabled() && method == Z_DEFLATED && !raw && password == NULL;
    int status = minizip.open(file, name, info, extra_local, extra_local_size, extra_global, extra_global_size, comment,
                              method, level, take_over ? 1 : raw, window_bits, mem_level, strategy, password,
                              crc_for_crypting, version_made_by, flag_base, zip64);
    if (status != ZIP_OK || !take_over) return status;
    struct part *part = calloc(1, sizeof *part);
    if (part != NULL) part->filling = malloc(chunk_size);
    if (part == NULL || part->filling == NULL) {
        free(part);
        return ZIP_INTERNALERROR;
    }
    part->file = file;
    part->crc = crc32(0, NULL, 0);
    pthread_mutex_lock(&parts_lock);
    part->next = parts;
    parts = part;
    pthread_mutex_unlock(&parts_lock);
    __atomic_add_fetch(&parts_taken, 1, __ATOMIC_RELAXED);
    return ZIP_OK;
}

int zipWriteInFileInZip(zipFile file, const void *bytes, unsigned length) {
    if (!have_minizip()) return ZIP_INTERNALERROR;
    struct part *part = find_part(file, 0);
    if (part == NULL) return minizip.write(file, bytes, length);
    const unsigned char *from = bytes;
    part->size += length;
    while (length > 0 && part->status == ZIP_OK) {
        size_t room = chunk_size - part->filled;
        size_t take = length < room ? length : room;
        memcpy(part->filling + part->filled, from, take);
        part->filled += take;
        from += take;
        length -= (unsigned)take;
        if (part->filled == chunk_size) dispatch_chunk(part, 0, 0);
    }
    return part->status;
}

int zipCloseFileInZip(zipFile file) {
    if (!have_minizip()) return ZIP_INTERNALERROR;
    struct part *part = find_part(file, 1);
    if (part == NULL) return minizip.close(file);
    // The last chunk is deflated here: nothing else is left to overlap with it.
    if (part->status == ZIP_OK) dispatch_chunk(part, 1, 1);
    while (part->in_flight_count > 0) write_oldest(part);
    int status = part->status;
    int closed = minizip.close_raw(file, part->size, part->crc);
    free(part->filling);
    free(part);
    return status != ZIP_OK ? status : closed;
}

long engage_parallel_zip_chunks(void) { return __atomic_load_n(&threaded_chunks, __ATOMIC_RELAXED); }

long engage_parallel_zip_parts(void) { return __atomic_load_n(&parts_taken, __ATOMIC_RELAXED); }

int engage_parallel_zip_level(void) { return fast_level; }
