/*
 * The libcmark floor for sitegen's benchmark: read each brief, render its body with libcmark,
 * write one page each. Single-threaded, no templates, no listings: the least work any
 * generator must do for the same corpus, so sitegen's time is quoted as a multiple of it.
 *
 *     floor CONTENT_DIR OUTPUT_DIR
 */
#define _GNU_SOURCE
#include <cmark.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static long pages = 0;

static void render(const char *path, const char *out_dir) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) { perror(path); exit(1); }
    struct stat st;
    fstat(fd, &st);
    char *text = malloc(st.st_size + 1);
    ssize_t got = 0;
    while (got < st.st_size) {
        ssize_t n = read(fd, text + got, st.st_size - got);
        if (n <= 0) break;
        got += n;
    }
    close(fd);
    text[got] = 0;
    /* The body starts after the second '---' line. */
    char *body = text;
    char *first = strstr(text, "---\n");
    if (first) {
        char *second = strstr(first + 4, "\n---\n");
        if (second) body = second + 5;
    }
    char *html = cmark_markdown_to_html(body, strlen(body), CMARK_OPT_DEFAULT);
    /* Like a site: each page is DIR/index.html. */
    char name[4096];
    snprintf(name, sizeof name, "%s/%ld", out_dir, pages++);
    mkdir(name, 0755);
    strncat(name, "/index.html", sizeof name - strlen(name) - 1);
    int out = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0) { perror(name); exit(1); }
    size_t len = strlen(html), done = 0;
    while (done < len) {
        ssize_t n = write(out, html + done, len - done);
        if (n <= 0) { perror(name); exit(1); }
        done += n;
    }
    close(out);
    free(html);
    free(text);
}

static void walk(const char *dir, const char *out_dir) {
    DIR *d = opendir(dir);
    if (!d) { perror(dir); exit(1); }
    struct dirent *entry;
    while ((entry = readdir(d))) {
        if (entry->d_name[0] == '.') continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
        if (entry->d_type == DT_DIR) {
            walk(path, out_dir);
        } else {
            size_t n = strlen(entry->d_name);
            if (n > 3 && strcmp(entry->d_name + n - 3, ".md") == 0) render(path, out_dir);
        }
    }
    closedir(d);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: floor CONTENT_DIR OUTPUT_DIR\n");
        return 2;
    }
    mkdir(argv[2], 0755);
    walk(argv[1], argv[2]);
    fprintf(stderr, "floor: %ld pages\n", pages);
    return 0;
}
