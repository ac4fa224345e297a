/* Stand-in for ESP-IDF 5 esp_flash.h (compile check only). */
#ifndef KWS_STANDIN_ESP_FLASH_H
#define KWS_STANDIN_ESP_FLASH_H
#include <stdint.h>
typedef int esp_err_t;
#define ESP_OK 0
typedef struct esp_flash_t esp_flash_t;
esp_err_t esp_flash_read(esp_flash_t *chip, void *buffer, uint32_t address, uint32_t length);
#endif
