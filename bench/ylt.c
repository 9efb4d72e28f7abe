/* ylt.c: the year loss table's speed (issue 17's target: 100,000 years
   from an event loss table of 2,000 events in under 10 seconds). Draws Y
   years over E events of equal rate (2.75 a year in all, the shipped
   catalogue's total) with R samples each, then the year losses and the
   EP figures at ten return periods; prints the seconds. Not a test.
   usage: bench_ylt [EVENTS [YEARS [SAMPLES]]] */
#include <stdio.h>
#include <stdlib.h>

#include "engine/rng.h"
#include "loss/ylt.h"
#include "util/clock.h"

int main(int argc, char **argv) {
  size_t E = argc > 1 ? strtoul(argv[1], NULL, 10) : 2000;
  size_t Y = argc > 2 ? strtoul(argv[2], NULL, 10) : 100000;
  size_t R = argc > 3 ? strtoul(argv[3], NULL, 10) : 1;
  if (E < 1 || Y < 1 || R < 1) return 2;
  double *rate = malloc(E * sizeof *rate), *loss = malloc(E * R * sizeof *loss);
  double *agg = malloc(Y * sizeof *agg), *occ = malloc(Y * sizeof *occ);
  if (!rate || !loss || !agg || !occ) return 1;
  for (size_t e = 0; e < E; e++) rate[e] = 2.75 / (double) E;
  for (size_t i = 0; i < E * R; i++) loss[i] = 1e6 * (double) (1 + i % 97);
  double rps[10] = {1000, 500, 250, 200, 100, 50, 25, 10, 5, 2}, o[10], a[10], ot[10], at[10];
  fs_ylt_fig f = {.oep = o, .aep = a, .oep_tvar = ot, .aep_tvar = at};
  fs_err err = {0};
  fs_ylt y;
  double t0 = fs_now();
  if (fs_ylt_build(&y, rate, E, R, Y, 0, 1, FS_STREAM_YLT, &err) != 0 ||
      (fs_ylt_year_losses(&y, loss, agg, occ), fs_ylt_figures(agg, occ, Y, rps, 10, &f, &err)) !=
          0) {
    fprintf(stderr, "bench_ylt: %s\n", err.msg);
    return 1;
  }
  printf("year loss table: %zu events x %zu samples, %zu years, %zu occurrences: %.3f s "
         "(target < 10 s for 2,000 events and 100,000 years); AAL %.6g, OEP 1-in-200 %.6g\n",
         E, R, Y, y.n, fs_now() - t0, f.aal, o[3]);
  fs_ylt_free(&y);
  free(rate);
  free(loss);
  free(agg);
  free(occ);
  return 0;
}
