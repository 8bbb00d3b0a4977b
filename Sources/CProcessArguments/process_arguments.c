// The process's own argc/argv, captured by a constructor. Swift's CommandLine on Linux reads them back from
// /proc/self/cmdline, which is empty or absent where /proc is not mounted (a chroot, some sandboxes): then every
// command saw no arguments at all. glibc calls each .init_array function with (argc, argv, envp) before main, in
// static and dynamic executables alike; other C libraries may pass nothing, which leaves argc at -1.
#include "process_arguments.h"
#include <stddef.h>

static int captured_argc = -1;
static char **captured_argv = NULL;

static void capture(int argc, char **argv, char **envp) {
    (void)envp;
    if (argc >= 0 && argv != NULL) {
        captured_argc = argc;
        captured_argv = argv;
    }
}

#if defined(__ELF__)
__attribute__((section(".init_array"), used)) static void (*const capture_entry)(int, char **, char **) = capture;
#endif

int pdm_process_argc(void) { return captured_argc; }

const char *pdm_process_argv(int index) {
    if (index < 0 || index >= captured_argc) return NULL;
    return captured_argv[index];
}
