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
