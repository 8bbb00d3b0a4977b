// Linked into release builds only (scripts/release: -Wl,--wrap=mysql_init). The release carries Connector/C
// linked in, with its built-in authentication plugins only (mysql_native_password; mysql_old_password, which the
// preflight never allows). Any other plugin a server asks for, Connector/C would dlopen from MARIADB_PLUGIN_DIR
// or from the folder compiled into Debian's build, /usr/lib/x86_64-linux-gnu/libmariadb3/plugin, where a Debian
// host keeps the plugins of *its own* Connector/C (3.1 on bullseye, built against another libmariadb). So that
// every host behaves alike, each session gets a plugin folder that exists nowhere: a server that asks for
// client_ed25519, caching_sha2_password or sha256_password fails check 1 the same way on every host, naming
// this folder in the error.
#include <mysql.h>
#include <stddef.h>

#define PDM_RELEASE_PLUGIN_DIR "/nonexistent/pdm-pipeline-release-has-no-mariadb-plugins"

MYSQL *__real_mysql_init(MYSQL *mysql);

__attribute__((visibility("hidden"))) MYSQL *__wrap_mysql_init(MYSQL *mysql) {
    MYSQL *handle = __real_mysql_init(mysql);
    if (handle != NULL && mysql_optionsv(handle, MYSQL_PLUGIN_DIR, PDM_RELEASE_PLUGIN_DIR) != 0) {
        mysql_close(handle);
        return NULL;  // the caller reports "libmariadb could not be initialised"
    }
    return handle;
}
