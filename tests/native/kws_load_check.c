/*
 * kws_load_check DIR: the corruption suite checker. DIR/cases.txt lists one case per line,
 * "file expected_error" (e.g. "crc_flip.kwsm Crc"); every file must be refused by kws_model_open with
 * that status. Error names map to statuses ignoring case and underscores, with or without the
 * "KWS_ERR_" prefix (Truncated -> KWS_ERR_TRUNCATED, FrontEnd -> KWS_ERR_FRONTEND); "Ok" means the file
 * must open (and is then run once on a zeroed arena). Each blob is loaded into a buffer of exactly its
 * size so AddressSanitizer sees any read past its end. Exit status 0 only when every case matched.
 *
 * kws_load_check --fuzz FILE N [SEED]: N seeded random corruptions of the valid blob FILE (1-3 bytes of the
 * header and tables changed, CRC recomputed so the structural rules run); each must be refused with a
 * validation status or, when accepted, run through kws_invoke on an arena of exactly arena_bytes. Meant
 * for the sanitized build: any out-of-bounds access or undefined behaviour aborts.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kws_nano.h"

static const struct { const char *name; kws_status status; } kNames[] = {
    {"ok", KWS_OK}, {"null", KWS_ERR_NULL}, {"truncated", KWS_ERR_TRUNCATED}, {"magic", KWS_ERR_MAGIC},
    {"version", KWS_ERR_VERSION}, {"size", KWS_ERR_SIZE}, {"crc", KWS_ERR_CRC}, {"bounds", KWS_ERR_BOUNDS},
    {"align", KWS_ERR_ALIGN}, {"labels", KWS_ERR_LABELS}, {"frontend", KWS_ERR_FRONTEND},
    {"tensor", KWS_ERR_TENSOR}, {"opcode", KWS_ERR_OPCODE}, {"shape", KWS_ERR_SHAPE}, {"param", KWS_ERR_PARAM},
    {"graph", KWS_ERR_GRAPH}, {"arena", KWS_ERR_ARENA}, {"argument", KWS_ERR_ARGUMENT},
    {"unsupported", KWS_ERR_UNSUPPORTED}};

static int parse_status(const char *text, kws_status *status)
{
    char norm[64];
    size_t n = 0, i;
    if (strncmp(text, "KWS_ERR_", 8) == 0 || strncmp(text, "kws_err_", 8) == 0) {
        text += 8;
    } else if (strncmp(text, "KWS_", 4) == 0) {
        text += 4;
    }
    for (; *text != '\0' && n + 1 < sizeof norm; text++) {
        if (*text != '_' && *text != '-') {
            norm[n++] = (char)tolower((unsigned char)*text);
        }
    }
    norm[n] = '\0';
    for (i = 0; i < sizeof kNames / sizeof kNames[0]; i++) {
        if (strcmp(norm, kNames[i].name) == 0) {
            *status = kNames[i].status;
            return 1;
        }
    }
    return 0;
}

static const char *status_name(kws_status s)
{
    size_t i;
    for (i = 0; i < sizeof kNames / sizeof kNames[0]; i++) {
        if (kNames[i].status == s) {
            return kNames[i].name;
        }
    }
    return "?";
}

/* Reads a whole file into a malloc'd buffer of exactly its size (at least 1 byte allocated). */
static unsigned char *read_file(const char *path, long *size)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf;
    if (f == NULL) {
        return NULL;
    }
    if (fseek(f, 0, SEEK_END) != 0 || (*size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return NULL;
    }
    buf = (unsigned char *)malloc(*size > 0 ? (size_t)*size : 1u);
    if (buf != NULL && *size > 0 && fread(buf, 1, (size_t)*size, f) != (size_t)*size) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint32_t crc32_ref(const unsigned char *d, uint32_t n)
{
    uint32_t crc = 0xFFFFFFFFu, i;
    int b;
    for (i = 0; i < n; i++) {
        crc ^= d[i];
        for (b = 0; b < 8; b++) {
            crc = (crc & 1u) ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
    }
    return ~crc;
}

static int fuzz(const char *file, long count, unsigned long seed)
{
    long size = 0, i;
    unsigned char *valid = read_file(file, &size);
    unsigned char *copy;
    uint32_t structural_end;
    long accepted = 0, refused = 0, by_status[32];
    kws_model model;
    if (valid == NULL || size < 64) {
        fprintf(stderr, "kws_load_check: cannot read a blob from %s\n", file);
        return 2;
    }
    if (kws_model_open(&model, valid, (uint32_t)size) != KWS_OK) {
        fprintf(stderr, "kws_load_check: %s is not a valid blob\n", file);
        return 1;
    }
    structural_end = rd32(valid + 52); /* data_offset: header, labels, front-end, tables */
    if (structural_end <= 16u || structural_end > (uint32_t)size) {
        return 1;
    }
    memset(by_status, 0, sizeof by_status);
    copy = (unsigned char *)malloc((size_t)size);
    for (i = 0; i < count; i++) {
        int edits, k;
        kws_status st;
        memcpy(copy, valid, (size_t)size);
        seed = seed * 6364136223846793005ul + 1442695040888963407ul;
        edits = 1 + (int)((seed >> 33) % 3u);
        for (k = 0; k < edits; k++) {
            uint32_t at;
            seed = seed * 6364136223846793005ul + 1442695040888963407ul;
            at = 16u + (uint32_t)((seed >> 33) % (structural_end - 16u));
            switch ((seed >> 20) % 4u) {
            case 0: copy[at] = (unsigned char)(seed >> 40); break;
            case 1: copy[at] ^= (unsigned char)(1u << ((seed >> 45) % 8u)); break;
            case 2: copy[at] = (unsigned char)(copy[at] + 1u); break;
            default: copy[at] = (unsigned char)(copy[at] - 1u); break;
            }
        }
        {
            const uint32_t crc = crc32_ref(copy + 16, (uint32_t)size - 16u);
            copy[12] = (unsigned char)crc; copy[13] = (unsigned char)(crc >> 8);
            copy[14] = (unsigned char)(crc >> 16); copy[15] = (unsigned char)(crc >> 24);
        }
        st = kws_model_open(&model, copy, (uint32_t)size);
        if (st == KWS_OK) {
            const uint32_t arena_bytes = kws_model_arena_bytes(&model);
            void *arena = malloc(arena_bytes > 0u ? arena_bytes : 16u);
            kws_status inv;
            memset(arena, 0x5A, arena_bytes);
            inv = kws_invoke(&model, arena, arena_bytes, NULL, NULL);
            free(arena);
            if (inv != KWS_OK) {
                fprintf(stderr, "FAIL fuzz case %ld: accepted but kws_invoke returned %s\n", i, kws_status_str(inv));
                free(copy);
                free(valid);
                return 1;
            }
            accepted++;
        } else if (st < KWS_ERR_TRUNCATED || st > KWS_ERR_GRAPH) {
            fprintf(stderr, "FAIL fuzz case %ld: kws_model_open returned %s, not a validation status\n", i, kws_status_str(st));
            free(copy);
            free(valid);
            return 1;
        } else {
            refused++;
            by_status[st]++;
        }
    }
    fprintf(stderr, "kws_load_check --fuzz: %ld corruptions: %ld refused, %ld accepted and run;", count, refused, accepted);
    for (i = 0; i < 32; i++) {
        if (by_status[i] != 0) {
            fprintf(stderr, " %s %ld", status_name((kws_status)i), by_status[i]);
        }
    }
    fprintf(stderr, "\n");
    free(copy);
    free(valid);
    return 0;
}

int main(int argc, char **argv)
{
    char path[4096], line[1024];
    FILE *cases;
    int total = 0, failed = 0;
    if (argc >= 4 && strcmp(argv[1], "--fuzz") == 0) {
        return fuzz(argv[2], strtol(argv[3], NULL, 10), argc >= 5 ? strtoul(argv[4], NULL, 10) : 1ul);
    }
    if (argc != 2) {
        fprintf(stderr, "usage: kws_load_check DIR   (DIR/cases.txt: \"file expected_error\" per line)\n"
                        "       kws_load_check --fuzz FILE N [SEED]\n");
        return 2;
    }
    snprintf(path, sizeof path, "%s/cases.txt", argv[1]);
    cases = fopen(path, "r");
    if (cases == NULL) {
        fprintf(stderr, "kws_load_check: cannot open %s\n", path);
        return 2;
    }
    while (fgets(line, sizeof line, cases) != NULL) {
        char file[512], expected_text[128];
        kws_status expected, actual;
        unsigned char *blob;
        long size = 0;
        kws_model model;
        if (line[0] == '#' || sscanf(line, "%511s %127s", file, expected_text) != 2) {
            continue;
        }
        total++;
        if (!parse_status(expected_text, &expected)) {
            fprintf(stderr, "FAIL %s: unknown expected error '%s'\n", file, expected_text);
            failed++;
            continue;
        }
        snprintf(path, sizeof path, "%s/%s", argv[1], file);
        blob = read_file(path, &size);
        if (blob == NULL) {
            fprintf(stderr, "FAIL %s: cannot read %s\n", file, path);
            failed++;
            continue;
        }
        actual = kws_model_open(&model, blob, (uint32_t)size);
        if (actual != expected) {
            fprintf(stderr, "FAIL %s: kws_model_open returned %s (%s), expected %s\n", file, status_name(actual),
                    kws_status_str(actual), status_name(expected));
            failed++;
        } else if (actual == KWS_OK) {
            /* An accepted blob must also run safely. */
            void *arena = calloc(1, kws_model_arena_bytes(&model) + 16u);
            kws_status st = arena != NULL ? kws_invoke(&model, arena, kws_model_arena_bytes(&model), NULL, NULL)
                                          : KWS_ERR_ARENA;
            if (st != KWS_OK) {
                fprintf(stderr, "FAIL %s: accepted but kws_invoke returned %s\n", file, kws_status_str(st));
                failed++;
            }
            free(arena);
        }
        free(blob);
    }
    fclose(cases);
    fprintf(stderr, "kws_load_check: %d cases, %d failed\n", total, failed);
    if (total == 0) {
        fprintf(stderr, "kws_load_check: no cases in %s/cases.txt\n", argv[1]);
        return 1;
    }
    return failed == 0 ? 0 : 1;
}
