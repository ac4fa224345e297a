/*
 * KwsNano CRC-32 (ISO-HDLC: reflected polynomial 0xEDB88320, init and final xor 0xFFFFFFFF), four bits at a time
 * from a 16-entry table (64 bytes of flash, no RAM): about 5x fewer instructions than bit by bit, which matters since
 * format 1.2 blobs also carry the front-end tables (ds_cnn_s 42.7 KB). Runs once per kws_model_open.
 */
#include "kws__model.h"

/* kws__crc_nibble[n] = CRC register after shifting nibble n through: bitwise CRC of n over 4 steps. */
static const uint32_t kws__crc_nibble[16] = {
    0x00000000u, 0x1DB71064u, 0x3B6E20C8u, 0x26D930ACu, 0x76DC4190u, 0x6B6B51F4u, 0x4DB26158u, 0x5005713Cu,
    0xEDB88320u, 0xF00F9344u, 0xD6D6A3E8u, 0xCB61B38Cu, 0x9B64C2B0u, 0x86D3D2D4u, 0xA00AE278u, 0xBDBDF21Cu,
};

uint32_t kws__crc32(const uint8_t *data, uint32_t size)
{
    uint32_t crc = 0xFFFFFFFFu;
    uint32_t i;
    for (i = 0; i < size; i++) {
        crc ^= data[i];
        crc = (crc >> 4) ^ kws__crc_nibble[crc & 15u];
        crc = (crc >> 4) ^ kws__crc_nibble[crc & 15u];
    }
    return crc ^ 0xFFFFFFFFu;
}
