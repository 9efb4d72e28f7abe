/* mpi.h: MPI for `fleetsim sweep`, present whether or not the build has MPI
   (without it, init explains how to get it). */
#ifndef FS_SWEEP_MPI_H
#define FS_SWEEP_MPI_H

#include "util/err.h"

/* Whether the process was started by mpirun/mpiexec/srun (their
   environment variables), and the world size they announce (0: unknown). */
int fs_sweep_mpi_launched(void);
int fs_sweep_mpi_env_size(void);
/* The rank they announce (0 when none): who prints errors met before MPI_Init. */
int fs_sweep_mpi_env_rank(void);

/* MPI_Init_thread (FUNNELED), rank and size. */
int fs_sweep_mpi_init(int *argc, char ***argv, int *rank, int *size, fs_err *err);
void fs_sweep_mpi_finalize(void);
/* Rank 0's value, on every rank (a collective: every rank calls it). */
int fs_sweep_mpi_agree(int value);

#endif
