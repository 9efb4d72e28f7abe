/* mpi.h: MPI for `fleetsim sweep`, present whether or not the build has MPI
   (without it, init explains how to get it). */
#ifndef FS_SWEEP_MPI_H
#define FS_SWEEP_MPI_H

#include <stddef.h>

#include "util/err.h"

/* Whether the process was started by mpirun/mpiexec/srun (their
   environment variables), and the world size they announce (0: unknown;
   -1 with FS_EUSAGE naming the variable when it is not a whole number in
   int range, parsed strictly). */
int fs_sweep_mpi_launched(void);
int fs_sweep_mpi_env_size(fs_err *err);
/* The rank they announce (0 when none; -1 as above): who prints errors
   met before MPI_Init. */
int fs_sweep_mpi_env_rank(fs_err *err);

/* MPI_Init_thread (FUNNELED), rank and size. */
int fs_sweep_mpi_init(int *argc, char ***argv, int *rank, int *size, fs_err *err);
void fs_sweep_mpi_finalize(void);
/* Rank 0's value, on every rank (a collective: every rank calls it). */
int fs_sweep_mpi_agree(int value);
/* Rank 0's n values into v on every rank (a collective). */
void fs_sweep_mpi_share(double *v, size_t n);

#endif
