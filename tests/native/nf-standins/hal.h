/* Stand-in for ChibiOS 21 hal.h (+ ch.h, CMSIS core registers): what kws_nf_port_chibios.c uses (compile check only). */
#ifndef KWS_STANDIN_HAL_H
#define KWS_STANDIN_HAL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint32_t syssts_t;
typedef int32_t msg_t;
typedef uint32_t sysinterval_t;
#define MSG_OK ((msg_t)0)
#define MSG_TIMEOUT ((msg_t)-1)
#define TIME_MS2I(ms) ((sysinterval_t)(ms))

typedef struct { int dummy; } binary_semaphore_t;
void chBSemObjectInit(binary_semaphore_t *bsp, bool taken);
msg_t chBSemWaitTimeout(binary_semaphore_t *bsp, sysinterval_t timeout);
void chBSemSignalI(binary_semaphore_t *bsp);
syssts_t chSysGetStatusAndLockX(void);
void chSysRestoreStatusX(syssts_t sts);
void chSysLockFromISR(void);
void chSysUnlockFromISR(void);

typedef struct I2SDriver I2SDriver;
typedef void (*i2scallback_t)(I2SDriver *i2sp);
typedef struct {
    const void *tx_buffer;
    void *rx_buffer;
    size_t size;
    i2scallback_t end_cb;
    int16_t i2scfgr;
    int16_t i2spr;
} I2SConfig;
struct I2SDriver { int state; const I2SConfig *config; };
extern I2SDriver I2SD2;
msg_t i2sStart(I2SDriver *i2sp, const I2SConfig *config);
void i2sStop(I2SDriver *i2sp);
void i2sStartExchange(I2SDriver *i2sp);
void i2sStopExchange(I2SDriver *i2sp);
bool i2sIsBufferComplete(I2SDriver *i2sp);

#define SPI_I2SCFGR_CHLEN (1u << 0)
#define SPI_I2SCFGR_DATLEN_1 (1u << 2)
#define SPI_I2SCFGR_I2SCFG_0 (1u << 8)
#define SPI_I2SCFGR_I2SCFG_1 (1u << 9)
#define SPI_I2SCFGR_I2SMOD (1u << 11)
#define SPI_I2SPR_ODD (1u << 8)

typedef struct { volatile uint32_t CTRL; volatile uint32_t CYCCNT; } DWT_Type;
typedef struct { volatile uint32_t DEMCR; } CoreDebug_Type;
extern DWT_Type *const DWT;
extern CoreDebug_Type *const CoreDebug;
#define DWT_CTRL_CYCCNTENA_Msk (1u << 0)
#define CoreDebug_DEMCR_TRCENA_Msk (1u << 24)
extern uint32_t SystemCoreClock;
#endif
