// Linked into release builds only (scripts/release). GCC 12's libstdc++.a, linked statically, reads glibc 2.32's
// `__libc_single_threaded` to skip atomics while a process has one thread. Older glibcs (bullseye: 2.31, Amazon
// Linux 2: 2.26) lack it, so the binary carries its own, always 0: "not known to be single-threaded", which makes
// libstdc++ take the atomic path every time (correct, marginally slower). On newer glibcs this copy wins for the
// executable's references and glibc keeps its own; 0 stays correct there too.
char __libc_single_threaded = 0;
