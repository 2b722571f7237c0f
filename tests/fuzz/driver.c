/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Replay driver for builds without libFuzzer: runs LLVMFuzzerTestOneInput() on every file
 * named on the command line and every file inside every folder named (not recursively, in
 * name order), so the seed corpus and the crash regressions run in every build, under every
 * sanitizer and valgrind. A broken invariant aborts, which fails the test.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

static long ninputs;

static void run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0;
    if (f == NULL) {
        dprintf(2, "cannot open %s\n", path);
        exit(1);
    }
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : 4096;
            buf = realloc(buf, cap);
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            break;
        }
    }
    fclose(f);
    /* an exact-size copy, so that ASan sees reads past the end of the input */
    uint8_t *exact = malloc(len ? len : 1);
    memcpy(exact, buf, len);
    free(buf);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    ninputs++;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static void run_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        dprintf(2, "cannot find %s\n", path);
        exit(1);
    }
    if (!S_ISDIR(st.st_mode)) {
        run_file(path);
        return;
    }
    struct dirent **list;
    int n = scandir(path, &list, NULL, by_name);
    for (int k = 0; k < n; k++) {
        char full[4096];
        snprintf(full, sizeof full, "%s/%s", path, list[k]->d_name);
        if (list[k]->d_name[0] != '.' && strcmp(list[k]->d_name, "README.md") != 0 &&
            stat(full, &st) == 0 && S_ISREG(st.st_mode)) {
            run_file(full);
        }
        free(list[k]);
    }
    free(list);
}

int main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize != NULL) {
        LLVMFuzzerInitialize(&argc, &argv);
    }
    for (int k = 1; k < argc; k++) {
        run_path(argv[k]);
    }
    /* the target may have pointed stdout elsewhere: report on the descriptor */
    dprintf(1, "%ld inputs replayed\n%ld passed, 0 failed\n", ninputs, ninputs);
    return ninputs > 0 ? 0 : 1;
}
