// Cairo's image (PNG) and PDF surfaces, as Swift sees them.
#include <cairo.h>
#include <cairo-pdf.h>
