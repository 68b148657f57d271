// One switch for every hook in this folder. With ENGAGE_NO_TUNING=1 in the environment each hook
// forwards its call unchanged, so libxlsxwriter, minizip and glibc do exactly what they would do
// without engage (the executable also leaves glibc's malloc settings alone). The outputs are the
// same apart from the workbook's compressed bytes; the switch is for ruling the hooks out when
// something looks wrong, and the tests compare reports made both ways.
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include "xlsxwriter_tuning.h"

enum { unknown = 0, enabled = 1, disabled = 2 };

static atomic_int state = unknown;

int engage_tuning_enabled(void) {
    int current = atomic_load_explicit(&state, memory_order_relaxed);
    if (current == unknown) {
        const char *value = getenv("ENGAGE_NO_TUNING");
        current = value != NULL && strcmp(value, "1") == 0 ? disabled : enabled;
        atomic_store_explicit(&state, current, memory_order_relaxed);
    }
    return current == enabled;
}
