#ifndef PDM_BUILD_INFO_H
#define PDM_BUILD_INFO_H
/// The commit this binary was built from, as Package.swift read it from git ("unknown" outside a git checkout;
/// a "+changes" suffix when the work tree had uncommitted changes). A C function because SwiftPM can define a
/// string constant only for C targets.
const char *pdm_build_commit(void);
#endif
