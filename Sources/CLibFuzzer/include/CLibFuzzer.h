// libFuzzer's driver, for fuzz targets that keep their own main (SwiftPM renames an executable's
// entry point, so libFuzzer's main cannot be linked in). Defined by the fuzzer runtime that
// `-sanitize=fuzzer` links; referenced only when the targets are built with -DFUZZING.
#ifndef CLIBFUZZER_H
#define CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

// LeakSanitizer (with -sanitize=address): what is allocated between the two calls is never
// reported. The fixtures a fuzzer builds once and keeps are made there: Swift's spare-bit
// pointers in enums (Data, Optional) hide them from LSan's scan of the globals.
void __lsan_disable(void);
void __lsan_enable(void);

#endif
