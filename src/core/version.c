/* Run-time version: the values are baked in when the library is compiled,
 * so a program can tell which library it actually loaded. */
#include "kemitraan/version.h"

int km_version(void)
{
    return KM_VERSION_NUMBER;
}

const char *km_version_string(void)
{
    return KM_VERSION_STRING;
}
