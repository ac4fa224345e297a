/* Stand-in for ESP-IDF 5 esp_timer.h (compile check only). */
#ifndef KWS_STANDIN_ESP_TIMER_H
#define KWS_STANDIN_ESP_TIMER_H
#include <stdint.h>
int64_t esp_timer_get_time(void);
#endif
