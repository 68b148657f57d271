// fontconfig's font sort, remembered for the life of the process.
//
// Pango 1.50 asks fontconfig to sort every installed font (FcFontSetSort, with trimming) for each
// new font request it meets: each family, weight, language and pixel size, in each thread's font
// map (Pango's font maps are per thread). A report draws text at a few dozen sizes on two threads,
// so fontconfig sorted the same ~320 fonts about 70 times, each sort half a millisecond or more,
// and nearly always to the same order: the sizes differ, and no scalable font's score depends on
// the size. This file defines FcFontSetSort, which libpangoft2's calls bind to first (the
// executable's definitions come before the shared libraries', as for the libxlsxwriter hooks),
// and answers a sort it has seen before from memory, forwarding the rest to fontconfig's own
// (dlsym(RTLD_NEXT)). With ENGAGE_NO_TUNING=1 it only forwards.
//
// Why a remembered sort is the sort fontconfig would return (fontconfig 2.13 to 2.14, fcmatch.c):
// FcFontSetSort scores each font with FcCompare, which reads only the pattern's elements whose
// object the font also has; it then re-scores languages from the pattern's FC_LANG values and
// trims with the fonts' charsets. So the answer depends on the fonts (the same set, compared
// pointer by pointer), `trim`, and the pattern's elements for objects some font has, values and
// bindings in order: that is the key. One more step lets sizes share a key: an object that a
// single font carries (here the colour emoji font's bitmap pixel size) gives that font a score of
// zero or not, against zero for every other font, and scores are compared, never added across
// fonts; so only "equal or not" decides the order, and that is what the key keeps for a numeric
// FC_PIXEL_SIZE carried by one font. Anything else the key cannot hold exactly (charsets, language
// sets, more values) makes the call go to fontconfig unremembered. The tests compare remembered
// and computed sorts on many patterns, and whole reports with the switch on and off.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include "font_tuning.h"

enum {
    max_font_lists = 4,   // distinct font sets (one per fontconfig configuration; Pango uses one)
    max_sorts = 1024,     // remembered sorts (a report makes about a dozen kinds)
};

typedef FcFontSet *(*sort_fn)(FcConfig *, FcFontSet **, int, FcPattern *, FcBool, FcCharSet **, FcResult *);

/// The fonts of one sort's sets, in order, with the objects they carry.
typedef struct {
    FcPattern **fonts;       // each referenced, so no pointer can be reused by another pattern
    int count;
    char **objects;          // names of the objects any font has
    int *carriers;           // how many fonts have each object
    int *carrier;            // the last font found with each object (the only one when carriers is 1)
    int object_count;
} FontList;

/// A sort remembered: the fonts' positions in its font list, in the order fontconfig returned them.
typedef struct {
    int list;
    unsigned char *key;       // make_key's bytes, `trim` included
    size_t key_length;
    int *order;
    int order_count;
} Sort;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static FontList lists[max_font_lists];
static int list_count = 0;
static Sort sorts[max_sorts];
static int sort_count = 0;
static atomic_long remembered = 0, computed = 0;

long engage_font_sort_remembered(void) { return atomic_load(&remembered); }
long engage_font_sort_computed(void) { return atomic_load(&computed); }

/// The same switch as the libxlsxwriter hooks' (tuning_switch.c): off with ENGAGE_NO_TUNING=1.
static int enabled(void) {
    static atomic_int state = 0;  // 0 unknown, 1 on, 2 off
    int current = atomic_load_explicit(&state, memory_order_relaxed);
    if (current == 0) {
        const char *value = getenv("ENGAGE_NO_TUNING");
        current = value != NULL && strcmp(value, "1") == 0 ? 2 : 1;
        atomic_store_explicit(&state, current, memory_order_relaxed);
    }
    return current == 1;
}

static sort_fn real_sort(void) {
    static _Atomic(sort_fn) slot = NULL;
    sort_fn function = atomic_load(&slot);
    if (function == NULL) {
        function = (sort_fn)dlsym(RTLD_NEXT, "FcFontSetSort");
        atomic_store(&slot, function);
    }
    return function;
}

FcFontSet *engage_font_sort_uncached(FcConfig *config, FcFontSet **sets, int nsets, FcPattern *pattern,
                                     FcBool trim, FcCharSet **charset, FcResult *result) {
    sort_fn sort = real_sort();
    if (sort == NULL) {
        *result = FcResultNoMatch;
        return NULL;
    }
    return sort(config, sets, nsets, pattern, trim, charset, result);
}

// MARK: Font lists

static int object_index(const FontList *list, const char *name) {
    for (int i = 0; i < list->object_count; i++) {
        if (strcmp(list->objects[i], name) == 0) return i;
    }
    return -1;
}

/// Records that font `font` (position `position`) has object `name`. 0 when out of memory.
static int note_object(FontList *list, const char *name, int position) {
    int index = object_index(list, name);
    if (index < 0) {
        int n = list->object_count + 1;
        char **objects = realloc(list->objects, sizeof(char *) * n);
        if (objects == NULL) return 0;
        list->objects = objects;
        int *carriers = realloc(list->carriers, sizeof(int) * n);
        if (carriers == NULL) return 0;
        list->carriers = carriers;
        int *carrier = realloc(list->carrier, sizeof(int) * n);
        if (carrier == NULL) return 0;
        list->carrier = carrier;
        char *copy = strdup(name);
        if (copy == NULL) return 0;
        index = list->object_count++;
        list->objects[index] = copy;
        list->carriers[index] = 0;
    }
    list->carriers[index] += 1;
    list->carrier[index] = position;
    return 1;
}

/// The font list holding exactly the fonts of `sets`, added if new; -1 when the table is full or
/// memory ran out. Called with the lock held.
static int font_list(FcFontSet **sets, int nsets) {
    int count = 0;
    for (int s = 0; s < nsets; s++) {
        if (sets[s] != NULL) count += sets[s]->nfont;
    }
    for (int i = 0; i < list_count; i++) {
        if (lists[i].count != count) continue;
        int position = 0, same = 1;
        for (int s = 0; s < nsets && same; s++) {
            if (sets[s] == NULL) continue;
            for (int f = 0; f < sets[s]->nfont && same; f++) same = lists[i].fonts[position++] == sets[s]->fonts[f];
        }
        if (same) return i;
    }
    if (list_count == max_font_lists) return -1;
    FontList list = {0};
    list.fonts = malloc(sizeof(FcPattern *) * (count > 0 ? count : 1));
    if (list.fonts == NULL) return -1;
    for (int s = 0; s < nsets; s++) {
        if (sets[s] == NULL) continue;
        for (int f = 0; f < sets[s]->nfont; f++) {
            FcPattern *font = sets[s]->fonts[f];
            FcPatternReference(font);
            list.fonts[list.count++] = font;
            FcPatternIter iter;
            FcPatternIterStart(font, &iter);
            if (!FcPatternIterIsValid(font, &iter)) continue;
            do {
                // Out of memory: the list stays unused (leaked, once) rather than half made.
                if (!note_object(&list, FcPatternIterGetObject(font, &iter), list.count - 1)) return -1;
            } while (FcPatternIterNext(font, &iter));
        }
    }
    lists[list_count] = list;
    return list_count++;
}

// MARK: Keys

typedef struct {
    unsigned char *bytes;
    size_t length, capacity;
    int failed;
} Key;

static void append(Key *key, const void *data, size_t length) {
    if (key->failed) return;
    if (key->length + length > key->capacity) {
        size_t capacity = key->capacity > 0 ? key->capacity * 2 : 256;
        while (capacity < key->length + length) capacity *= 2;
        unsigned char *bytes = realloc(key->bytes, capacity);
        if (bytes == NULL) {
            key->failed = 1;
            return;
        }
        key->bytes = bytes;
        key->capacity = capacity;
    }
    memcpy(key->bytes + key->length, data, length);
    key->length += length;
}

static int number(FcValue value, double *out) {
    if (value.type == FcTypeDouble) *out = value.u.d;
    else if (value.type == FcTypeInteger) *out = value.u.i;
    else return 0;
    return 1;
}

/// For FC_PIXEL_SIZE carried by one font only: whether the pattern's single value equals that
/// font's single value, as a one-byte key part; 0 when either has another shape of value.
static int pixel_size_class(const FontList *list, int object, FcPattern *pattern, FcPatternIter *iter,
                            unsigned char *out) {
    if (list->carriers[object] != 1 || strcmp(list->objects[object], FC_PIXEL_SIZE) != 0
        || FcPatternIterValueCount(pattern, iter) != 1) return 0;
    FcPattern *font = list->fonts[list->carrier[object]];
    FcValue asked, offered, more;
    FcValueBinding binding;
    double a, b;
    if (FcPatternIterGetValue(pattern, iter, 0, &asked, &binding) != FcResultMatch || !number(asked, &a)
        || FcPatternGet(font, FC_PIXEL_SIZE, 0, &offered) != FcResultMatch || !number(offered, &b)
        || FcPatternGet(font, FC_PIXEL_SIZE, 1, &more) == FcResultMatch) return 0;
    *out = a == b ? '=' : '#';
    return 1;
}

/// The part of `pattern` a sort over `list` can see, as bytes (see the top of the file); 0 when a
/// value cannot be written exactly.
static int make_key(const FontList *list, FcPattern *pattern, FcBool trim, Key *key) {
    append(key, &trim, sizeof trim);
    FcPatternIter iter;
    FcPatternIterStart(pattern, &iter);
    if (!FcPatternIterIsValid(pattern, &iter)) return !key->failed;
    do {
        const char *name = FcPatternIterGetObject(pattern, &iter);
        int object = object_index(list, name);
        if (object < 0 && strcmp(name, FC_FAMILY) != 0 && strcmp(name, FC_LANG) != 0) continue;
        append(key, name, strlen(name) + 1);
        unsigned char size_class;
        if (object >= 0 && pixel_size_class(list, object, pattern, &iter, &size_class)) {
            append(key, &size_class, 1);
            continue;
        }
        int values = FcPatternIterValueCount(pattern, &iter);
        for (int i = 0; i < values; i++) {
            FcValue value;
            FcValueBinding binding;
            if (FcPatternIterGetValue(pattern, &iter, i, &value, &binding) != FcResultMatch) return 0;
            unsigned char head[2] = {(unsigned char)value.type, (unsigned char)binding};
            append(key, head, sizeof head);
            switch (value.type) {
            case FcTypeVoid: break;
            case FcTypeString: append(key, value.u.s, strlen((const char *)value.u.s) + 1); break;
            case FcTypeInteger: append(key, &value.u.i, sizeof value.u.i); break;
            case FcTypeBool: append(key, &value.u.b, sizeof value.u.b); break;
            case FcTypeDouble: append(key, &value.u.d, sizeof value.u.d); break;
            case FcTypeMatrix: append(key, value.u.m, sizeof *value.u.m); break;
            case FcTypeRange: {
                double range[2];
                if (!FcRangeGetDouble(value.u.r, &range[0], &range[1])) return 0;
                append(key, range, sizeof range);
                break;
            }
            default: return 0;  // charsets, language sets, faces: not held exactly
            }
        }
        unsigned char end = 0xFF;  // no value type has this tag: the next object's name follows
        append(key, &end, 1);
    } while (FcPatternIterNext(pattern, &iter));
    return !key->failed;
}

// MARK: The hook

/// A new set holding the remembered order (each font referenced, as FcFontSetSort returns them).
static FcFontSet *recall(const Sort *sort, FcResult *result) {
    FcFontSet *set = FcFontSetCreate();
    if (set == NULL) return NULL;
    for (int i = 0; i < sort->order_count; i++) {
        FcPattern *font = lists[sort->list].fonts[sort->order[i]];
        FcPatternReference(font);
        if (!FcFontSetAdd(set, font)) {
            FcPatternDestroy(font);
            FcFontSetDestroy(set);
            return NULL;
        }
    }
    *result = set->nfont > 0 ? FcResultMatch : FcResultNoMatch;
    return set;
}

/// The sort remembered for `key` over font list `list`, or NULL. Called with the lock held.
static const Sort *find(int list, const Key *key) {
    for (int i = 0; i < sort_count; i++) {
        const Sort *known = &sorts[i];
        if (known->list == list && known->key_length == key->length && memcmp(known->key, key->bytes, key->length) == 0) {
            return known;
        }
    }
    return NULL;
}

/// Remembers `set`, fontconfig's answer for `key` over font list `list`, unless another thread
/// did meanwhile, the table is full or a font of the answer is not in the list. Called with the
/// lock held; takes `key`'s bytes if it keeps them.
static void remember(int list, Key *key, const FcFontSet *set) {
    if (find(list, key) != NULL || sort_count == max_sorts) return;
    int *order = malloc(sizeof(int) * (set->nfont > 0 ? set->nfont : 1));
    if (order == NULL) return;
    const FontList *fonts = &lists[list];
    for (int i = 0; i < set->nfont; i++) {
        int found = -1;
        for (int f = 0; f < fonts->count && found < 0; f++) {
            if (fonts->fonts[f] == set->fonts[i]) found = f;
        }
        if (found < 0) {
            free(order);
            return;
        }
        order[i] = found;
    }
    sorts[sort_count++] = (Sort){list, key->bytes, key->length, order, set->nfont};
    key->bytes = NULL;
}

FcFontSet *FcFontSetSort(FcConfig *config, FcFontSet **sets, int nsets, FcPattern *pattern, FcBool trim,
                         FcCharSet **charset, FcResult *result) {
    // A caller that wants the union of the charsets gets fontconfig's own sort.
    if (!enabled() || charset != NULL || sets == NULL || pattern == NULL || result == NULL) {
        return engage_font_sort_uncached(config, sets, nsets, pattern, trim, charset, result);
    }
    Key key = {0};
    FcFontSet *set = NULL;
    pthread_mutex_lock(&lock);
    int list = font_list(sets, nsets);
    int usable = list >= 0 && make_key(&lists[list], pattern, trim, &key);
    const Sort *known = usable ? find(list, &key) : NULL;
    if (known != NULL) set = recall(known, result);
    pthread_mutex_unlock(&lock);
    if (set != NULL) {
        atomic_fetch_add(&remembered, 1);
        free(key.bytes);
        return set;
    }
    // Sorted without the lock: two threads asking at once both sort, and the first answer is kept.
    atomic_fetch_add(&computed, 1);
    set = engage_font_sort_uncached(config, sets, nsets, pattern, trim, charset, result);
    if (usable && set != NULL) {
        pthread_mutex_lock(&lock);
        remember(list, &key, set);
        pthread_mutex_unlock(&lock);
    }
    free(key.bytes);
    return set;
}
