/* main.c: the fleetsim command: dispatch to subcommands, help, version. */
#include <igraph/igraph_version.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_version.h>
#include <signal.h>
#include <stdio.h>
#include <errno.h>
#include <string.h>

#include "cli/commands.h"
#include "scenario/scenario.h"
#include "fs_config.h"
#include "cli/common.h"

volatile sig_atomic_t fs_cli_interrupted = 0;

static void on_sigint(int sig) {
  (void) sig;
  fs_cli_interrupted = 1;
}

typedef struct command {
  const char *name;
  const char *summary;
  int (*run)(int argc, char **argv);
} command;

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

static const command commands[] = {
    {"run", "run a scenario and write its results folder", fs_cmd_run},
    {"sweep", "run a scenario over a design of parameter points (threads, MPI, shards)",
     fs_cmd_sweep},
    {"merge", "gather the shards of a sweep into one sweep folder", fs_cmd_merge},
    {"validate", "run the history library's events and score them against their record",
     fs_cmd_validate},
    {"calibrate", "fit a scenario's uncertain parameters to an observation file", fs_cmd_calibrate},
    {"nowcast", "forecast an unfolding event's recovery and loss from its first counts",
     fs_cmd_nowcast},
    {"compare", "a scenario and its what-if variants on the same draws, paired", fs_cmd_compare},
    {"catalog", "build a stochastic event catalogue from its families", fs_cmd_catalog},
    {"report", "draw the plots and report.html of a results folder again", fs_cmd_report},
    {"bench", "run an engine benchmark (PHOLD)", fs_cmd_bench},
    {"graph", "vendor dependency graph: single points of failure, blast radius", fs_cmd_graph},
    {"help", "show help for fleetsim or one command", cmd_help},
    {"version", "print the version and library versions", cmd_version},
};
static const int ncommands = (int) (sizeof commands / sizeof commands[0]);

static void print_overview(FILE *out) {
  fprintf(out,
          "fleetsim %s: fleet outage impact simulator\n\n"
          "usage: fleetsim <command> [options]\n\ncommands:\n",
          FS_VERSION);
  for (int i = 0; i < ncommands; i++)
    fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf(out, "\nRun 'fleetsim <command> --help' for a command's options.\n"
               "Exit status: 0 success, 1 run-time failure, 2 usage error, 3 finished with\n"
               "failed tasks (sweep, merge), 4 a figure out of band (validate --strict),\n"
               "130 interrupted.\n");
}

static const command *find_command(const char *name) {
  for (int i = 0; i < ncommands; i++)
    if (strcmp(commands[i].name, name) == 0) return &commands[i];
  return NULL;
}

static int cmd_help(int argc, char **argv) {
  if (argc == 0) {
    print_overview(stdout);
    return 0;
  }
  if (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0) {
    printf("usage: fleetsim help [COMMAND]\n\nShow the list of commands, or one command's help.\n");
    return 0;
  }
  const command *c = find_command(argv[0]);
  if (!c || c->run == cmd_help) {
    if (c) return cmd_help(0, NULL);
    fs_cli_eprintf("fleetsim help: unknown command '%s'\nusage: fleetsim help [COMMAND]\n",
                   argv[0]);
    return 2;
  }
  char help[] = "--help";
  char *args[] = {help, NULL};
  return c->run(1, args);
}

static int cmd_version(int argc, char **argv) {
  if (argc > 0 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0)) {
    printf("usage: fleetsim version\n\nPrint the program version and the library versions.\n");
    return 0;
  }
  if (argc > 0) {
    fs_cli_eprintf("fleetsim version: unexpected argument '%s'\nusage: fleetsim version\n",
                   argv[0]);
    return 2;
  }
  printf("fleetsim %s\nGSL %s, igraph %s, %s, MPI %s\n", FS_VERSION, GSL_VERSION, IGRAPH_VERSION,
         fs_scenario_lua_release(), FS_HAVE_MPI ? "yes" : "no");
  return 0;
}

int main(int argc, char **argv) {
  gsl_set_error_handler_off();
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  /* SIGTERM (a scheduler's time limit, kill) stops a command the same way:
     what finished is kept or nothing is written, temporary folders go. */
  sigaction(SIGTERM, &sa, NULL);

  if (argc < 2) {
    print_overview(stderr);
    return 2;
  }
  const char *name = argv[1];
  int status;
  if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
    status = cmd_help(0, NULL);
  else if (strcmp(name, "--version") == 0)
    status = cmd_version(0, NULL);
  else {
    const command *c = find_command(name);
    if (!c) {
      fs_cli_eprintf("fleetsim: unknown command '%s'\nusage: fleetsim <command> [options]\n"
                     "Run 'fleetsim help' for the list of commands.\n",
                     name);
      return 2;
    }
    status = c->run(argc - 2, argv + 2);
  }
  /* What was printed must have reached its reader: a full disk or a closed
     pipe behind stdout is a failure, not exit 0. */
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fs_cli_eprintf("fleetsim %s: cannot write the standard output: %s\n", name, strerror(errno));
    if (status == 0) status = 1;
  }
  return status;
}
