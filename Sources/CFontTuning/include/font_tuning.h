#ifndef ENGAGE_FONT_TUNING_H
#define ENGAGE_FONT_TUNING_H

#include <fontconfig/fontconfig.h>

/// Sorts answered from memory by font_sort_memo.c since the process started.
long engage_font_sort_remembered(void);

/// Sorts font_sort_memo.c passed on to fontconfig (the first of each kind, and those it does not
/// remember: other callers' charset requests, values it cannot compare, a full table).
long engage_font_sort_computed(void);

/// fontconfig's own FcFontSetSort, never remembered: the tests compare the two on many patterns.
FcFontSet *engage_font_sort_uncached(FcConfig *config, FcFontSet **sets, int nsets, FcPattern *pattern,
                                     FcBool trim, FcCharSet **charset, FcResult *result);

#endif
