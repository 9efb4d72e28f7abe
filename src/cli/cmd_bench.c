/* cmd_bench.c: `fleetsim bench phold`, the engine benchmark. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "bench/phold.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/help.h"
#include "cli/common.h"

static int bench_phold(int argc, char **argv) {
  fs_phold_opts o;
  fs_phold_defaults(&o);
  int64_t lps = o.lps, start_events = o.start_events;
  const char *queue = fs_queue_kind_name(o.queue);
  int json = 0, quiet = 0;
  const fs_opt opts[] = {
      {"--lps", NULL, FS_OPT_INT, "N", "logical processes (default 1024)", 1, 1 << 28, NULL, &lps},
      {"--end", NULL, FS_OPT_DOUBLE, "T", "end of simulated time (default 1000)", 0, 1e15, NULL,
       &o.end_time},
      {"--start-events", NULL, FS_OPT_INT, "K", "starting events per LP (default 1)", 1, 1 << 16,
       NULL, &start_events},
      {"--remote", NULL, FS_OPT_DOUBLE, "P", "probability an event goes to another LP (0.25)", 0, 1,
       NULL, &o.remote},
      {"--lookahead", NULL, FS_OPT_DOUBLE, "L", "minimum delay (default 0.1)", 0, 1e9, NULL,
       &o.lookahead},
      {"--mean", NULL, FS_OPT_DOUBLE, "M", "mean delay, >= lookahead (default 1.0)", 1e-12, 1e9,
       NULL, &o.mean},
      {"--queue", NULL, FS_OPT_CHOICE, "KIND", "pending-event set: heap|ladder|calendar", 0, 0,
       fs_queue_kind_names(), &queue},
      {"--seed", NULL, FS_OPT_UINT64, "S", "random seed (default 1)", 0, 0, NULL, &o.seed},
      {"--json", NULL, FS_OPT_FLAG, NULL, "print one JSON object", 0, 0, NULL, &json},
      {"--trace", NULL, FS_OPT_FLAG, NULL, "compute the event-trace checksum", 0, 0, NULL,
       &o.trace},
      {"--quiet", "-q", FS_OPT_FLAG, NULL, "print nothing but errors", 0, 0, NULL, &quiet},
  };
  const fs_cmd_spec spec =
      fs_cli_spec("fleetsim bench phold", opts, (int) (sizeof opts / sizeof opts[0]), 0, 0);
  fs_err err = {0};
  char *pos[1];
  int npos;
  int rc = fs_args_parse(&spec, argc, argv, pos, &npos, &err);
  if (rc == 1) return 0;
  if (rc != 0) return fs_args_fail(&spec, &err);
  if (o.mean < o.lookahead) {
    fs_err_set(&err, FS_EUSAGE, "--mean: must be >= --lookahead (got %g < %g)", o.mean,
               o.lookahead);
    return fs_args_fail(&spec, &err);
  }
  o.lps = (uint32_t) lps;
  o.start_events = (uint32_t) start_events;
  fs_queue_kind_parse(queue, &o.queue);
  o.interrupt = &fs_cli_interrupted;
  if ((uint64_t) o.lps * o.start_events > UINT32_MAX - 1) {
    fs_err_set(&err, FS_EUSAGE, "--start-events: lps x start-events must stay below 2^32");
    return fs_args_fail(&spec, &err);
  }
  fs_phold_result res = {0};
  if (fs_phold_run(&o, &res, &err) != 0) {
    fs_cli_eprintf("fleetsim bench phold: %s\n", err.msg);
    return 1;
  }
  double bpe = res.peak_pending ? (double) res.queue_bytes / (double) res.peak_pending : 0.0;
  if (json) {
    printf("{\"model\":\"phold\",\"events\":%" PRIu64 ",\"seconds\":%.6f,"
           "\"events_per_second\":%.0f,\"queue\":\"%s\",\"lps\":%" PRIu32 ",\"end\":%.17g,"
           "\"start_events\":%" PRIu32 ",\"remote\":%.17g,\"lookahead\":%.17g,\"mean\":%.17g,"
           "\"seed\":%" PRIu64 ",\"peak_pending\":%zu,\"queue_bytes\":%zu,"
           "\"bytes_per_pending_event\":%.1f,\"trace\":\"%016" PRIx64 "\",\"interrupted\":%s}\n",
           res.events, res.seconds, res.events_per_second, queue, o.lps, o.end_time, o.start_events,
           o.remote, o.lookahead, o.mean, o.seed, res.peak_pending, res.queue_bytes, bpe, res.trace,
           res.interrupted ? "true" : "false");
  } else if (!quiet) {
    printf("phold  lps %" PRIu32 "  queue %s  events %" PRIu64 "  seconds %.3f  rate %.0f/s\n"
           "       peak pending %zu  queue bytes %zu  bytes/pending event %.1f%s\n",
           o.lps, queue, res.events, res.seconds, res.events_per_second, res.peak_pending,
           res.queue_bytes, bpe, res.interrupted ? "  (interrupted)" : "");
    if (o.trace) printf("       trace %016" PRIx64 "\n", res.trace);
  }
  return res.interrupted ? 130 : 0;
}

int fs_cmd_bench(int argc, char **argv) {
  static const char usage[] = "usage: fleetsim bench phold [options]\n";
  if (argc == 0) {
    fs_cli_eprintf("fleetsim bench: missing benchmark name\n%s", usage);
    return 2;
  }
  if (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0) {
    printf("%s\nEngine benchmarks:\n  phold   the PHOLD synthetic workload "
           "(fleetsim bench phold --help)\n",
           usage);
    return 0;
  }
  if (strcmp(argv[0], "phold") == 0) return bench_phold(argc - 1, argv + 1);
  fs_cli_eprintf("fleetsim bench: unknown benchmark '%s'\n%s", argv[0], usage);
  return 2;
}
