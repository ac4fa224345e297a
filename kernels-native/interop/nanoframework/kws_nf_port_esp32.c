/*
 * KwsNano nanoFramework glue, ESP32 (ESP-IDF 5.x): microsecond clock from esp_timer, the model read in place
 * from a memory-mapped flash region (0x380000 on classic ESP32 4 MB: the top of deployment and the gap; see
 * docs/custom-firmware.md). Audio is captured by managed System.Device.I2s, so native capture reports
 * KWS_NF_NO_CAPTURE.
 */
#include <string.h>
#include "esp_timer.h"
#include "esp_flash.h"
#include "spi_flash_mmap.h"
#include "kws_nano.h"
#include "kws_port.h"
#include "kws_nf_port.h"

#define KWS_NF_MMAP_ALIGN 0x10000u /* flash MMU page: mapped addresses must be 64 KB aligned */

static spi_flash_mmap_handle_t s_map_handle;
static int s_mapped;

uint64_t kws_nf_now_us64(void)
{
    return (uint64_t)esp_timer_get_time();
}

uint32_t kws_port_now_us(void)
{
    return (uint32_t)esp_timer_get_time();
}

int kws_nf_flash_map(uint32_t address, uint32_t max_size, const void **blob, uint32_t *size)
{
    uint8_t header[16];
    if ((address % KWS_NF_MMAP_ALIGN) != 0 || esp_flash_read(NULL, header, address, sizeof header) != ESP_OK)
    {
        return KWS_NF_FLASH;
    }
    uint32_t total = (uint32_t)header[8] | ((uint32_t)header[9] << 8) | ((uint32_t)header[10] << 16) | ((uint32_t)header[11] << 24);
    if (memcmp(header, "KWSM", 4) != 0 || total < KWS_HEADER_SIZE || total > max_size)
    {
        return KWS_NF_FLASH; /* erased (0xFF...), not a model, or larger than the reserved region */
    }
    if (s_mapped)
    {
        spi_flash_munmap(s_map_handle);
        s_mapped = 0;
    }
    if (spi_flash_mmap(address, total, SPI_FLASH_MMAP_DATA, blob, &s_map_handle) != ESP_OK)
    {
        return KWS_NF_FLASH;
    }
    s_mapped = 1;
    *size = total;
    return 0;
}

int kws_nf_capture_start(int sample_rate, int buffer_frames)
{
    (void)sample_rate;
    (void)buffer_frames;
    return -KWS_NF_NO_CAPTURE;
}

int kws_nf_capture_read(uint8_t *frames, int frame_count, int timeout_ms)
{
    (void)frames;
    (void)frame_count;
    (void)timeout_ms;
    return -KWS_NF_NO_CAPTURE;
}

int kws_nf_capture_stop(void)
{
    return 0;
}
