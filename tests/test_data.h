/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Inputs built by the C tests: tie lists, their gzip form, files on disk. Include after test.h. */
#ifndef FIRMNET_TEST_DATA_H
#define FIRMNET_TEST_DATA_H

#include <stdint.h>
#include <zlib.h>

/* gzip-compress @p text into a new buffer (one member, level 6); free() it. */
static unsigned char *gzip_text(const char *text, size_t len, size_t *outlen)
{
    z_stream zs = {0};
    size_t cap = compressBound((uLong)len) + 64;
    unsigned char *out = malloc(cap);
    deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    zs.next_in = (unsigned char *)text;
    zs.avail_in = (uInt)len;
    zs.next_out = out;
    zs.avail_out = (uInt)cap;
    deflate(&zs, Z_FINISH);
    *outlen = zs.total_out;
    deflateEnd(&zs);
    return out;
}

/* A tie list of @p rows seeded random rows "2005,trade,Fs,Ft,w" under a header: sources below
 * @p nids, targets from @p nids up (no self ties), weights 1.00 to 1000.99. free() it. */
static char *tie_text(size_t rows, uint64_t seed, unsigned long long nids, size_t *len)
{
    size_t cap = 64 * (rows + 1), n = 0;
    char *text = malloc(cap);
    uint64_t z = seed;
    n += (size_t)snprintf(text, cap, "wave,layer,source,target,weight\n");
    for (size_t k = 0; k < rows; k++) {
        z = z * 6364136223846793005ULL + 1442695040888963407ULL;
        n += (size_t)snprintf(text + n, cap - n, "2005,trade,F%07llu,F%07llu,%llu.%02llu\n",
                              (unsigned long long)(z >> 40) % nids,
                              (unsigned long long)(z >> 20) % nids + nids,
                              (unsigned long long)(z >> 10) % 1000 + 1,
                              (unsigned long long)(z >> 4) % 100);
    }
    *len = n;
    return text;
}

/* Write @p n bytes to @p path (a failed write fails a check). */
static void write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL && fwrite(data, 1, n, f) == n);
    if (f != NULL) {
        fclose(f);
    }
}

#endif
