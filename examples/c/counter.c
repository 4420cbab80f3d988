/* counter: counts its own runs in runs.txt, a file of its folder, and prints
   the count. The folder outlives resets; `wasmcu rm counter` removes it.
   Needs capability fs. */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  int runs = 0;
  char text[16];
  FILE *f = fopen("runs.txt", "r");
  if (f != NULL) {
    if (fgets(text, sizeof text, f) != NULL) runs = atoi(text);
    fclose(f);
  }
  runs++;
  f = fopen("runs.txt", "w");
  if (f == NULL) {
    perror("counter: cannot open runs.txt");
    return 1;
  }
  fprintf(f, "%d\n", runs);
  /* the board saves the file when it is closed: check that it was */
  if (fclose(f) != 0) {
    perror("counter: cannot save runs.txt");
    return 1;
  }
  printf("run number %d\n", runs);
  return 0;
}
