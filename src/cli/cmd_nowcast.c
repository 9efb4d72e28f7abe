/* cmd_nowcast.c: (in progress) */
#include <stdio.h>

#include "cli/commands.h"

int fs_cmd_nowcast(int argc, char **argv) {
  fputs("fleetsim nowcast: not built yet\n", stderr);
  return 1;
}
