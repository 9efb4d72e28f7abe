/* fuzz.h: what the libFuzzer harnesses share: a private temporary folder
   for the inputs that the code under test reads from files. */
#ifndef FS_FUZZ_H
#define FS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* libFuzzer's entry points (declared here for -Wmissing-prototypes). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The harness's own folder, made on first use under $TMPDIR (or /tmp) as
   fleetsim-fuzz-XXXXXX and removed with everything in it at exit. A
   harness writes nowhere else. Aborts if it cannot be made: a harness
   without it would test nothing. */
const char *fs_fuzz_dir(void);

/* DIR/name into buf (cap bytes); aborts when it does not fit. */
const char *fs_fuzz_path(char *buf, size_t cap, const char *name);

/* Writes data[0..size) to DIR/name, replacing it; returns the path (in a
   buffer of its own per call site: the caller passes buf). Aborts on a
   write error. */
const char *fs_fuzz_write(char *buf, size_t cap, const char *name, const uint8_t *data,
                          size_t size);

/* data[0..size) as a NUL-terminated string (malloc'ed; the caller frees it). */
char *fs_fuzz_cstr(const uint8_t *data, size_t size);

/* The source tree (models/, fuzz/data/), as configured. */
const char *fs_fuzz_source_root(void);

#endif
