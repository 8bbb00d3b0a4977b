#include "CBuildInfo.h"

#ifndef PDM_BUILD_COMMIT
#define PDM_BUILD_COMMIT "unknown"
#endif

const char *pdm_build_commit(void) { return PDM_BUILD_COMMIT; }
