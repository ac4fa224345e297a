/*
 * KwsNano default port: weak clock returning 0. A platform port (host, Cortex-M, nanoFramework)
 * overrides it with a strong definition in its own file.
 */
#include "kws_port.h"

#if defined(__GNUC__) || defined(__clang__)
__attribute__((weak))
#endif
uint32_t kws_port_now_us(void)
{
    return 0u;
}
