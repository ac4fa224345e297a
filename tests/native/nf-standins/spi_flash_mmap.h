/* Stand-in for ESP-IDF 5 spi_flash_mmap.h (compile check only). */
#ifndef KWS_STANDIN_SPI_FLASH_MMAP_H
#define KWS_STANDIN_SPI_FLASH_MMAP_H
#include <stddef.h>
#include <stdint.h>
#include "esp_flash.h"
typedef enum { SPI_FLASH_MMAP_DATA, SPI_FLASH_MMAP_INST } spi_flash_mmap_memory_t;
typedef uint32_t spi_flash_mmap_handle_t;
esp_err_t spi_flash_mmap(size_t src_addr, size_t size, spi_flash_mmap_memory_t memory, const void **out_ptr,
                         spi_flash_mmap_handle_t *out_handle);
void spi_flash_munmap(spi_flash_mmap_handle_t handle);
#endif
