/* cmd_calibrate.c: (in progress) */
#include <stdio.h>

#include "cli/commands.h"

int fs_cmd_calibrate(int argc, char **argv) {
  fputs("fleetsim calibrate: not built yet\n", stderr);
  return 1;
}
