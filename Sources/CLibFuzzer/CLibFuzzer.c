// The declarations are in include/CLibFuzzer.h; the definitions come with the fuzzer runtime.
#include "CLibFuzzer.h"
