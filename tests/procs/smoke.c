/* The process suite's first program: getpid/getppid/getsid/getpgid agree
 * with each other as the kernel defines them. */
#include "../threads/thrtest.h"

static int case_ids(void)
{
    t_begin();
    EXPECT(getpgid(0) == getpgrp(), "getpgid(0) %d, getpgrp %d", getpgid(0), getpgrp());
    EXPECT(getsid(0) == getsid(getpid()), "getsid(0) %d", getsid(0));
    EXPECT(getppid() > 0, "getppid %d", getppid());
    return t_end("ids");
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    case_ids();
    return 0;
}
