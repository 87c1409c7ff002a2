#ifndef MINSHENG_CXLSXWRITER_SHIM_H
#define MINSHENG_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
