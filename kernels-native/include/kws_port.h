/*
 * KwsNano platform hooks: the only place the engine touches the platform. Kernels never print.
 * A port (host, Cortex-M bare metal, nanoFramework firmware) provides these in one .c file;
 * kernels-native/src/port/kws_port_default.c provides weak defaults (clock reads 0).
 */
#ifndef KWS_PORT_H
#define KWS_PORT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Monotonic microsecond clock for timing (wraps at 2^32). */
uint32_t kws_port_now_us(void);

#ifdef __cplusplus
}
#endif

#endif /* KWS_PORT_H */
