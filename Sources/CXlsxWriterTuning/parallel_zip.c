// The workbook's large parts are deflated on both cores.
//
// libxlsxwriter hands each part of the .xlsx to minizip (zipOpenNewFileInZip4_64, then
// zipWriteInFileInZip with the bytes, then zipCloseFileInZip), and minizip deflates it on the one
// thread that closes the workbook. At 1,000,000 posts the Posts sheet is 1.3 GB of XML and its
// deflate took a third of the report while the other core had nothing left to do.
//
// This file defines those three minizip functions (the executable's definitions come first for
// libxlsxwriter, as in fast_deflate.c). A part is opened in minizip's raw mode; its bytes are cut
// into 1 MiB chunks, and each chunk is deflated on a worker thread as a raw deflate block sequence
// primed with the 32 KiB before it (so matches reach back across the cut, as in pigz) and ended with
// a sync flush, the last one with finish. The pieces are written in order, and the part is closed
// with minizip's zipCloseFileInZipRaw64, given the size and the CRC-32 (each chunk's computed by
// its worker, then combined). Concatenated, the pieces are one valid deflate stream; since the cuts
// fall at fixed offsets, the same part always gives the same bytes. The last chunk (all of a part
// smaller than one chunk) is deflated on the calling thread.
#define _GNU_SOURCE
#include <dlfcn.h>
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
    zip_internal_error = -104,
};

typedef void *zip_file;
typedef int (*open_fn)(zip_file, const char *, const void *, const void *, unsigned, const void *, unsigned,
                       const char *, int, int, int, int, int, int, const char *, unsigned long, unsigned long,
                       unsigned long, int);
typedef int (*write_fn)(zip_file, const void *, unsigned);
typedef int (*close_fn)(zip_file);
typedef int (*close_raw_fn)(zip_file, uint64_t, unsigned long);

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

static void *real(const char *name) { return dlsym(RTLD_NEXT, name); }

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
    job->status = deflateInit2(&stream, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
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
    if (part->status == 0 && job->status != Z_OK) part->status = zip_internal_error;
    part->crc = crc32_combine(part->crc, job->crc, (z_off_t)job->length);
    if (part->status == 0) {
        part->status = ((write_fn)real("zipWriteInFileInZip"))(part->file, job->output, (unsigned)job->output_length);
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
        part->status = zip_internal_error;
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
    part->status = zip_internal_error;  // nothing more is written
    while (part->in_flight_count > 0) write_oldest(part);
    free(part->filling);
    free(part);
}

int zipOpenNewFileInZip4_64(zip_file file, const char *name, const void *info, const void *extra_local,
                            unsigned extra_local_size, const void *extra_global, unsigned extra_global_size,
                            const char *comment, int method, int level, int raw, int window_bits, int mem_level,
                            int strategy, const char *password, unsigned long crc_for_crypting,
                            unsigned long version_made_by, unsigned long flag_base, int zip64) {
    struct part *abandoned = find_part(file, 1);
    if (abandoned != NULL) discard(abandoned);
    open_fn open_entry = (open_fn)real("zipOpenNewFileInZip4_64");
    // Only plain deflated parts are taken over; anything else goes to minizip as asked.
    int take_over = method == Z_DEFLATED && !raw && password == NULL;
    int status = open_entry(file, name, info, extra_local, extra_local_size, extra_global, extra_global_size, comment,
                            method, level, take_over ? 1 : raw, window_bits, mem_level, strategy, password,
                            crc_for_crypting, version_made_by, flag_base, zip64);
    if (status != 0 || !take_over) return status;
    struct part *part = calloc(1, sizeof *part);
    if (part != NULL) part->filling = malloc(chunk_size);
    if (part == NULL || part->filling == NULL) {
        if (part != NULL) free(part);
        return zip_internal_error;
    }
    part->file = file;
    part->crc = crc32(0, NULL, 0);
    pthread_mutex_lock(&parts_lock);
    part->next = parts;
    parts = part;
    pthread_mutex_unlock(&parts_lock);
    return 0;
}

int zipWriteInFileInZip(zip_file file, const void *bytes, unsigned length) {
    struct part *part = find_part(file, 0);
    if (part == NULL) return ((write_fn)real("zipWriteInFileInZip"))(file, bytes, length);
    const unsigned char *from = bytes;
    part->size += length;
    while (length > 0 && part->status == 0) {
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

int zipCloseFileInZip(zip_file file) {
    struct part *part = find_part(file, 1);
    if (part == NULL) return ((close_fn)real("zipCloseFileInZip"))(file);
    // The last chunk is deflated here: nothing else is left to overlap with it.
    if (part->status == 0) dispatch_chunk(part, 1, 1);
    while (part->in_flight_count > 0) write_oldest(part);
    int status = part->status;
    int closed = ((close_raw_fn)real("zipCloseFileInZipRaw64"))(file, part->size, part->crc);
    free(part->filling);
    free(part);
    return status != 0 ? status : closed;
}

long engage_parallel_zip_chunks(void) { return __atomic_load_n(&threaded_chunks, __ATOMIC_RELAXED); }
