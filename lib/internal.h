/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal declarations shared between the library's source files. Not installed. */
#ifndef FIRMNET_INTERNAL_H
#define FIRMNET_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <gsl/gsl_rng.h>
#include <igraph.h>

#include "firmnet.h"
#include "firmnet/igraph.h"

#if defined(__GNUC__)
#define FIRMNET_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define FIRMNET_PRINTF(a, b)
#endif

/* ---- errors (error.c) ---------------------------------------------------------------- */

/* Set the thread's message and code; returns @p code so callers can `return firmnet_i_error()`. */
int firmnet_i_error(int code, const char *fmt, ...) FIRMNET_PRINTF(2, 3);
/* Prefix the current message with "prefix: " (keeps the code); returns the code. */
int firmnet_i_error_prefix(int code, const char *fmt, ...) FIRMNET_PRINTF(2, 3);
void firmnet_i_clear_error(void);
int firmnet_i_nomem(void);

/*
 * Entering igraph or GSL. firmnet_i_enter() takes the process-wide recursive lock and, at the
 * outermost level, installs firmnet's error and warning handlers; firmnet_i_leave() undoes it.
 * Between them, firmnet_i_igraph(rc, what) turns an igraph return code into a firmnet error
 * carrying the first non-empty igraph reason.
 */
void firmnet_i_enter(void);
void firmnet_i_leave(void);
int firmnet_i_igraph(igraph_error_t rc, const char *what);
/* A GSL status (non-zero) as a firmnet error with GSL's reason. */
int firmnet_i_gsl(int status, const char *what);

/*
 * Lending igraph a private random generator. Some igraph functions draw from igraph's default
 * RNG (layouts; ARPACK's start vector), whose state belongs to the host program. Between
 * firmnet_i_rng_lend() and firmnet_i_rng_return() (both under firmnet_i_enter()) igraph's
 * default is a fresh MT19937 seeded with @p seed; afterwards the host's generator is back,
 * never reseeded. igraph 0.10 copies the struct it is given as the default (later versions
 * keep the pointer): the loan restores whichever way it was taken.
 */
typedef struct firmnet_i_rng_loan {
    igraph_rng_t rng, saved, *host;
    bool by_pointer;
} firmnet_i_rng_loan;
int firmnet_i_rng_lend(firmnet_i_rng_loan *loan, uint64_t seed);
void firmnet_i_rng_return(firmnet_i_rng_loan *loan);

/* ---- threads (threads.c) ----------------------------------------------------------------- */
/* @p requested when > 0; otherwise 2 when @p work >= @p threshold and the machine has two
 * processors or more, else 1. */
unsigned int firmnet_i_threads(unsigned int requested, double work, double threshold);
/* Set the calling thread's OpenMP thread count (the nthreads ICV, which is per thread, so the
 * host's other threads are not disturbed) for the igraph calls that follow; returns the
 * previous count for firmnet_i_omp_restore(). */
int firmnet_i_omp_set(unsigned int threads);
void firmnet_i_omp_restore(int previous);

/* ---- betweenness (betweenness.c) --------------------------------------------------------- */
/*
 * Brandes betweenness of every vertex of @p g into res[0..n): the sum over the sources s
 * (all n vertices when @p sources is NULL, else sources[0..k)) of s's dependency on v,
 * following out-ties in a directed graph and every tie in an undirected one, where it is
 * halved (igraph's convention). @p len: n_edges positive path lengths, or NULL for
 * unweighted paths. Lengths that agree to a relative 1e-10 are equal (igraph's rule); the
 * result agrees with igraph_betweenness() / igraph_betweenness_subset() up to the order of
 * additions. On @p threads threads (at most 8); the result is identical for any number.
 * Needs no igraph lock (reads @p g only). Returns 0, ENOMEM or EDATA (a length that is not
 * positive). O(k m log n) weighted, O(k m) unweighted; memory O(threads (n + m) + n).
 */
int firmnet_i_betweenness(double *res, const igraph_t *g, const double *len,
                          const uint32_t *sources, size_t k, unsigned int threads);
/* Whether firmnet_i_betweenness() numbers vertices hubs first for cache locality (true); tests
 * set false and compare the bits. */
extern bool firmnet_i_hubs_first;

/* ---- coreness (cores.c) ----------------------------------------------------------------- */
/* Coreness of every vertex of @p g into res[0..n), as igraph_coreness(g, mode): the degree
 * counted is the in-, out- or total degree (mode ignored in undirected graphs). Needs no igraph
 * lock. Returns 0 or ENOMEM. O(n + m) time and memory. */
int firmnet_i_coreness(double *res, const igraph_t *g, igraph_neimode_t mode);

/* ---- memory (error.c) ------------------------------------------------------------------ */
/* Every library allocation goes through these, so tests can make the Nth one fail. */
void *firmnet_i_malloc(size_t n);
void *firmnet_i_calloc(size_t n, size_t size);
void *firmnet_i_realloc(void *p, size_t n);
/* realloc for an array of @p n elements of @p size, with overflow check. */
void *firmnet_i_reallocarray(void *p, size_t n, size_t size);
char *firmnet_i_strdup(const char *s);
void firmnet_i_free(void *p);
/* Test hook: make the @p n-th allocation of this thread from now fail (0 = never). */
void firmnet_i_fail_alloc_at(long n);
long firmnet_i_alloc_count(void);

/* ---- text helpers (text.c) -------------------------------------------------------------- */
/* Parse a whole string (surrounding spaces allowed) as a double in the C locale. */
bool firmnet_i_parse_double(const char *s, double *out);
/* Shortest "%.15g".."%.17g" form that reads back exactly; "Inf", "-Inf", "" for NaN. */
void firmnet_i_format_double(char *buf, size_t size, double v);
/* Ask for transparent huge pages for the 2 MiB-aligned interior of @p p (@p bytes long), if it
 * has one. firmnet_i_malloc(), _calloc() and _realloc() do it for every block of 2 MiB or more;
 * call it for large arrays from other allocators (igraph's vectors). With 4 KiB pages, first
 * touches fault page by page (5 to 10 microseconds each under virtualisation) and random access
 * misses the TLB. A hint; nothing changes where huge pages are not available. */
void firmnet_i_advise_huge(void *p, size_t bytes);
/* ---- radix sort (radix.c) ----------------------------------------------------------------- */
/* Sort the @p m pairs (*keys)[i], (*values)[i] stably by bits @p lo .. @p hi - 1 of the keys
 * (the others are ignored); @p values NULL sorts the keys alone. The sorted pairs may end up in
 * new arrays: *keys and *values are replaced and the old ones freed (all allocated with
 * firmnet_i_malloc()). Needs as much memory again; on failure (FIRMNET_ENOMEM, FIRMNET_EINVAL
 * for a bit range outside 0..64) nothing has changed. */
int firmnet_i_radix_sort(uint64_t **keys, uint32_t **values, size_t m, unsigned lo,
                         unsigned hi);
/* The number of bits of @p x (0 for 0). */
static inline unsigned firmnet_i_bit_width(uint64_t x)
{
    return x ? 64 - (unsigned)__builtin_clzll(x) : 0;
}

/* Length of the valid UTF-8 prefix; equals strlen(s) when the whole string is valid. */
size_t firmnet_i_utf8_valid_prefix(const char *s, size_t len);
int firmnet_i_strcasecmp(const char *a, const char *b);
uint64_t firmnet_i_hash_bytes(const void *p, size_t n);
/* A reader's name for a layer group, as the change summary writes it: "All layers", "Trade",
 * "R&D", "Services", else the name with its first letter in upper case (cut to @p size).
 * Returns @p buf. */
const char *firmnet_i_layer_label(char *buf, size_t size, const char *group);

/* A growable byte buffer. */
typedef struct firmnet_i_buf {
    char *data;
    size_t len, cap;
} firmnet_i_buf;
int firmnet_i_buf_reserve(firmnet_i_buf *b, size_t extra);
int firmnet_i_buf_put(firmnet_i_buf *b, const void *p, size_t n);
int firmnet_i_buf_printf(firmnet_i_buf *b, const char *fmt, ...) FIRMNET_PRINTF(2, 3);
void firmnet_i_buf_free(firmnet_i_buf *b);

/* splitmix64's finaliser: every bit of @p h moves every bit of the result. */
static inline uint64_t firmnet_i_mix64(uint64_t h)
{
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

/*
 * String interning: a hash from strings to dense indices 0..count-1, strings kept in order.
 * Each slot keeps 32 bits of the hash and, for strings up to 15 bytes (most actor ids), the
 * string itself, so a lookup usually touches one cache line instead of two.
 */
typedef struct firmnet_i_strslot {
    uint32_t index1; /* index + 1; 0 = empty */
    uint32_t tag;    /* high 32 bits of the hash */
    uint8_t len;     /* string length, 255 when longer than the inline part */
    char key[15];    /* the string when len <= 15 */
} firmnet_i_strslot;

typedef struct firmnet_i_strset {
    char **strs;       /* count strings, owned */
    size_t count, cap; /* strs capacity */
    firmnet_i_strslot *slots;
    size_t nslots;     /* power of two */
} firmnet_i_strset;
/* Index of @p s (length @p len), or -1. */
ptrdiff_t firmnet_i_strset_find(const firmnet_i_strset *set, const char *s, size_t len);
/* Start loading the slot where a lookup of @p s begins: on a large set it is a cache miss,
 * and the misses of a tie's two ends then overlap. */
void firmnet_i_strset_prefetch(const firmnet_i_strset *set, const char *s, size_t len);
/* Index of @p s, added when absent; *added tells which. -1 on out of memory. */
ptrdiff_t firmnet_i_strset_add(firmnet_i_strset *set, const char *s, size_t len, bool *added);
/* The same with the string's hash computed once by the caller (firmnet_i_strset_hash), for a
 * lookup that prefetches, finds and maybe adds: @p h must be firmnet_i_strset_hash(s, len). */
uint64_t firmnet_i_strset_hash(const char *s, size_t len);
void firmnet_i_strset_prefetch_hashed(const firmnet_i_strset *set, uint64_t h);
ptrdiff_t firmnet_i_strset_find_hashed(const firmnet_i_strset *set, const char *s, size_t len,
                                       uint64_t h);
ptrdiff_t firmnet_i_strset_add_hashed(firmnet_i_strset *set, const char *s, size_t len, uint64_t h,
                                      bool *added);
/* Remove the strings added after the first @p count (rollback). */
void firmnet_i_strset_truncate(firmnet_i_strset *set, size_t count);
void firmnet_i_strset_free(firmnet_i_strset *set);

/* Hash slots keep 32 bits of the hash beside the index, so most probes that do not match
 * are rejected without touching the keys (which are cache misses on large networks). */
#define FIRMNET_I_SLOT(hash, index) ((((uint64_t)(hash) >> 32) << 32) | ((uint64_t)(index) + 1))
#define FIRMNET_I_SLOT_INDEX(slot) ((size_t)((slot) & 0xffffffffu) - 1)
#define FIRMNET_I_SLOT_TAG_MATCH(slot, hash) (((slot) >> 32) == ((uint64_t)(hash) >> 32))

/* ---- delimited text reading (reader.c) ------------------------------------------------ */

typedef struct firmnet_i_csv firmnet_i_csv;

/* Reader limits (see reader.c); the _TEXT forms go into messages. */
#define FIRMNET_I_MAX_FIELD 65536
#define FIRMNET_I_MAX_FIELD_TEXT "65536"
#define FIRMNET_I_MAX_FIELDS 16384
#define FIRMNET_I_MAX_RECORD (16 * 1024 * 1024)
#define FIRMNET_I_MAX_RECORD_TEXT "16 MiB"

/* Open a file ("-" = stdin) or a memory buffer, plain or gzip. */
int firmnet_i_csv_open(firmnet_i_csv **out, const char *path, firmnet_progress_fn progress,
                       void *payload);
int firmnet_i_csv_open_buffer(firmnet_i_csv **out, const void *data, size_t len,
                              const char *name);
void firmnet_i_csv_close(firmnet_i_csv *csv);
/* A read of @p csv failed with @p rc. Damaged gzip data can inflate to text that fails to
 * parse before the checksum at its end does: after a parse or data error on a gzip input,
 * inflate on (at most 64 MiB more) and, when the gzip data is damaged, return FIRMNET_EIO with
 * a message naming the damage and then the first error. Otherwise @p rc, its message kept. */
int firmnet_i_csv_failed(firmnet_i_csv *csv, int rc);
/* Read the header; the delimiter is detected from it. Errors on an empty input. */
int firmnet_i_csv_header(firmnet_i_csv *csv);
/* Next data record: 1 when one was read, 0 at end of input, < 0 on error. Records whose
 * fields are all empty are skipped and counted. Wrong field counts are errors. */
int firmnet_i_csv_next(firmnet_i_csv *csv);
/* A guess at fields @p a and @p b (trimmed) of the next record, for prefetching only: false
 * when it cannot tell cheaply (quotes, the line not yet in the buffer). Reads nothing new and
 * changes nothing; the next firmnet_i_csv_next() may see other values. */
bool firmnet_i_csv_peek(const firmnet_i_csv *csv, size_t a, size_t b, const char **fa, size_t *la,
                        const char **fb, size_t *lb);
size_t firmnet_i_csv_nfields(const firmnet_i_csv *csv);
const char *firmnet_i_csv_field(const firmnet_i_csv *csv, size_t i);
size_t firmnet_i_csv_field_len(const firmnet_i_csv *csv, size_t i);
const char *firmnet_i_csv_header_name(const firmnet_i_csv *csv, size_t i);
/* Column index of a header name (case-insensitive), or -1. */
ptrdiff_t firmnet_i_csv_column(const firmnet_i_csv *csv, const char *name);
const char *firmnet_i_csv_name(const firmnet_i_csv *csv);
/* Line where field i of the current record starts. */
long firmnet_i_csv_line(const firmnet_i_csv *csv, size_t i);
size_t firmnet_i_csv_blank_lines(const firmnet_i_csv *csv);
/* How much of the text was parsed (*done, in bytes) and how long it is (*total): the file's
 * size, or a gzip file's announced text size. False when the length is unknown (a pipe, a gzip
 * input of several members or over 4 GiB) or the numbers disagree; a hint for sizing only. */
bool firmnet_i_csv_text_read(const firmnet_i_csv *csv, uint64_t *done, uint64_t *total);
/* Set an EDATA/EPARSE error "file:line:col (column): message" about field @p i. */
int firmnet_i_csv_error(const firmnet_i_csv *csv, int code, size_t i, const char *fmt, ...)
    FIRMNET_PRINTF(4, 5);

/* The readers' fast paths (reader.c, network.c): simple lines split in place, a record's
 * fields checked for UTF-8 and byte-order marks in one scan when all ASCII, tie rows from a
 * file not checked for UTF-8 a second time, a layer name checked only when new, waves and
 * layers compared with the last few before a lookup. true; tests set false (every record
 * through the general parser, every check and lookup on every row) and compare. */
extern bool firmnet_i_read_fast;
/* Whether a read's bulk dedupe may pack each tie's index into its sort key (when it fits);
 * tests turn it off to check the other way gives the same network. */
extern bool firmnet_i_dedupe_packed;

/* ---- network internals (network.c) ------------------------------------------------------- */

/* Known actor attributes, always present as the first columns. */
enum {
    FIRMNET_I_ATTR_NAME,
    FIRMNET_I_ATTR_TYPE,
    FIRMNET_I_ATTR_SIZE,
    FIRMNET_I_ATTR_SECTOR,
    FIRMNET_I_ATTR_CLUSTER,
    FIRMNET_I_ATTR_REGION,
    FIRMNET_I_ATTR_MC,
    FIRMNET_I_ATTR_TECH,
    FIRMNET_I_NKNOWN
};

typedef struct firmnet_i_attr {
    char *name;
    char **values;       /* one per actor; NULL = blank */
    size_t non_numeric;  /* non-blank values that are not numbers */
    size_t non_blank;
} firmnet_i_attr;

struct firmnet_network {
    firmnet_i_strset ids; /* actor ids, index = actor index */
    /* Near-duplicate keys of the ids (network.c: note_id_key), without the strings: open
     * addressing, a slot holds the key hash's low 32 bits << 32 | (index + 1) of the first
     * actor with that key; 0 = empty. */
    uint64_t *key_slots;
    size_t key_nslots, nkeys;
    unsigned char *implicit;  /* per actor: created by a tie, no actor row yet */
    size_t actors_cap;
    firmnet_i_attr *attrs;
    size_t nattrs, attrs_cap;

    firmnet_i_strset waves, layers; /* in order of first appearance */
    uint32_t *wave_order;           /* sorted rank -> wave index */
    uint32_t *layer_order;

    /* ties, struct of arrays */
    uint32_t *src, *tgt;
    uint16_t *wave, *layer;
    double *weight;
    uint32_t *nmerged; /* rows merged into each tie */
    size_t nties, ties_cap;
    uint64_t *tie_slots; /* open addressing on (wave, layer, src, tgt): tag << 32 | (index + 1) */
    size_t tie_nslots;

    firmnet_load_report total;
};

/* Attribute index by name (case-insensitive), or -1. */
ptrdiff_t firmnet_i_attr_find(const firmnet_network *net, const char *name);
/* Value of attribute @p a for actor @p i; "" when blank. */
const char *firmnet_i_attr_value(const firmnet_network *net, size_t a, size_t i);
/* Selected layers as a 0/1 mask over layer indices (first appearance order). */
int firmnet_i_layer_mask(const firmnet_network *net, const char *selector, unsigned char **out);
/* Wave index of a name, or -1. */
ptrdiff_t firmnet_i_wave_find(const firmnet_network *net, const char *name);

/* ---- graph internals (graph.c) ------------------------------------------------------------ */
struct firmnet_graph {
    igraph_t g;
    igraph_vector_t w;
    const firmnet_network *net;
    size_t n, m;
    int directed;
    /* The selection the view was built from, for analyses that go back to the network's ties
     * (per-layer figures such as multiplexity): ties 0..nties-1 existed when the view was
     * built; layer_mask has nlayers entries (1 = selected); wave is a wave index or -1 for
     * all waves. */
    unsigned char *layer_mask;
    size_t nlayers, nties;
    ptrdiff_t wave;
    firmnet_merge merge;
};

/* Whether network tie @p k lies in the selection of view @p g (layer, wave, existed then). */
bool firmnet_i_graph_selects(const firmnet_graph *g, size_t k);

/*
 * The ties that each edge of a view merges, as compressed rows: the ties of edge e are
 * ties[offs[e] .. offs[e + 1]), in ascending tie index. Ties added to the network after the
 * view was built are not included. Allocates *offs (m + 1 entries) and *ties; the caller frees
 * both with firmnet_i_free(). O(M log m) for M ties of the network.
 */
int firmnet_i_graph_edge_ties(const firmnet_graph *g, size_t **offs, uint32_t **ties);

/* ---- groups of actors by an attribute (groups.c) ------------------------------------------ */
typedef struct firmnet_i_groups {
    size_t n;        /* actors */
    size_t count;    /* groups */
    char **names;    /* count group names in byte order, owned */
    ptrdiff_t *of;   /* per actor: group index, or -1 when excluded */
    size_t *size;    /* per group: number of actors */
    size_t included; /* actors with a group */
} firmnet_i_groups;

/* Group the first @p n actors of @p net by @p attribute (a name, or a name followed by '?' for
 * "yes"/"no" by whether the value is filled in; see firmnet/embeddedness.h). ENOTFOUND names
 * the attributes that exist. On failure @p gr is left empty (safe to free). */
int firmnet_i_groups_init(firmnet_i_groups *gr, const firmnet_network *net, size_t n,
                          const char *attribute, firmnet_blank blank);
void firmnet_i_groups_free(firmnet_i_groups *gr);

/* ---- local embeddedness (embeddedness.c) ------------------------------------------------- */
typedef enum firmnet_i_dir {
    FIRMNET_I_DIR_OUT = 1, /* ties the actor sends */
    FIRMNET_I_DIR_IN = 2,  /* ties the actor receives */
    FIRMNET_I_DIR_ALL = 3, /* both */
} firmnet_i_dir;

/*
 * Local share per actor of view @p g: among the ties of vertex i in direction @p dir (in an
 * undirected view every tie counts in every direction), the weight (number when @p by_count)
 * of those whose partner has i's value of attribute @p attr (an index into net->attrs), over
 * the weight of those whose partner has a known location. A partner's location is unknown when
 * @p attr is the cluster or region attribute and the partner has neither; for any other
 * attribute every partner counts, a blank value being different from every value.
 * Outputs (each n = g->n entries, any may be NULL): share (NaN when i's value is blank or the
 * denominator is 0), same, known (the denominator), unknown (weight to partners with an unknown
 * location). Returns 0 or ENOMEM. O(n + m).
 */
int firmnet_i_local_share(const firmnet_graph *g, size_t attr, firmnet_i_dir dir, bool by_count,
                          double *share, double *same, double *known, double *unknown);

/* Burt's measures visit the contacts shared by i and each contact j by scanning j's list, or,
 * when j has more than this many times i's contacts, by looking i's contacts up in j's list
 * (same sums, same order). 8; tests set 0 (always look up) and SIZE_MAX (always scan). */
extern size_t firmnet_i_hub_ratio;

/* ---- progress (progress.c) ------------------------------------------------------------------ */
#define FIRMNET_I_PROGRESS_INTERVAL 0.1 /* seconds between callback calls */
/*
 * Report @p done of @p total units of phase @p what (a static string) to @p fn, which may be
 * NULL. Rate-limited: the callback is called at the start (done <= 0), at the end
 * (total > 0 and done >= total), when the callback, payload or phase differs from the last
 * call in this thread, and otherwise at most every FIRMNET_I_PROGRESS_INTERVAL seconds, so it
 * is cheap to call once per unit of work. total <= 0 means unknown.
 * Returns 0, or FIRMNET_ECANCEL with the message "<what>: cancelled by the progress callback"
 * when the callback returns non-zero.
 */
int firmnet_i_progress(firmnet_progress_fn fn, void *payload, const char *what, double done,
                       double total);

/* ---- output files (output.c) ---------------------------------------------------------------- */
/*
 * A file being written: text goes to a buffer that is flushed in 64 KiB pieces to a temporary
 * file beside @p path, renamed into place by firmnet_i_out_close() (so a failed write never
 * leaves a partial file, and a killed run at most the temporary file); the data is fsync()ed
 * before the rename, a replaced file keeps its permissions, and a symbolic link is followed
 * (the file it points to is replaced). "-" is standard output, a name ending in ".gz" is
 * gzip-compressed, and an existing special file (a FIFO, /dev/stdout) is written in place. The first failure
 * is kept (sticky) and later writes do nothing, so writers check once at the end.
 * In memory mode (path NULL) the text stays in the buffer (see firmnet_i_out_take()).
 */
typedef struct firmnet_i_out {
    firmnet_i_buf buf;
    char *path, *tmp;     /* NULL in memory mode; tmp NULL when written in place */
    char *target;         /* the file the temporary one replaces: path, symbolic links resolved */
    void *fp, *gz;        /* FILE * or gzFile */
    int rc;               /* first failure, sticky */
    int sync_fd1;         /* 1 + a descriptor of the temporary file for fsync(); 0 = none */
    bool to_stdout;
} firmnet_i_out;

int firmnet_i_out_open(firmnet_i_out *o, const char *path);
void firmnet_i_out_memory(firmnet_i_out *o);
void firmnet_i_out_put(firmnet_i_out *o, const char *p, size_t n);
void firmnet_i_out_str(firmnet_i_out *o, const char *s);
/* printf for integers and strings only: %f and %g would follow the host's locale. */
void firmnet_i_out_printf(firmnet_i_out *o, const char *fmt, ...) FIRMNET_PRINTF(2, 3);
/* XML text or attribute value: & < > " ' escaped, tab and line ends as character
 * references, other control characters (not allowed in XML 1.0) as U+FFFD. */
void firmnet_i_out_xml(firmnet_i_out *o, const char *s);
/* A number in the shortest form that reads back exactly (C locale); "NaN", "INF", "-INF"
 * for non-finite values (the XML Schema spellings). */
void firmnet_i_out_num(firmnet_i_out *o, double v);
/* A number rounded to @p decimals (0..6) places, fixed notation, C locale, no "-0". */
void firmnet_i_out_fixed(firmnet_i_out *o, double v, int decimals);
/* As firmnet_i_out_fixed(), keeping trailing zeros (0.0150), for columns of a table. */
void firmnet_i_out_decimals(firmnet_i_out *o, double v, int decimals);
/* Finish: with @p rc == 0 and no earlier failure, flush and put the file in place; otherwise
 * remove the temporary file. Returns the first failure (rc, then the sticky one) or 0. */
int firmnet_i_out_close(firmnet_i_out *o, int rc);
/* Memory mode: write the text to @p path (as firmnet_i_out_open() would), release @p mem
 * in any case and return the first failure. Used where a failure must not touch the file. */
int firmnet_i_out_save(firmnet_i_out *mem, const char *path);
/* Memory mode: hand over the text (NUL-terminated, caller frees) and reset @p o. */
int firmnet_i_out_take(firmnet_i_out *o, char **data, size_t *len);
/* Whether @p path ends in @p suffix, ignoring case. */
bool firmnet_i_ends_with(const char *path, const char *suffix);

/* ---- SVG pieces shared by drawings and charts (svg.c) ------------------------------------- */
/* A standalone SVG file: firmnet_i_svg_file_begin() starts a memory buffer with the XML
 * declaration; a renderer appends the <svg> element and returns 0 or an error @p rc;
 * firmnet_i_svg_file_end() then writes the file (firmnet_i_out_save()) or, on error, drops the
 * buffer and touches no file. Returns the first failure. */
void firmnet_i_svg_file_begin(firmnet_i_out *mem);
int firmnet_i_svg_file_end(firmnet_i_out *mem, int rc, const char *path);
/* "<svg ...>" with a white background and a <title>; the caller writes "</svg>\n". Every
 * coordinate is printed with firmnet_i_out_fixed(), so output is byte-identical for the
 * same input. */
void firmnet_i_svg_begin(firmnet_i_out *o, double width, double height, const char *title);
/* <text> at (x, y): anchor "start", "middle" or "end"; bold when @p bold; @p extra is
 * inserted verbatim into the element (may be NULL). */
void firmnet_i_svg_text(firmnet_i_out *o, double x, double y, const char *anchor, double size,
                        bool bold, const char *extra, const char *text);
/* Colour of actor type @p type ("firm", ...; anything else: the "other" grey) and the legend
 * order of types: firmnet_i_type_names[0..FIRMNET_I_NTYPES) then "other". */
#define FIRMNET_I_NTYPES 6
extern const char *const firmnet_i_type_names[FIRMNET_I_NTYPES];
const char *firmnet_i_type_color(const char *type);
/* A colour for category @p k of a qualitative palette (layers, series), cycling. */
const char *firmnet_i_palette(size_t k);
/* "Nice" axis ticks covering [lo, hi]: *first, *step and *count ticks (2..12). */
void firmnet_i_nice_ticks(double lo, double hi, int target, double *first, double *step,
                          int *count);

/*
 * Renderers of the <svg> element alone (no XML declaration) into @p o, for files and for the
 * HTML report; arguments and errors as the public functions of the same name, which wrap them.
 * @p id_prefix goes before every element id (arrowhead markers), so that several drawings can
 * share one page; NULL or "" for none.
 */
int firmnet_i_graph_svg(firmnet_i_out *o, const firmnet_graph *graph,
                        const firmnet_draw_options *opts, const char *id_prefix);
int firmnet_i_chart_grouped(firmnet_i_out *o, const firmnet_table *table, const char *group,
                            const char *series, const char *value, const char *low,
                            const char *high, const firmnet_chart_options *opts);
int firmnet_i_chart_histogram(firmnet_i_out *o, const firmnet_table *table, const char *value,
                              const firmnet_chart_options *opts);
int firmnet_i_chart_change(firmnet_i_out *o, const firmnet_change_result *res,
                           const char *measure, firmnet_change_chart kind,
                           const firmnet_chart_options *opts);
int firmnet_i_chart_embeddedness(firmnet_i_out *o, const firmnet_table *groups, const char *scope,
                                 const firmnet_chart_options *opts);

/* ---- tables (table.c) --------------------------------------------------------------------- */
/* Take ownership of an array of nrows malloc'ed strings as a new string column (frees them
 * on failure too). */
int firmnet_i_table_add_string_owned(firmnet_table *t, const char *name, char **values);

/* ---- statistics (stats.c) ---------------------------------------------------------------- */
/* Callers hold firmnet_i_enter() around these (GSL) and own the random number generator. */

/* Mean and sample standard deviation (divisor n - 1) of x[0..n); NaN where undefined. */
void firmnet_i_mean_sd(const double *x, size_t n, double *mean, double *sd);
/*
 * Welch's two-sample t-test of mean(x) - mean(y), two-sided, as R's
 * t.test(x, y, var.equal = FALSE): t = (mx - my) / sqrt(vx/nx + vy/ny), Welch-Satterthwaite
 * df, p = 2 Q(|t|; df). All NaN when a group has fewer than 2 values or both are constant.
 */
void firmnet_i_welch(const double *x, size_t nx, const double *y, size_t ny, double *t,
                     double *df, double *p);
/* Cohen's d = (mx - my) / s_pooled, s_pooled^2 = ((nx-1) sx^2 + (ny-1) sy^2) / (nx + ny - 2);
 * NaN when s_pooled is 0 or undefined. */
double firmnet_i_cohen_d(const double *x, size_t nx, const double *y, size_t ny);
/* Quantile of sorted x[0..n) by linear interpolation (R's type 7). */
double firmnet_i_quantile_sorted(const double *x, size_t n, double q);
/* A 32-bit generator seed from a user seed and up to three keys (NULL = ""), so that each
 * comparison has its own stream whatever else is computed in the same run. */
uint32_t firmnet_i_seed_mix(uint64_t seed, const char *a, const char *b, const char *c);

/* Several measures on one set of units in two groups (A: in[i] != 0, B), within strata. */
typedef struct firmnet_i_twogroup {
    size_t n;                 /* units */
    size_t nmeasures;         /* measures; measure m of unit i is x[m * n + i] */
    const double *x;
    const unsigned char *in;  /* per unit: non-zero = group A */
    const uint32_t *stratum;  /* per unit: 0..nstrata-1, or NULL for one stratum */
    size_t nstrata;
} firmnet_i_twogroup;

/*
 * Two-sided permutation p-values of diff = mean(A) - mean(B), one per measure, from @p nperm
 * relabellings that keep the number of A units in every stratum (one sequence of relabellings
 * shared by all measures): p = (1 + #{|diff*| >= |diff|}) / (1 + nperm), where differences
 * equal up to a relative 1e-10 count as ties. NaN when a group is empty or nperm is 0.
 * Complexity: O(nperm n (1 + measures)).
 */
int firmnet_i_perm_pvalues(double *p, const firmnet_i_twogroup *s, size_t nperm, gsl_rng *rng);
/*
 * Percentile bootstrap interval of diff at @p level (e.g. 0.95): each replicate resamples
 * units with replacement within every (stratum, group) cell, keeping the cell sizes; the
 * bounds are type-7 quantiles (1 - level)/2 and (1 + level)/2 of the replicates.
 * Complexity: O(nboot n measures + measures nboot log nboot).
 */
int firmnet_i_bootstrap_ci(double *lo, double *hi, const firmnet_i_twogroup *s, size_t nboot,
                           double level, gsl_rng *rng);

#endif
