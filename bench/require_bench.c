/*
 * require_bench.c - what require() of a module costs a C host that builds
 * a fresh Lua state per script (FreeSWITCH does, for every script run):
 * luaL_newstate, luaL_openlibs, require, lua_close, against the same loop
 * without the require.  Each MODULE is given with its package.path and
 * package.cpath, which hold only its own directories.
 *
 *   require_bench time N R  MODULE PATH CPATH ...
 *       R rounds; each builds N states without a require, then N with the
 *       require of each MODULE in turn.  Prints "base ns=..", then
 *       "MODULE ns=.." per module: the best round, per state.
 *   require_bench count N  MODULE PATH CPATH ...
 *       The same loops once, between callgrind client requests: under
 *       valgrind --tool=callgrind, dump 1 holds the instructions of the N
 *       states alone, dump 1+i those of N states with the i-th require.
 *   require_bench heap  MODULE PATH CPATH ...
 *       Prints "MODULE before=.. after=..": bytes of Lua heap in a fresh
 *       state before and after the require, each after a full collection.
 *
 * A MODULE written NAME+K requires NAME and then reads K unregistered codes
 * (441, 442, ...) through the table it returned: sipcodes[c] for codes a
 * script meets that the registry does not hold.
 *
 * A keeper state that has required every MODULE stays open throughout, so
 * that the shared objects stay mapped: what is measured is the require a
 * host pays on every state, not the process's first dlopen.
 */
/* clock_gettime under -std=c99 */
#define _POSIX_C_SOURCE 199309L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#include <valgrind/callgrind.h>

struct run {
  const char *module;  /* as given, NAME or NAME+K */
  const char *path;
  const char *cpath;
  char name[64];       /* NAME */
  int unknown;         /* K */
};

static void die(lua_State *L, const char *what)
{
  fprintf(stderr, "require_bench: %s: %s\n", what, lua_tostring(L, -1));
  exit(1);
}

/* The paths are set in the state rather than through LUA_PATH so that a
 * versioned variable (LUA_PATH_5_4) in the caller's environment cannot
 * lengthen the search of one Lua and not of another. */
static lua_State *new_state(const struct run *r)
{
  lua_State *L = luaL_newstate();
  if (L == NULL) {
    fputs("require_bench: out of memory\n", stderr);
    exit(1);
  }
  luaL_openlibs(L);
  lua_getglobal(L, "package");
  lua_pushstring(L, r->path);
  lua_setfield(L, -2, "path");
  lua_pushstring(L, r->cpath);
  lua_setfield(L, -2, "cpath");
  lua_pop(L, 1);
  return L;
}

static void require(lua_State *L, const struct run *r)
{
  int k;
  lua_getglobal(L, "require");
  lua_pushstring(L, r->name);
  if (lua_pcall(L, 1, 1, 0) != 0) die(L, r->module);
  for (k = 0; k < r->unknown; k++) {
    lua_pushinteger(L, 441 + k);
    lua_gettable(L, -2);
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
}

/* n states, each built, given the require of r unless r is NULL (then
 * with the paths of base), and closed. */
static void states(const struct run *base, const struct run *r, long n)
{
  long i;
  for (i = 0; i < n; i++) {
    lua_State *L = new_state(r != NULL ? r : base);
    if (r != NULL) require(L, r);
    lua_close(L);
  }
}

static double now_ns(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

#define MAX_RUNS 8

/* The machine's speed drifts over tenths of a second: short rounds that
 * alternate all the loops let each meet the same fast and slow spells,
 * and the best round of each is its least disturbed one. */
static void time_mode(const struct run *runs, int nruns, long n, int rounds)
{
  double best[MAX_RUNS + 1];
  int i, k;
  for (i = 0; i <= nruns; i++) best[i] = 1e300;
  for (i = 0; i < nruns; i++) states(runs, &runs[i], n / 10 + 1);  /* warm */
  for (k = 0; k < rounds; k++) {
    for (i = 0; i <= nruns; i++) {
      double t0 = now_ns(), dt;
      states(runs, i == 0 ? NULL : &runs[i - 1], n);
      dt = now_ns() - t0;
      if (dt < best[i]) best[i] = dt;
    }
  }
  printf("base ns=%.0f\n", best[0] / (double)n);
  for (i = 0; i < nruns; i++)
    printf("%s ns=%.0f\n", runs[i].module, best[i + 1] / (double)n);
}

static void count_mode(const struct run *runs, int nruns, long n)
{
  int i;
  for (i = 0; i < nruns; i++) states(runs, &runs[i], 2);
  CALLGRIND_ZERO_STATS;
  states(runs, NULL, n);
  CALLGRIND_DUMP_STATS_AT("base");
  for (i = 0; i < nruns; i++) {
    states(runs, &runs[i], n);
    CALLGRIND_DUMP_STATS_AT(runs[i].module);
  }
}

static double heap_bytes(lua_State *L)
{
  lua_gc(L, LUA_GCCOLLECT, 0);
  return (double)lua_gc(L, LUA_GCCOUNT, 0) * 1024.0 +
         (double)lua_gc(L, LUA_GCCOUNTB, 0);
}

static void heap_mode(const struct run *runs, int nruns)
{
  int i;
  for (i = 0; i < nruns; i++) {
    lua_State *L = new_state(&runs[i]);
    double before = heap_bytes(L), after;
    require(L, &runs[i]);
    after = heap_bytes(L);
    lua_close(L);
    printf("%s before=%.0f after=%.0f\n", runs[i].module, before, after);
  }
}

static int usage(void)
{
  fputs("usage: require_bench time N R MODULE PATH CPATH ...\n"
        "       require_bench count N MODULE PATH CPATH ...\n"
        "       require_bench heap MODULE PATH CPATH ...\n", stderr);
  return 2;
}

int main(int argc, char **argv)
{
  struct run runs[MAX_RUNS];
  lua_State *keepers[MAX_RUNS];
  int first, nruns, i;
  if (argc < 2) return usage();
  first = strcmp(argv[1], "time") == 0 ? 4 : strcmp(argv[1], "count") == 0 ? 3
        : strcmp(argv[1], "heap") == 0 ? 2 : 0;
  if (first == 0 || argc <= first || (argc - first) % 3 != 0) return usage();
  nruns = (argc - first) / 3;
  if (nruns > MAX_RUNS) return usage();
  for (i = 0; i < nruns; i++) {
    runs[i].module = argv[first + 3 * i];
    runs[i].path = argv[first + 3 * i + 1];
    runs[i].cpath = argv[first + 3 * i + 2];
    runs[i].unknown = 0;
    snprintf(runs[i].name, sizeof runs[i].name, "%s", runs[i].module);
    if (strchr(runs[i].name, '+') != NULL) {
      runs[i].unknown = atoi(strchr(runs[i].name, '+') + 1);
      *strchr(runs[i].name, '+') = '\0';
    }
    keepers[i] = new_state(&runs[i]);
    require(keepers[i], &runs[i]);
  }
  if (first == 4) time_mode(runs, nruns, atol(argv[2]), atoi(argv[3]));
  else if (first == 3) count_mode(runs, nruns, atol(argv[2]));
  else heap_mode(runs, nruns);
  for (i = 0; i < nruns; i++) lua_close(keepers[i]);
  return 0;
}
