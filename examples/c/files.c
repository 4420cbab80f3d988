/* files: a tour of what a module granted `fs` can do in its own folder:
   write, append, read back, seek and overwrite, stat, list, remove, and the
   limits (a file larger than 16 KiB, a path out of the folder). Each run
   appends one line to log.txt, which outlives resets. Needs capability fs. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* the folder's files, sorted (the board lists them in flash order) */
static void list_folder(void) {
  static char names[8][65];
  char *sorted[8];
  int n = 0;
  DIR *d = opendir(".");
  if (d == NULL) {
    perror("opendir");
    return;
  }
  struct dirent *e;
  while ((e = readdir(d)) != NULL && n < 8) {
    strncpy(names[n], e->d_name, 64);
    sorted[n] = names[n];
    n++;
  }
  closedir(d);
  qsort(sorted, n, sizeof sorted[0], by_name);
  printf("folder:");
  for (int i = 0; i < n; i++) printf(" %s", sorted[i]);
  printf("\n");
}

int main(void) {
  char text[64];

  FILE *f = fopen("greeting.txt", "w");
  if (f == NULL || fputs("hello, folder\n", f) < 0 || fclose(f) != 0) {
    perror("greeting.txt");
    return 1;
  }
  f = fopen("greeting.txt", "r");
  if (f == NULL || fgets(text, sizeof text, f) == NULL) {
    perror("greeting.txt");
    return 1;
  }
  fclose(f);
  printf("read back: %s", text);

  f = fopen("log.txt", "a");
  if (f == NULL) {
    perror("log.txt");
    return 1;
  }
  fprintf(f, "run\n");
  fclose(f);
  struct stat st;
  if (stat("log.txt", &st) != 0) {
    perror("stat log.txt");
    return 1;
  }
  printf("log.txt: %ld bytes\n", (long)st.st_size);

  /* overwrite in the middle: "hello, folder" becomes "hello, FOLDER" */
  int fd = open("greeting.txt", O_RDWR);
  if (fd < 0 || lseek(fd, 7, SEEK_SET) != 7 || write(fd, "FOLDER", 6) != 6 || lseek(fd, 0, SEEK_SET) != 0) {
    perror("greeting.txt");
    return 1;
  }
  ssize_t n = read(fd, text, sizeof text - 1);
  close(fd);
  text[n < 0 ? 0 : n] = 0;
  printf("after seek and write: %s", text);

  list_folder();
  unlink("greeting.txt");
  printf("greeting.txt after unlink: %s\n", access("greeting.txt", F_OK) == 0 ? "still there" : strerror(errno));
  list_folder();

  /* the limits: a file of 20 KiB, a path out of the folder */
  static char big[20 * 1024];
  memset(big, 'x', sizeof big);
  fd = open("big.bin", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ssize_t wrote = write(fd, big, sizeof big);
  printf("writing 20480 bytes: %ld written\n", (long)wrote);
  wrote = write(fd, big, 1);
  printf("one more byte: %s\n", wrote < 0 ? strerror(errno) : "written");
  close(fd);
  unlink("big.bin");
  f = fopen("../escape.txt", "w");
  printf("../escape.txt: %s\n", f == NULL ? strerror(errno) : "opened");
  return 0;
}
