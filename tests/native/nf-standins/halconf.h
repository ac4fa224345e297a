/*
 * Stand-in for ST_STM32F769I_DISCOVERY's nanoCLR/halconf.h (nf-interpreter): the stock value of the one setting the
 * KwsNano ChibiOS port depends on. The compile check (scripts/test-stages/20-native-host.sh) writes the halconf.h /
 * mcuconf.h lines docs/custom-firmware.md tells the user to set into kws_target_conf.h, included first: the same as
 * editing them into the real files. Like the real file, this one includes mcuconf.h.
 */
#ifndef KWS_STANDIN_HALCONF_H
#define KWS_STANDIN_HALCONF_H
#include "kws_target_conf.h"
#include "mcuconf.h"

/* stock: I2S off */
#if !defined(HAL_USE_I2S)
#define HAL_USE_I2S FALSE
#endif
#endif
