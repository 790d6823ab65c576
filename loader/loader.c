/* placeholder */
#include "loader/loader.h"
#include "core/log.h"
int loader_load(const char *path, char *const argv[], char *const envp[])
{
    log_error("%s: loader not built yet", path);
    return 126;
}
