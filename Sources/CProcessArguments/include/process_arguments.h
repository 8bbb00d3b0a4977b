#ifndef PDM_PROCESS_ARGUMENTS_H
#define PDM_PROCESS_ARGUMENTS_H

/// The argc the C entry point was given, captured before main; -1 if the loader passed nothing (not glibc).
int pdm_process_argc(void);

/// argv[index] as the C entry point was given it, or NULL outside 0..<argc.
const char *pdm_process_argv(int index);

#endif
