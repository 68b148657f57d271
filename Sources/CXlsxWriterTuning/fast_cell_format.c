// libxlsxwriter writes every cell of a sheet with fprintf: for a number cell the format is
// "<c r=\"%s\" s=\"%d\"><v>%.16G</v></c>". glibc's printf parses the format on every call and
// prints each double through its multi-precision %G code; at 100,000 posts that was about 15% of
// the whole report's cycles, on the critical path (libxlsxwriter writes one sheet on one thread).
//
// This file defines __fprintf_chk (what fprintf compiles to with _FORTIFY_SOURCE, and the only
// fprintf libxlsxwriter imports). The executable links libxlsxwriter as a shared library, so the
// linker exports this definition and the dynamic linker binds libxlsxwriter's calls here first.
// Formats made only of text, %s, %d, %% and %.16G are formatted here; any other format, and every
// call when ENGAGE_NO_TUNING=1 (tuning_switch.c), goes to glibc's __vfprintf_chk unchanged. The
// bytes are the same as glibc's: %.16G takes a shortcut only for whole numbers below 2^53 (printed
// as their digits, which is what %.16G prints for them) and asks glibc's snprintf for every other
// value. Like glibc's fprintf, a call holds the stream's lock while it writes, so that output from
// two threads on one stream never interleaves within a call.
#define _GNU_SOURCE
#include <math.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "xlsxwriter_tuning.h"

int __vfprintf_chk(FILE *stream, int flag, const char *format, va_list ap);

static atomic_long fast_calls = 0;

/// Whether every conversion in `format` is one of %s, %d, %% or %.16G.
static int is_simple(const char *format) {
    for (const char *p = strchr(format, '%'); p != NULL; p = strchr(p, '%')) {
        if (p[1] == 's' || p[1] == 'd' || p[1] == '%') {
            p += 2;
        } else if (p[1] == '.' && p[2] == '1' && p[3] == '6' && p[4] == 'G') {
            p += 5;
        } else {
            return 0;
        }
    }
    return 1;
}

/// Writes the decimal digits of `value` ending just before `end`; returns where they start.
static char *digits_before(char *end, uint64_t value) {
    do {
        *--end = (char)('0' + value % 10);
        value /= 10;
    } while (value != 0);
    return end;
}

int engage_format_g16(double value, char *out, size_t size) {
    const double exact_limit = 9007199254740992.0;  // 2^53: every whole number below is exact
    if (size >= 32 && value == trunc(value) && fabs(value) < exact_limit && !(value == 0 && signbit(value))) {
        char digits[24];
        char *end = digits + sizeof digits;
        char *start = digits_before(end, (uint64_t)fabs(value));
        size_t length = 0;
        if (value < 0) out[length++] = '-';
        memcpy(out + length, start, (size_t)(end - start));
        length += (size_t)(end - start);
        out[length] = '\0';
        return (int)length;
    }
    return snprintf(out, size, "%.16G", value);
}

/// Output gathered in a buffer and written with one fwrite when full or done.
struct sink {
    FILE *stream;
    char buffer[512];
    size_t used;
    long total;
    int failed;
};

// The sink's writes happen with the stream locked (flockfile in __fprintf_chk).
static void flush(struct sink *s) {
    if (s->used > 0 && fwrite_unlocked(s->buffer, 1, s->used, s->stream) != s->used) s->failed = 1;
    s->total += (long)s->used;
    s->used = 0;
}

static void put(struct sink *s, const char *bytes, size_t count) {
    if (count > sizeof s->buffer - s->used) {
        flush(s);
        if (count > sizeof s->buffer) {
            if (fwrite_unlocked(bytes, 1, count, s->stream) != count) s->failed = 1;
            s->total += (long)count;
            return;
        }
    }
    memcpy(s->buffer + s->used, bytes, count);
    s->used += count;
}

int __fprintf_chk(FILE *stream, int flag, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    if (!engage_tuning_enabled() || !is_simple(format)) {
        int result = __vfprintf_chk(stream, flag, format, ap);
        va_end(ap);
        return result;
    }
    atomic_fetch_add_explicit(&fast_calls, 1, memory_order_relaxed);
    struct sink s = {.stream = stream, .used = 0, .total = 0, .failed = 0};
    flockfile(stream);
    const char *p = format;
    for (const char *percent = strchr(p, '%'); percent != NULL; percent = strchr(p, '%')) {
        put(&s, p, (size_t)(percent - p));
        char number[32];
        switch (percent[1]) {
        case 's': {
            const char *text = va_arg(ap, const char *);
            if (text == NULL) text = "(null)";  // as glibc prints it
            put(&s, text, strlen(text));
            p = percent + 2;
            break;
        }
        case 'd': {
            int value = va_arg(ap, int);
            char *end = number + sizeof number;
            char *start = digits_before(end, value < 0 ? (uint64_t)(-(int64_t)value) : (uint64_t)value);
            if (value < 0) *--start = '-';
            put(&s, start, (size_t)(end - start));
            p = percent + 2;
            break;
        }
        case '%':
            put(&s, "%", 1);
            p = percent + 2;
            break;
        default: {  // %.16G, the only other conversion is_simple lets through
            int length = engage_format_g16(va_arg(ap, double), number, sizeof number);
            put(&s, number, (size_t)length);
            p = percent + 5;
        }
        }
    }
    put(&s, p, strlen(p));
    flush(&s);
    funlockfile(stream);
    va_end(ap);
    return s.failed ? -1 : (int)s.total;
}

long engage_fast_format_calls(void) { return atomic_load(&fast_calls); }
