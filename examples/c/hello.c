/* hello: a WASI command that prints two lines and exits 0. Needs no capability. */
#include <stdio.h>

int main(void) {
  printf("hello from C on wasmcu\n");
  printf("2 + 3 = %d\n", 2 + 3);
  return 0;
}
