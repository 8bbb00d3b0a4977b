// Linked into release builds only (scripts/release), which link against a Debian bullseye userland (glibc 2.31)
// but must load on Amazon Linux 2 (glibc 2.26): everything here brings a symbol the binary needs down to a
// version 2.26 has. scripts/lib/floor-check proves the result. Every definition is hidden: it satisfies the
// binary's own references and is never exported to the host's libraries.
#define HIDDEN __attribute__((visibility("hidden")))

// GCC 12's libstdc++.a, linked statically, reads glibc 2.32's `__libc_single_threaded` to skip atomics while a
// process has one thread. Older glibcs lack it, so the binary carries its own, always 0: "not known to be
// single-threaded", which makes libstdc++ take the atomic path every time (correct, marginally slower).
HIDDEN char __libc_single_threaded = 0;

// libm: glibc 2.27 (float) and 2.29 (double) added new versions of these functions (faster, without the SVID
// error-handling wrapper); the original GLIBC_2.2.5 versions stay in every libm. The binary's references (Swift
// runtime, Foundation, BoringSSL, our code) bind to these definitions, which call the 2.2.5 versions: results may
// differ from the new ones in the last bit, and errno is set as POSIX asks by both.
#define PIN(type, name, params, args)                                    \
    type pdm_##name##_2_2_5 params;                                      \
    __asm__(".symver pdm_" #name "_2_2_5, " #name "@GLIBC_2.2.5");       \
    HIDDEN type name params { return pdm_##name##_2_2_5 args; }

PIN(double, exp, (double x), (x))
PIN(double, exp2, (double x), (x))
PIN(double, log, (double x), (x))
PIN(double, log2, (double x), (x))
PIN(double, pow, (double x, double y), (x, y))
PIN(float, expf, (float x), (x))
PIN(float, exp2f, (float x), (x))
PIN(float, logf, (float x), (x))
PIN(float, log2f, (float x), (x))
PIN(float, powf, (float x, float y), (x, y))
PIN(float, sinf, (float x), (x))
PIN(float, cosf, (float x), (x))

void pdm_sincosf_2_2_5(float x, float *s, float *c);
__asm__(".symver pdm_sincosf_2_2_5, sincosf@GLIBC_2.2.5");
HIDDEN void sincosf(float x, float *s, float *c) { pdm_sincosf_2_2_5(x, s, c); }

// fcntl64 (2.28) is what glibc 2.28+ headers make of fcntl under _FILE_OFFSET_BITS=64, as Connector/C is built
// (libmariadb.a, pvio_socket.c). On x86_64 the two are the same call (struct flock is already 64-bit), so this
// forwards to fcntl's original version; the third argument, when there is one, is an int or a pointer, both
// passed in a register as a pointer-sized value.
#include <stdarg.h>
int pdm_fcntl_2_2_5(int fd, int cmd, ...);
__asm__(".symver pdm_fcntl_2_2_5, fcntl@GLIBC_2.2.5");
HIDDEN int fcntl64(int fd, int cmd, ...) {
    va_list ap;
    va_start(ap, cmd);
    void *arg = va_arg(ap, void *);
    va_end(ap);
    return pdm_fcntl_2_2_5(fd, cmd, arg);
}

// posix_spawn_file_actions_addchdir_np (2.29) is referenced by Foundation's Process (CoreFoundation's
// _CFPosixSpawnFileActionsChdir), which this program never uses: its children are started by posix_spawn with
// the C library's own actions looked up at run time (dlsym finds glibc's, never this hidden one) or, where glibc
// lacks them (before 2.34: bullseye, Amazon Linux 2), by swift-subprocess, which forks, chdirs and execs instead.
// This answers ENOSYS on every host, which is exactly what
// CoreFoundation itself does when built for a glibc older than 2.29: a Process with a working directory would
// fail to start instead of starting in the wrong folder.
#include <errno.h>
HIDDEN int posix_spawn_file_actions_addchdir_np(void *actions, const char *path) {
    (void)actions;
    (void)path;
    return ENOSYS;
}
