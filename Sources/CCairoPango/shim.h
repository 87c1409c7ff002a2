#ifndef MINSHENG_CCAIROPANGO_SHIM_H
#define MINSHENG_CCAIROPANGO_SHIM_H
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>
#include <fontconfig/fontconfig.h>
#include <zlib.h>

/* deflateInit2 is a macro (it passes zlib's version and z_stream size), which Swift cannot call. */
static inline int minsheng_deflate_init(z_streamp stream, int level, int strategy) {
  return deflateInit2(stream, level, Z_DEFLATED, 15, 8, strategy);
}
#endif
