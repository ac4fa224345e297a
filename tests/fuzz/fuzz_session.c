/*
 * libFuzzer harness: the nanoFramework interop session (kernels-native/interop/nanoframework/kws_nf_session.c),
 * the code behind every KwsEngine extern on the device and the virtual board. The input is a script followed by
 * a .kwsm blob (size and CRC repaired): byte 0 gives the number of 4-byte steps (opcode, a, b, c) that follow; each
 * step calls one session function with arguments taken from a, b and c (lengths too small, negative counts, bad
 * slots and intervals included), against fake platform hooks whose allocator can be made to fail and whose flash
 * holds the blob at one address. Invariants checked on every call: results within their documented ranges, labels
 * of at most 63 bytes ending on a whole UTF-8 character, info values consistent. Inference work is bounded by the
 * MAC budget of kws_fuzz.h.
 */
#include "kws_fuzz.h"
#include "kws_nf_session.h"

#define KWS_FUZZ_FLASH_ADDRESS 0x3800u
#define KWS_FUZZ_MAX_STEPS 48u

static const uint8_t *g_flash;
static uint32_t g_flash_size;
static int g_fail_alloc;
static uint64_t g_now;

static void kws_fuzz_check(int ok)
{
    if (!ok) {
        abort();
    }
}

static void *hook_alloc(size_t bytes) { return g_fail_alloc ? NULL : malloc(bytes); }
static void hook_release(void *block) { free(block); }
static uint64_t hook_now(void) { return g_now += 17u; }
static int hook_capture_start(int rate, int frames) { (void)rate; (void)frames; return -KWS_NF_NO_CAPTURE; }
static int hook_capture_read(uint8_t *frames, int count, int timeout) { (void)frames; (void)timeout; return count; }
static int hook_capture_stop(void) { return 0; }

static int hook_flash_map(uint32_t address, uint32_t max_size, const void **blob, uint32_t *size)
{
    (void)max_size;
    if (address != KWS_FUZZ_FLASH_ADDRESS || g_flash == NULL) {
        return 1;
    }
    *blob = g_flash;
    *size = g_flash_size;
    return 0;
}

/* A label must end on a whole UTF-8 character: no lead byte without all its continuation bytes. */
static int whole_utf8(const char *text, int32_t n)
{
    int32_t i = 0;
    while (i < n) {
        const uint8_t c = (uint8_t)text[i];
        const int32_t len = c < 0x80u ? 1 : (c & 0xE0u) == 0xC0u ? 2 : (c & 0xF0u) == 0xE0u ? 3 : (c & 0xF8u) == 0xF0u ? 4 : 1;
        if (i + len > n) {
            return 0;
        }
        i += len;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const kws_nf_hooks hooks = { hook_alloc, hook_release, hook_flash_map, hook_now,
                                        hook_capture_start, hook_capture_read, hook_capture_stop };
    kws_nf_session session;
    uint32_t steps, s, blob_size;
    uint8_t *blob;
    int32_t info[KWS_NF_INFO_LENGTH + 2];
    int32_t timing[KWS_NF_TIMING_LENGTH + 1];
    int8_t scores[4 * 64];
    uint32_t frames_words[4 * 1024 * 2 / 4 + 4]; /* 4-byte aligned frame buffer: up to the 4-hop limit of hop 1024 */
    char label[80];
    int loaded = 0, small = 0;

    if (size < 1u || size > KWS_FUZZ_MAX_BLOB) {
        return 0;
    }
    steps = data[0] % (KWS_FUZZ_MAX_STEPS + 1u);
    if (size < 1u + 4u * steps) {
        return 0;
    }
    blob_size = (uint32_t)(size - 1u - 4u * steps);
    blob = kws_fuzz_copy(data + 1u + 4u * steps, blob_size);
    if (blob == NULL) {
        return 0;
    }
    kws_fuzz_repair(blob, blob_size);
    g_flash = blob;
    g_flash_size = blob_size;
    g_fail_alloc = 0;
    memset(frames_words, 0, sizeof frames_words);
    kws_fuzz_check(kws_nf_session_init(&session, &hooks) == KWS_OK);

    for (s = 0; s < steps; s++) {
        const uint8_t *st = data + 1u + 4u * s;
        const uint8_t a = st[1], b = st[2], c = st[3];
        int32_t r;
        switch (st[0] % 10u) {
        case 0: /* LoadModel from RAM (copied: the caller's buffer may move) */
        case 1: /* LoadModelFromFlash, at the blob's address or another one, with a region size from a/b */
            r = (st[0] % 10u) == 0u ? kws_nf_session_load(&session, blob, blob_size)
                : kws_nf_session_load_flash(&session, (a & 1u) ? KWS_FUZZ_FLASH_ADDRESS : 0x1000u,
                                            (b & 1u) ? blob_size : (uint32_t)b * 97u);
            loaded = r == 0;
            kws_fuzz_check(r <= 0);
            small = loaded && kws_fuzz_macs(&session.model) <= KWS_FUZZ_MAC_BUDGET;
            break;
        case 2: /* GetModelInfo with an array of 0..11 entries */
            r = kws_nf_session_info(&session, info, a % 12u);
            kws_fuzz_check(r == 0 || r == -KWS_NF_NO_MODEL || r == -KWS_NF_ARGUMENT);
            kws_fuzz_check(r != 0 || (loaded && (a % 12u) >= KWS_NF_INFO_LENGTH));
            if (r == 0) {
                kws_fuzz_check(info[KWS_NF_INFO_CLASSES] > 0 && info[KWS_NF_INFO_HOP] > 0);
                kws_fuzz_check(info[KWS_NF_INFO_HOP] <= info[KWS_NF_INFO_FRAME_LENGTH]);
                kws_fuzz_check(info[KWS_NF_INFO_MAX_FRAMES_PER_CALL] == KWS_NF_MAX_HOPS_PER_CALL * info[KWS_NF_INFO_HOP]);
                kws_fuzz_check(info[KWS_NF_INFO_STREAM_BYTES] > 0);
            }
            break;
        case 3: /* GetLabel: any index, capacity 0..79 */
            r = kws_nf_session_label(&session, (int8_t)a, label, b % 80u);
            kws_fuzz_check(r <= KWS_NF_LABEL_MAX);
            if (r >= 0) {
                kws_fuzz_check((uint32_t)r < b % 80u && label[r] == '\0' && whole_utf8(label, r));
            }
            break;
        case 4: { /* ProcessI2s: frame count up to the limit + 1 or negative, slot 0..2, scores and timing of any length */
            const int32_t frames = (a & 0x80u) ? -(int32_t)(a & 0x7Fu) : (int32_t)a * 17 + (int32_t)(b & 0x0Fu);
            const uint32_t score_len = (uint32_t)(c % 4u) * 64u;
            if (loaded && !small) {
                break; /* a network over the MAC budget: the stream harness covers pushes */
            }
            frames_words[b % 8u] ^= 0x01010101u * c; /* some signal */
            r = kws_nf_session_process_i2s(&session, (const uint8_t *)frames_words, sizeof frames_words, frames,
                                           (int32_t)(c % 3u), scores, score_len, timing, 1u + (b >> 6));
            kws_fuzz_check(r <= KWS_NF_MAX_HOPS_PER_CALL);
            if (r > 0) {
                kws_fuzz_check(loaded && (uint32_t)r * (uint32_t)kws_model_label_count(&session.model) <= score_len);
            }
            break;
        }
        case 5:
            r = kws_nf_session_reset(&session);
            kws_fuzz_check(r == (loaded ? 0 : -KWS_NF_NO_MODEL));
            break;
        case 6: /* SetInferenceInterval with any small value */
            r = kws_nf_session_set_interval(&session, (int8_t)a);
            kws_fuzz_check(r <= 0);
            break;
        case 7: /* GetStatusText of any 32-bit value */
            kws_fuzz_check(kws_nf_session_status_text((int32_t)(((uint32_t)a << 24) | ((uint32_t)b << 16) | c)) != NULL);
            break;
        case 8:
            (void)kws_nf_session_output_scale(&session);
            (void)kws_nf_session_now_us(&session);
            r = kws_nf_session_capture_read(&session, (uint8_t *)frames_words, sizeof frames_words, (int8_t)a, 0);
            kws_fuzz_check(r < 0 || r == (int8_t)a);
            break;
        default: /* the allocator starts or stops failing; or the model is released */
            if (a & 1u) {
                g_fail_alloc = !g_fail_alloc;
            } else {
                kws_nf_session_release(&session);
                loaded = 0;
                small = 0;
            }
            break;
        }
    }
    kws_nf_session_release(&session);
    g_flash = NULL;
    free(blob);
    return 0;
}
