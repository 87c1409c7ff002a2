#ifndef MINSHENG_CCAIROPANGO_SHIM_H
#define MINSHENG_CCAIROPANGO_SHIM_H
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>
#include <fontconfig/fontconfig.h>
#include <zlib.h>
/* zlib: Adler-32 and CRC-32 for the PNG writer (the compressing is ImageDeflate's). */
#endif
