#ifndef PDM_CMARIADB_SHIM_H
#define PDM_CMARIADB_SHIM_H
#include <mysql.h>

/* mysql_options takes `const void *`; these typed shims keep the pointer-to-int dance out of Swift. */
static inline int pdm_mysql_option_uint(MYSQL *mysql, enum mysql_option option, unsigned int value) {
    return mysql_options(mysql, option, &value);
}

static inline int pdm_mysql_option_bool(MYSQL *mysql, enum mysql_option option, int value) {
    my_bool flag = value ? 1 : 0;
    return mysql_options(mysql, option, &flag);
}

static inline int pdm_mysql_option_string(MYSQL *mysql, enum mysql_option option, const char *value) {
    return mysql_options(mysql, option, value);
}

#endif
