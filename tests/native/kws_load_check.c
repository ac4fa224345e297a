/*
 * kws_load_check DIR: the corruption suite checker. DIR/cases.txt lists one case per line,
 * "file expected_error" (e.g. "crc_flip.kwsm Crc"); every file must be refused by kws_model_open with
 * that status. Error names map to statuses ignoring case and underscores, with or without the
 * "KWS_ERR_" prefix (Truncated -> KWS_ERR_TRUNCATED, FrontEnd -> KWS_ERR_FRONTEND); "Ok" means the file
 * must open (and is then run once on a zeroed arena). Each blob is loaded into a buffer of exactly its
 * size so AddressSanitizer sees any read past its end. Exit status 0 only when every case matched.
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

int main(int argc, char **argv)
{
    char path[4096], line[1024];
    FILE *cases;
    int total = 0, failed = 0;
    if (argc != 2) {
        fprintf(stderr, "usage: kws_load_check DIR   (DIR/cases.txt: \"file expected_error\" per line)\n");
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
