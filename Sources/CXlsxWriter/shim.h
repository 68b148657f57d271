// The libxlsxwriter API as Swift sees it. Its function-like macros (CELL, RANGE, COLS) cannot be
// imported; the XLSX target uses numeric row/column indexes instead.
#include <xlsxwriter.h>
