/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Locale-independent number parsing and printing, UTF-8 checks, buffers and string sets. */
#include <ctype.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "internal.h"

#define HUGE_PAGE ((uintptr_t)2 * 1024 * 1024)

static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void c_locale_init(void)
{
    c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

static locale_t get_c_locale(void)
{
    pthread_once(&c_locale_once, c_locale_init);
    return c_locale;
}

/*
 * Clinger's fast path: a plain decimal with at most 15 significant digits and at most 22
 * fraction digits is m / 10^f with m and 10^f exact doubles, and one IEEE division rounds
 * correctly, so the result is bit-identical to strtod's. Returns false to defer to strtod.
 */
static bool parse_simple_decimal(const char *s, double *out)
{
    static const double pow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    bool neg = false;
    uint64_t m = 0;
    int digits = 0, frac = 0;
    if (*s == '-' || *s == '+') {
        neg = *s == '-';
        s++;
    }
    if (!(*s >= '0' && *s <= '9')) {
        return false;
    }
    for (; *s >= '0' && *s <= '9'; s++) {
        m = m * 10 + (uint64_t)(*s - '0');
        digits += m > 0;
    }
    if (*s == '.') {
        s++;
        for (; *s >= '0' && *s <= '9'; s++) {
            m = m * 10 + (uint64_t)(*s - '0');
            digits += m > 0;
            frac++;
        }
    }
    while (*s == ' ' || *s == '\t') {
        s++;
    }
    if (*s != '\0' || digits > 15 || frac > 22) {
        return false;
    }
    double v = (double)m / pow10[frac];
    *out = neg ? -v : v;
    return true;
}

bool firmnet_i_parse_double(const char *s, double *out)
{
    char *end;
    double v;
    while (*s == ' ' || *s == '\t') {
        s++;
    }
    if (*s == '\0') {
        return false;
    }
    if (parse_simple_decimal(s, out)) {
        return true;
    }
    v = strtod_l(s, &end, get_c_locale());
    if (end == s) {
        return false;
    }
    while (*end == ' ' || *end == '\t') {
        end++;
    }
    if (*end != '\0') {
        return false;
    }
    *out = v;
    return true;
}

/*
 * Writes what "%.{prec}g" prints for @p v, from @p d17: the digits of |v| correctly rounded to
 * 17 significant digits, and @p exp17 their decimal exponent. Rounding those 17 digits again
 * to prec < 17 gives the digits of |v| correctly rounded to prec unless the dropped tail is
 * exactly half ("5" or "50"): then the exact value decides, and printf is asked. @p buf holds
 * at least 32 bytes; the C locale is current.
 */
static void format_g(char *buf, double v, int prec, const char *d17, int exp17)
{
    char d[17];
    int x = exp17, k;
    memcpy(d, d17, 17);
    if (prec < 17) {
        bool half = d[prec] == '5';
        bool above = d[prec] > '5';
        for (int i = prec + 1; i < 17; i++) {
            above |= half && d[i] != '0';
            half &= d[i] == '0';
        }
        if (half) {
            snprintf(buf, 32, "%.*g", prec, v);
            return;
        }
        if (above) {
            int i = prec - 1;
            while (i >= 0 && d[i] == '9') {
                d[i--] = '0';
            }
            if (i >= 0) {
                d[i]++;
            } else { /* 99..9 -> 100..0: one more digit before the point */
                d[0] = '1';
                x++;
            }
        }
    }
    for (k = prec; k > 1 && d[k - 1] == '0'; k--) {
    }
    if (v < 0) {
        *buf++ = '-';
    }
    if (x < -4 || x >= prec) {
        *buf++ = d[0];
        if (k > 1) {
            *buf++ = '.';
            memcpy(buf, d + 1, (size_t)k - 1);
            buf += k - 1;
        }
        *buf++ = 'e';
        *buf++ = x < 0 ? '-' : '+';
        x = x < 0 ? -x : x; /* at most 308 */
        if (x >= 100) {
            *buf++ = (char)('0' + x / 100);
        }
        *buf++ = (char)('0' + x / 10 % 10);
        *buf++ = (char)('0' + x % 10);
        *buf = '\0';
        return;
    }
    if (x >= 0) {
        memcpy(buf, d, (size_t)x + 1);
        buf += x + 1;
        if (k > x + 1) {
            *buf++ = '.';
            memcpy(buf, d + x + 1, (size_t)(k - x - 1));
            buf += k - x - 1;
        }
    } else {
        *buf++ = '0';
        *buf++ = '.';
        for (int i = 0; i < -x - 1; i++) {
            *buf++ = '0';
        }
        memcpy(buf, d, (size_t)k);
        buf += k;
    }
    *buf = '\0';
}

void firmnet_i_format_double(char *buf, size_t size, double v)
{
    locale_t old;
    char e17[40], d17[17];
    if (isnan(v)) {
        snprintf(buf, size, "%s", "");
        return;
    }
    if (isinf(v)) {
        snprintf(buf, size, "%s", v > 0 ? "Inf" : "-Inf");
        return;
    }
    if (v == 0.0) {
        snprintf(buf, size, "%s", "0"); /* also for -0.0: tables show no signed zeros */
        return;
    }
    if (fabs(v) < 1e15 && v == trunc(v) && size >= 17) {
        /* Counts and degrees: an integer of at most 15 digits is what "%.15g" prints, and it
         * reads back exactly; written here without printf's and strtod's multi-precision
         * arithmetic (test_internal compares with the loop below). */
        char digits[16];
        int n = 0;
        uint64_t u = (uint64_t)fabs(v);
        do {
            digits[n++] = (char)('0' + u % 10);
            u /= 10;
        } while (u > 0);
        if (v < 0) {
            *buf++ = '-';
        }
        while (n > 0) {
            *buf++ = digits[--n];
        }
        *buf = '\0';
        return;
    }
    old = uselocale(get_c_locale());
    if (fabs(v) >= DBL_MIN && size >= 32) {
        /* The shortest of "%.15g", "%.16g", "%.17g" that reads back, as in the loop below, but
         * with one decimal conversion instead of up to three (test_internal compares). The
         * digits sit at fixed places in "%.16e" whatever the locale's decimal point. */
        snprintf(e17, sizeof e17, "%.16e", fabs(v));
        d17[0] = e17[0];
        memcpy(d17 + 1, e17 + 2, 16);
        int exp17 = atoi(e17 + 19);
        for (int prec = 15; prec <= 17; prec++) {
            double back;
            format_g(buf, v, prec, d17, exp17);
            if (prec == 17 || (firmnet_i_parse_double(buf, &back) && back == v)) {
                uselocale(old);
                return;
            }
        }
    }
    /* %.15g already drops trailing zeros; subnormals carry fewer digits, so start lower. */
    for (int prec = fabs(v) < DBL_MIN ? 1 : 15; prec <= 17; prec++) {
        double back;
        snprintf(buf, size, "%.*g", prec, v);
        back = strtod_l(buf, NULL, c_locale);
        if (back == v) {
            break;
        }
    }
    uselocale(old);
}

size_t firmnet_i_utf8_valid_prefix(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    /* ASCII runs, eight bytes at a time */
    while (i + 8 <= len) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ULL) {
            break;
        }
        i += 8;
    }
    while (i < len) {
        unsigned char c = s[i];
        size_t n;
        uint32_t cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (len - i <= n) { /* truncated sequence */
            return i;
        }
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80) {
                return i;
            }
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        /* reject overlong forms, surrogates and values beyond U+10FFFF */
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
            return i;
        }
        i += n + 1;
    }
    return i;
}

int firmnet_i_strcasecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = tolower((unsigned char)*a), cb = tolower((unsigned char)*b);
        if (ca != cb || ca == 0) {
            return ca - cb;
        }
    }
}

uint64_t firmnet_i_hash_bytes(const void *p, size_t n)
{
    /* FNV-1a with a final avalanche (splitmix64): ids are short, this is fast and even. */
    const unsigned char *s = p;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ s[i]) * 0x100000001b3ULL;
    }
    return firmnet_i_mix64(h);
}

/* ---- buffers ------------------------------------------------------------------------------ */

int firmnet_i_buf_reserve(firmnet_i_buf *b, size_t extra)
{
    size_t cap;
    char *d;
    if (b->len + extra + 1 <= b->cap) {
        return 0;
    }
    cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        cap *= 2;
    }
    d = firmnet_i_realloc(b->data, cap);
    if (d == NULL) {
        return firmnet_i_nomem();
    }
    b->data = d;
    b->cap = cap;
    return 0;
}

int firmnet_i_buf_put(firmnet_i_buf *b, const void *p, size_t n)
{
    int rc = firmnet_i_buf_reserve(b, n);
    if (rc < 0) {
        return rc;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int firmnet_i_buf_printf(firmnet_i_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n, rc;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        return firmnet_i_error(FIRMNET_EINVAL, "cannot format text");
    }
    rc = firmnet_i_buf_reserve(b, (size_t)n);
    if (rc < 0) {
        return rc;
    }
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

void firmnet_i_buf_free(firmnet_i_buf *b)
{
    firmnet_i_free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* ---- string sets ---------------------------------------------------------------------------- */

/* Whether the @p len bytes at @p a and @p b are equal, for short strings (len <= 16) without a
 * call: two loads from each, overlapping when shorter than 16. */
static bool short_equal(const char *a, const char *b, size_t len)
{
    if (len >= 8) {
        uint64_t a0, a1, b0, b1;
        memcpy(&a0, a, 8);
        memcpy(&b0, b, 8);
        memcpy(&a1, a + len - 8, 8);
        memcpy(&b1, b + len - 8, 8);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    if (len >= 4) {
        uint32_t a0, a1, b0, b1;
        memcpy(&a0, a, 4);
        memcpy(&b0, b, 4);
        memcpy(&a1, a + len - 4, 4);
        memcpy(&b1, b + len - 4, 4);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    for (size_t k = 0; k < len; k++) {
        if (a[k] != b[k]) {
            return false;
        }
    }
    return true;
}

static size_t slot_of(const firmnet_i_strset *set, const char *s, size_t len, uint64_t h,
                      bool *found)
{
    size_t mask = set->nslots - 1;
    size_t i = (size_t)h & mask;
    uint32_t tag = (uint32_t)(h >> 32);
    for (;;) {
        const firmnet_i_strslot *v = &set->slots[i];
        if (v->index1 == 0) {
            *found = false;
            return i;
        }
        if (v->tag == tag) {
            if (len <= sizeof v->key
                    ? v->len == len && short_equal(v->key, s, len)
                    : v->len == 255 && memcmp(set->strs[v->index1 - 1], s, len) == 0 &&
                          set->strs[v->index1 - 1][len] == '\0') {
                *found = true;
                return i;
            }
        }
        i = (i + 1) & mask;
    }
}

static void slot_set(firmnet_i_strslot *v, uint64_t h, size_t index, const char *s, size_t len)
{
    v->index1 = (uint32_t)(index + 1);
    v->tag = (uint32_t)(h >> 32);
    if (len <= sizeof v->key) {
        v->len = (uint8_t)len;
        memcpy(v->key, s, len);
    } else {
        v->len = 255;
    }
}

/*
 * The hash of the string sets, eight bytes at a time: an id of 8 to 16 bytes is two loads,
 * which together hold every byte (they overlap when shorter than 16), and the length. Only
 * slot positions depend on it (nothing iterates the slots), so it can differ from
 * firmnet_i_hash_bytes().
 */
uint64_t firmnet_i_strset_hash(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    uint64_t a = 0, b = 0, h = 0x9e3779b97f4a7c15ULL * (len + 1);
    if (len >= 8) {
        size_t i = 0;
        for (; i + 16 < len; i += 8) { /* all but the last 8 to 16 bytes */
            uint64_t w;
            memcpy(&w, p + i, 8);
            h = firmnet_i_mix64(h ^ w);
        }
        memcpy(&a, p + i, 8);
        memcpy(&b, p + len - 8, 8);
    } else if (len >= 4) {
        uint32_t x, y;
        memcpy(&x, p, 4);
        memcpy(&y, p + len - 4, 4);
        a = x;
        b = y;
    } else if (len > 0) {
        a = (uint64_t)p[0] | (uint64_t)p[len / 2] << 8 | (uint64_t)p[len - 1] << 16;
    }
    return firmnet_i_mix64(h ^ a ^ firmnet_i_mix64(b ^ 0x2545f4914f6cdd1dULL));
}

ptrdiff_t firmnet_i_strset_find_hashed(const firmnet_i_strset *set, const char *s, size_t len,
                                       uint64_t h)
{
    bool found;
    size_t i;
    if (set->nslots == 0) {
        return -1;
    }
    i = slot_of(set, s, len, h, &found);
    return found ? (ptrdiff_t)set->slots[i].index1 - 1 : -1;
}

ptrdiff_t firmnet_i_strset_find(const firmnet_i_strset *set, const char *s, size_t len)
{
    return firmnet_i_strset_find_hashed(set, s, len, firmnet_i_strset_hash(s, len));
}

void firmnet_i_strset_prefetch_hashed(const firmnet_i_strset *set, uint64_t h)
{
    if (set->nslots > 0) {
        __builtin_prefetch(&set->slots[(size_t)h & (set->nslots - 1)]);
    }
}

void firmnet_i_strset_prefetch(const firmnet_i_strset *set, const char *s, size_t len)
{
    firmnet_i_strset_prefetch_hashed(set, firmnet_i_strset_hash(s, len));
}

void firmnet_i_advise_huge(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
    uintptr_t lo = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
    uintptr_t hi = ((uintptr_t)p + bytes) & ~(uintptr_t)(HUGE_PAGE - 1);
    if (p != NULL && bytes >= HUGE_PAGE && hi > lo) {
        (void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
    }
#else
    (void)p;
    (void)bytes;
#endif
}

static void reinsert_all(firmnet_i_strset *set)
{
    for (size_t k = 0; k < set->count; k++) {
        bool found;
        size_t len = strlen(set->strs[k]);
        uint64_t h = firmnet_i_strset_hash(set->strs[k], len);
        size_t i = slot_of(set, set->strs[k], len, h, &found);
        slot_set(&set->slots[i], h, k, set->strs[k], len);
    }
}

static int rehash(firmnet_i_strset *set, size_t nslots)
{
    firmnet_i_strslot *slots = firmnet_i_calloc(nslots, sizeof *slots);
    if (slots == NULL) {
        return -1;
    }
    firmnet_i_free(set->slots);
    set->slots = slots;
    set->nslots = nslots;
    reinsert_all(set);
    return 0;
}

ptrdiff_t firmnet_i_strset_add(firmnet_i_strset *set, const char *s, size_t len, bool *added)
{
    return firmnet_i_strset_add_hashed(set, s, len, firmnet_i_strset_hash(s, len), added);
}

ptrdiff_t firmnet_i_strset_add_hashed(firmnet_i_strset *set, const char *s, size_t len, uint64_t h,
                                      bool *added)
{
    bool found;
    size_t i;
    char *copy;
    *added = false;
    if (set->count >= UINT32_MAX - 1) {
        return -1;
    }
    if ((set->count + 1) * 2 > set->nslots) {
        if (rehash(set, set->nslots ? set->nslots * 2 : 64) < 0) {
            return -1;
        }
    }
    i = slot_of(set, s, len, h, &found);
    if (found) {
        return (ptrdiff_t)set->slots[i].index1 - 1;
    }
    if (set->count == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 64;
        char **strs = firmnet_i_reallocarray(set->strs, cap, sizeof *strs);
        if (strs == NULL) {
            return -1;
        }
        set->strs = strs;
        set->cap = cap;
    }
    copy = firmnet_i_malloc(len + 1);
    if (copy == NULL) {
        return -1;
    }
    memcpy(copy, s, len);
    copy[len] = '\0';
    set->strs[set->count] = copy;
    slot_set(&set->slots[i], h, set->count, s, len);
    *added = true;
    return (ptrdiff_t)set->count++;
}

void firmnet_i_strset_truncate(firmnet_i_strset *set, size_t count)
{
    if (count >= set->count) {
        return;
    }
    for (size_t k = count; k < set->count; k++) {
        firmnet_i_free(set->strs[k]);
    }
    set->count = count;
    /* Rebuilding cannot fail for lack of memory: same number of slots, reuse the array. */
    memset(set->slots, 0, set->nslots * sizeof *set->slots);
    reinsert_all(set);
}

void firmnet_i_strset_free(firmnet_i_strset *set)
{
    for (size_t k = 0; k < set->count; k++) {
        firmnet_i_free(set->strs[k]);
    }
    firmnet_i_free(set->strs);
    firmnet_i_free(set->slots);
    memset(set, 0, sizeof *set);
}

const char *firmnet_i_layer_label(char *buf, size_t size, const char *group)
{
    static const char *const known[][2] = {
        {"all", "All layers"}, {"trade", "Trade"}, {"rnd", "R&D"}, {"service", "Services"}};
    for (size_t k = 0; k < sizeof known / sizeof *known; k++) {
        if (strcmp(group, known[k][0]) == 0) {
            snprintf(buf, size, "%s", known[k][1]);
            return buf;
        }
    }
    snprintf(buf, size, "%c%s", group[0] >= 'a' && group[0] <= 'z' ? group[0] - 'a' + 'A' : group[0],
             group[0] ? group + 1 : "");
    return buf;
}
