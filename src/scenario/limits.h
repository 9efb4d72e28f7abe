/* limits.h: the resource limits of a scenario script (no Lua header, so
   the modules that load scenarios need not see Lua). */
#ifndef FS_LIMITS_H
#define FS_LIMITS_H

#include <stddef.h>
#include <stdint.h>

typedef struct fs_lua_limits {
  size_t mem_bytes; /* live Lua heap cap; 0: FS_LUA_DEFAULT_MEM */
  uint64_t steps;   /* VM instructions per phase; 0: FS_LUA_DEFAULT_STEPS */
} fs_lua_limits;

#define FS_LUA_DEFAULT_MEM   ((size_t) 256 << 20)
#define FS_LUA_DEFAULT_STEPS ((uint64_t) 200000000)

/* What --lua-mem (MiB) and --lua-steps accept. */
#define FS_LUA_MEM_MAX_MIB 1048576
#define FS_LUA_STEPS_MIN   1000
#define FS_LUA_STEPS_MAX   1e15

#endif
