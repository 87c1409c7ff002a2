#ifndef MINSHENG_CCAIROPANGO_SHIM_H
#define MINSHENG_CCAIROPANGO_SHIM_H
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>
#include <fontconfig/fontconfig.h>
#endif
