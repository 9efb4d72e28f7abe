/* err.h: error codes and the error buffer every fallible call fills. */
#ifndef FS_ERR_H
#define FS_ERR_H

#include <stdarg.h>
#include <stddef.h>

/* Errors are values (STYLE.md habit 5): functions return 0 or a negative
   FS_E* code and write a sentence a user can act on into an fs_err. */
enum {
  FS_OK = 0,
  FS_ENOMEM = -1,  /* allocation failed */
  FS_EINVAL = -2,  /* invalid argument or input */
  FS_EIO = -3,     /* file system or stream error */
  FS_ELIMIT = -4,  /* a configured limit was reached */
  FS_EINTR = -5,   /* interrupted by the user */
  FS_ESCRIPT = -6, /* scenario script error */
  FS_EUSAGE = -7   /* command-line usage error */
};

#define FS_ERR_MAX 1024

typedef struct fs_err {
  int code;
  char msg[FS_ERR_MAX];
} fs_err;

/* Sets err->code and formats err->msg; returns code so callers can write
   `return fs_err_set(err, FS_EINVAL, "...")`. err may be NULL. Control
   bytes in the message other than line breaks and tabs (from a name in a file: a
   terminal escape sequence) are written as \xHH. */
int fs_err_set(fs_err *err, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* fs_err_set with a va_list. */
int fs_err_vset(fs_err *err, int code, const char *fmt, va_list ap);

/* Prepends "prefix: " to an error message already set. */
void fs_err_prefix(fs_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void fs_err_clear(fs_err *err);

#endif
