// Pango text layout drawn through Cairo (pangocairo), as Swift sees it: font fallback through
// fontconfig, shaping (HarfBuzz), bidirectional text, wrapping and ellipsizing.
#include <pango/pangocairo.h>
