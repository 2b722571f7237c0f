/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Atomic outputs: firmnet_table_write() writes a temporary file beside the target and renames
 * it into place. A write that fails part-way (here: the file size limit, as on a full disk)
 * leaves an existing result as it was and no temporary file behind; a run killed part-way
 * leaves the existing result too. Permissions of a replaced file and symbolic links are kept.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

static char dir[4096];

static const char *in_dir(const char *name)
{
    static char buf[4][4200];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static void put_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

static char *get_file(const char *path)
{
    static char buf[1 << 16];
    FILE *f = fopen(path, "r");
    size_t n = 0;
    if (f != NULL) {
        n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
    }
    buf[n] = '\0';
    return buf;
}

/* Number of directory entries other than . and .. */
static int count_entries(void)
{
    int n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    }
    closedir(d);
    return n;
}

/* A table of @p rows rows, about 60 bytes each. */
static firmnet_table *big_table(size_t rows)
{
    firmnet_table *t = NULL;
    double *d = malloc(rows * sizeof *d);
    const char **s = malloc(rows * sizeof *s);
    for (size_t r = 0; r < rows; r++) {
        d[r] = (double)r / 7.0;
        s[r] = "a string value, with a comma and \"quotes\"";
    }
    firmnet_table_new(&t, rows);
    firmnet_table_add_string(t, "s", s);
    firmnet_table_add_double(t, "x", d);
    free(d);
    free(s);
    return t;
}

static void test_success(void)
{
    firmnet_table *t = big_table(3);
    struct stat st;
    mode_t mask = umask(022);
    /* a new file gets 0666 less the umask, like fopen() */
    CHECK_INT(firmnet_table_write(t, in_dir("new.csv"), FIRMNET_FORMAT_AUTO), 0);
    CHECK_INT(stat(in_dir("new.csv"), &st), 0);
    CHECK_INT(st.st_mode & 0777, 0644);
    /* a replaced file keeps its permissions */
    put_file(in_dir("old.csv"), "old\n");
    chmod(in_dir("old.csv"), 0640);
    CHECK_INT(firmnet_table_write(t, in_dir("old.csv"), FIRMNET_FORMAT_AUTO), 0);
    CHECK_INT(stat(in_dir("old.csv"), &st), 0);
    CHECK_INT(st.st_mode & 0777, 0640);
    CHECK(strncmp(get_file(in_dir("old.csv")), "s,x\n", 4) == 0);
    /* a symbolic link stays a link; the file it points to is replaced */
    CHECK_INT(symlink("new.csv", in_dir("link.csv")), 0);
    CHECK_INT(firmnet_table_write(t, in_dir("link.csv"), FIRMNET_FORMAT_TSV), 0);
    CHECK_INT(lstat(in_dir("link.csv"), &st), 0);
    CHECK(S_ISLNK(st.st_mode));
    CHECK(strncmp(get_file(in_dir("new.csv")), "s\tx\n", 4) == 0);
    /* gzip output through the same path */
    CHECK_INT(firmnet_table_write(t, in_dir("z.json.gz"), FIRMNET_FORMAT_AUTO), 0);
    CHECK_INT(count_entries(), 4); /* new.csv old.csv link.csv z.json.gz: no temporary files */
    umask(mask);
    firmnet_table_free(t);
}

/* A write that fails part-way leaves the old file and no temporary file. */
static void test_failure(void)
{
    firmnet_table *t = big_table(200000); /* about 10 MB */
    struct rlimit old, lim;
    const char *names[2] = {"keep.csv", "keep.csv.gz"};
    put_file(in_dir("keep.csv"), "old result\n");
    put_file(in_dir("keep.csv.gz"), "old result\n");
    int before = count_entries();
    getrlimit(RLIMIT_FSIZE, &old);
    lim = old;
    lim.rlim_cur = 100000; /* bytes: writes past it fail with EFBIG, as on a full disk */
    signal(SIGXFSZ, SIG_IGN);
    setrlimit(RLIMIT_FSIZE, &lim);
    for (int k = 0; k < 2; k++) {
        CHECK_INT(firmnet_table_write(t, in_dir(names[k]), FIRMNET_FORMAT_AUTO), FIRMNET_EIO);
        CHECK_ERR(names[k]);
        CHECK_STR(get_file(in_dir(names[k])), "old result\n");
    }
    setrlimit(RLIMIT_FSIZE, &old);
    signal(SIGXFSZ, SIG_DFL);
    CHECK_INT(count_entries(), before);
    /* the same table writes fine without the limit */
    CHECK_INT(firmnet_table_write(t, in_dir("keep.csv"), FIRMNET_FORMAT_AUTO), 0);
    CHECK(strncmp(get_file(in_dir("keep.csv")), "s,x\n", 4) == 0);
    CHECK_INT(count_entries(), before);
    firmnet_table_free(t);
}

/* A process killed in the middle of writing leaves the old result intact. */
static void test_killed(void)
{
    firmnet_table *t = big_table(200000);
    int status = 0;
    put_file(in_dir("killed.csv"), "old result\n");
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit lim;
        getrlimit(RLIMIT_FSIZE, &lim);
        lim.rlim_cur = 100000; /* SIGXFSZ (default action: terminate) part-way through */
        setrlimit(RLIMIT_FSIZE, &lim);
        firmnet_table_write(t, in_dir("killed.csv"), FIRMNET_FORMAT_AUTO);
        _exit(0);
    }
    CHECK(waitpid(pid, &status, 0) == pid);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGXFSZ);
    CHECK_STR(get_file(in_dir("killed.csv")), "old result\n");
    firmnet_table_free(t);
}

/* Special files are written in place, and a full device is an error. */
static void test_special(void)
{
    firmnet_table *t = big_table(3);
    if (access("/dev/full", W_OK) == 0) {
        CHECK_INT(firmnet_table_write(t, "/dev/full", FIRMNET_FORMAT_CSV), FIRMNET_EIO);
        CHECK_ERR("/dev/full: write failed: No space left on device");
    }
    CHECK_INT(firmnet_table_write(t, "/dev/null", FIRMNET_FORMAT_CSV), 0);
    CHECK_INT(firmnet_table_write(t, in_dir("no/such/dir.csv"), FIRMNET_FORMAT_CSV),
              FIRMNET_EIO);
    CHECK_ERR("no/such/dir.csv: cannot create: No such file");
    firmnet_table_free(t);
}

static void remove_dir(void)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            unlink(in_dir(e->d_name));
        }
    }
    closedir(d);
    rmdir(dir);
}

int main(void)
{
    snprintf(dir, sizeof dir, "%s/firmnet-atomic-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    test_success();
    test_failure();
    test_killed();
    test_special();
    remove_dir();
    return test_done();
}
