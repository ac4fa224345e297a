/*
 * KwsNano nanoFramework glue: the few platform services the interop methods need, one implementation per
 * nanoFramework RTOS (kws_nf_port_esp32.c: ESP-IDF; kws_nf_port_chibios.c: ChibiOS/STM32). Each also defines
 * kws_port_now_us (kws_port.h) so the engine's hop timing uses the same clock. The device glue hands these
 * functions to the session (kws_nf_session.h) as its kws_nf_hooks; the signatures match the hook fields.
 */
#ifndef KWS_NF_PORT_H
#define KWS_NF_PORT_H

#include <stdint.h>
#include "kws_nf_session.h" /* the status codes KWS_NF_* (kws_nf_status) */

#ifdef __cplusplus
extern "C" {
#endif

/** Microseconds since boot, 64-bit. */
uint64_t kws_nf_now_us64(void);

/**
 * Makes the .kwsm blob stored at flash `address` readable in place: *blob points at its first byte and *size
 * is its header total_size (checked against max_size). Returns 0 or KWS_NF_FLASH.
 */
int kws_nf_flash_map(uint32_t address, uint32_t max_size, const void **blob, uint32_t *size);

/** Starts I2S capture of 32-bit stereo frames into a ring of `buffer_frames`. Returns 0 or a glue status. */
int kws_nf_capture_start(int sample_rate, int buffer_frames);

/** Waits up to timeout_ms for `frame_count` frames and copies them (8 bytes each). Returns frames or -status. */
int kws_nf_capture_read(uint8_t *frames, int frame_count, int timeout_ms);

/** Stops capture. Returns 0. */
int kws_nf_capture_stop(void);

#ifdef __cplusplus
}
#endif

#endif /* KWS_NF_PORT_H */
