/* Installed-library consumer: proves the headers, the pkg-config file and
 * the CMake package work from an install prefix, and that the library loaded
 * at run time is the one the headers describe. */
#include <stdio.h>
#include <string.h>

#include <kemitraan/version.h>

int main(void)
{
    const char *s = km_version_string();

    printf("kemitraan %s (headers %s)\n", s ? s : "(null)", KM_VERSION_STRING);
    if (km_version() != KM_VERSION_NUMBER) {
        fprintf(stderr, "version mismatch: library %d, headers %d\n",
                km_version(), KM_VERSION_NUMBER);
        return 1;
    }
    if (s == NULL || strcmp(s, KM_VERSION_STRING) != 0) {
        fprintf(stderr, "version string mismatch\n");
        return 1;
    }
    return 0;
}
