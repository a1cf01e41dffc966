/*
 * threads.c - sipcodes in many Lua states at once, as FreeSWITCH runs it
 * (one Lua state per call, each in its own thread).
 *
 * Starts NTHREADS pthreads (default 8).  Each makes its own Lua 5.4 state,
 * points package.path at the repository's lua/ and package.cpath at a
 * build directory, waits at a barrier so that every thread requires
 * sipcodes (dlopen, luaopen_sipcodes_core, the lazy layers) at the same
 * moment, then runs ITERATIONS (default 1,000,000) mixed calls from a Lua
 * loop: lookups that hit and miss the per-state caches, the constants and
 * the module's own completion after repeated unknown codes, queries,
 * builders, both parsers on good and bad input, Q.850 mappings.  Each call
 * is checked against a literal expected value, so that a state corrupted
 * by another thread shows up as a wrong answer, not only as a sanitizer
 * report.  Threads start at different offsets of the list of calls, so
 * that their caches fill in different orders.
 *
 * Built with -fsanitize=thread (clang) against a core built the same way,
 * it is the check that the C core shares nothing writable between states;
 * test/threads/run.sh runs it.  Prints one line per thread and
 * "N passed, M failed" over the threads; exits non-zero on any failure.
 *
 * Usage: threads LUA_DIR CPATH_DIR [ITERATIONS [NTHREADS]]
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#define MAX_THREADS 64

/* The work of one state: ... = iterations, offset.  Returns the number of
 * calls made, the number of wrong answers and the first wrong call's name.
 * Each case returns true when the answer is right. */
static const char WORK[] =
  "local n, offset = ...\n"
  "local sipcodes = require('sipcodes')\n"
  "local q850 = sipcodes.q850\n"
  "local cases = {\n"
  "  {'lookup', function() local e = sipcodes.lookup(486)\n"
  "    return e.reason == 'Busy Here' and e.final == true and e.class == 4 end},\n"
  "  {'reason string', function() return sipcodes.reason('180') == 'Ringing' end},\n"
  "  {'class unregistered', function() return sipcodes.class(431) == 4 end},\n"
  "  {'is_final', function() return sipcodes.is_final(100) == false end},\n"
  "  {'index entry', function() return sipcodes[603].name == 'DECLINE' end},\n"
  "  {'constant', function() return sipcodes.BUSY_HERE == 486 end},\n"
  "  {'code', function() return sipcodes.code('busy here') == 486 end},\n"
  "  {'resolve', function() return sipcodes.resolve(431).code == 400 end},\n"
  "  {'parse_status_line', function()\n"
  "    local c, r, v = sipcodes.parse_status_line('SIP/2.0 180 Ringing\\r\\n')\n"
  "    return c == 180 and r == 'Ringing' and v == 'SIP/2.0' end},\n"
  "  {'parse_reason', function()\n"
  "    local l = sipcodes.parse_reason('Q.850;cause=16;text=\"Normal call clearing\", SIP;cause=200')\n"
  "    return #l == 2 and l[1].cause == 16 and l[1].text == 'Normal call clearing'\n"
  "      and l[2].protocol == 'SIP' and l[2].params.cause == '200' end},\n"
  "  {'status_line', function()\n"
  "    return sipcodes.status_line(486, 'Busy\\r\\nX: 1') == 'SIP/2.0 486 Busy%0D%0AX: 1' end},\n"
  "  {'reason_header', function()\n"
  "    return sipcodes.reason_header(486) == 'SIP;cause=486;text=\"Busy Here\"' end},\n"
  "  {'q850.to_sip', function() return q850.to_sip(17) == 486 end},\n"
  "  {'q850.from_sip', function() local c, name = q850.from_sip(486)\n"
  "    return c == 17 and name == 'USER_BUSY' end},\n"
  "  {'q850.reason_header', function()\n"
  "    return q850.reason_header(16) == 'Q.850;cause=16;text=\"Normal call clearing\"' end},\n"
  "  {'best', function() return sipcodes.best({503, 407, 501, 404}) == 407 end},\n"
  "  {'match', function() return #sipcodes.match('48x') == 10 end},\n"
  "  {'lookup miss', function() local e, msg = sipcodes.lookup(431)\n"
  "    return e == nil and msg == 'sipcodes.lookup: 431 is not a registered SIP response code' end},\n"
  "  {'index miss', function() return sipcodes[431] == nil end},\n"
  "  {'bad status line', function() local c, msg = sipcodes.parse_status_line('SIP/2.0 200 O\\0K')\n"
  "    return c == nil and msg == 'sipcodes.parse_status_line: control character NUL at byte 14 in the Reason-Phrase' end},\n"
  "  {'bad reason', function() local l, msg = sipcodes.parse_reason('SIP;cause=abc')\n"
  "    return l == nil and msg == 'sipcodes.parse_reason: cause at byte 11 must be digits' end},\n"
  "  {'bad code', function() local e, msg = sipcodes.lookup(486.5)\n"
  "    return e == nil and msg == 'sipcodes.lookup: expected a SIP status code (100..699), got 486.5' end},\n"
  "  {'predicate float', function() return sipcodes.is_client_error(486.0) == true end},\n"
  "  {'headers', function() return sipcodes.headers(415)[2] == 'Accept-Encoding' end},\n"
  "}\n"
  "local ncases, wrong, first = #cases, 0, nil\n"
  "for i = 1, n do\n"
  "  local case = cases[(i + offset) % ncases + 1]\n"
  "  if not case[2]() then\n"
  "    wrong = wrong + 1\n"
  "    first = first or case[1]\n"
  "  end\n"
  "end\n"
  "local count = 0\n"
  "for code, e in sipcodes.each() do\n"
  "  if e.code ~= code then wrong = wrong + 1; first = first or 'each' end\n"
  "  count = count + 1\n"
  "end\n"
  "if count ~= 77 then wrong = wrong + 1; first = first or 'each count' end\n"
  "return n, wrong, first\n";

struct job {
  int id;
  long iterations;
  const char *lua_dir, *cpath_dir;
  pthread_barrier_t *start;
  /* results */
  int ok;
  long calls, wrong;
  double seconds;
  char msg[256];
};

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *run(void *arg)
{
  struct job *j = arg;
  lua_State *L = luaL_newstate();
  double t0;
  if (L == NULL) {
    snprintf(j->msg, sizeof j->msg, "luaL_newstate failed");
    pthread_barrier_wait(j->start);
    return NULL;
  }
  luaL_openlibs(L);
  lua_getglobal(L, "package");
  lua_pushfstring(L, "%s/?.lua", j->lua_dir);
  lua_setfield(L, -2, "path");
  lua_pushfstring(L, "%s/?.so", j->cpath_dir);
  lua_setfield(L, -2, "cpath");
  lua_pop(L, 1);

  /* Everyone requires at once. */
  pthread_barrier_wait(j->start);
  t0 = now();
  if (luaL_loadstring(L, WORK) != 0) {
    snprintf(j->msg, sizeof j->msg, "load: %s", lua_tostring(L, -1));
  } else {
    lua_pushinteger(L, j->iterations);
    lua_pushinteger(L, j->id * 7);
    if (lua_pcall(L, 2, 3, 0) != 0) {
      snprintf(j->msg, sizeof j->msg, "raised: %s", lua_tostring(L, -1));
    } else {
      j->calls = (long)lua_tointeger(L, -3);
      j->wrong = (long)lua_tointeger(L, -2);
      if (lua_isstring(L, -1))
        snprintf(j->msg, sizeof j->msg, "first wrong answer: %s", lua_tostring(L, -1));
      j->ok = j->calls == j->iterations && j->wrong == 0;
    }
  }
  j->seconds = now() - t0;
  lua_close(L);
  return NULL;
}

int main(int argc, char **argv)
{
  struct job jobs[MAX_THREADS];
  pthread_t tids[MAX_THREADS];
  pthread_barrier_t start;
  long iterations = 1000000;
  int nthreads = 8, i, passed = 0, failed = 0;
  double t0;

  if (argc < 3) {
    fprintf(stderr, "usage: %s LUA_DIR CPATH_DIR [ITERATIONS [NTHREADS]]\n", argv[0]);
    return 2;
  }
  if (argc > 3) iterations = strtol(argv[3], NULL, 10);
  if (argc > 4) nthreads = (int)strtol(argv[4], NULL, 10);
  if (iterations < 1 || nthreads < 1 || nthreads > MAX_THREADS) {
    fprintf(stderr, "%s: bad ITERATIONS or NTHREADS (1..%d)\n", argv[0], MAX_THREADS);
    return 2;
  }

  pthread_barrier_init(&start, NULL, (unsigned)nthreads);
  t0 = now();
  for (i = 0; i < nthreads; i++) {
    memset(&jobs[i], 0, sizeof jobs[i]);
    jobs[i].id = i;
    jobs[i].iterations = iterations;
    jobs[i].lua_dir = argv[1];
    jobs[i].cpath_dir = argv[2];
    jobs[i].start = &start;
    if (pthread_create(&tids[i], NULL, run, &jobs[i]) != 0) {
      /* The barrier counts on every thread: without one, give up. */
      fprintf(stderr, "%s: pthread_create failed\n", argv[0]);
      return 1;
    }
  }
  for (i = 0; i < nthreads; i++) pthread_join(tids[i], NULL);
  pthread_barrier_destroy(&start);

  for (i = 0; i < nthreads; i++) {
    struct job *j = &jobs[i];
    printf("thread %d: %ld calls, %ld wrong, %.2f s%s%s\n", j->id, j->calls,
           j->wrong, j->seconds, j->msg[0] ? ", " : "", j->msg);
    if (j->ok) passed++;
    else failed++;
  }
  printf("%d threads x %ld calls in %.2f s\n", nthreads, iterations, now() - t0);
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
