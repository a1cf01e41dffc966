/*
 * harness.h - what the libFuzzer targets in fuzz/ share.
 *
 * Each target drives the real C parsers and builders the way a script
 * does: through a Lua 5.4 state that has required "sipcodes" (the Lua
 * layer from lua/, the core linked into the target and offered through
 * package.preload), calling the functions found in the module table.  The
 * state is made once per process, in LLVMFuzzerInitialize, because
 * building it per input would cost more than the parsing being tested.
 *
 * Everything that fails a property calls fz_fail(), which prints what was
 * seen and abort()s, so that libFuzzer saves the input as a crash.
 */
#ifndef SIPCODES_FUZZ_HARNESS_H
#define SIPCODES_FUZZ_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include <lua.h>
#include <lauxlib.h>

/* The libFuzzer entry points (declared here for -Wmissing-prototypes). */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Makes the state and requires sipcodes; returns the state.  Later calls
 * return the same state. */
lua_State *fz_init(void);

/* Pushes the function at a dotted path of the module table, such as
 * "parse_reason" or "q850.reason_header", as a script would reach it. */
void fz_getfunc(lua_State *L, const char *path);

/* Calls the function below its nargs arguments in protected mode and
 * returns how many results it left on the stack.  The functions under test
 * never raise on any input, so an error is a finding. */
int fz_call(lua_State *L, const char *what, int nargs);

/* fz_call of the function at path with one string argument, the n bytes
 * at s: what every target does with its input and with what it rebuilt. */
int fz_call_string(lua_State *L, const char *path, const char *what,
                   const char *s, size_t n);

/* Prints the input (escaped) and the message, then abort()s. */
void fz_fail(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2), noreturn))
#endif
    ;

/* Starts a run: remembers the input for fz_fail's report, empties the
 * stack and picks the collector's settings for this input. */
void fz_begin(lua_State *L, const uint8_t *data, size_t size);

/* Ends a run: empties the stack and collects the garbage. */
void fz_done(lua_State *L);

/* Checks the nil-and-message answer of fname at idx (the nil) and idx+1:
 * the message starts with prefix and is short printable ASCII, so that a
 * hostile input cannot put control bytes into a log line through it. */
void fz_check_failure(lua_State *L, int idx, const char *prefix);

/* True when the value at idx is a string equal to the n bytes at s. */
int fz_streq(lua_State *L, int idx, const char *s, size_t n);

/* A growable byte buffer for the strings the targets rebuild. */
struct fz_buf {
  char *p;
  size_t n, cap;
};

void fz_buf_add(struct fz_buf *b, const void *s, size_t n);
void fz_buf_addc(struct fz_buf *b, char c);
void fz_buf_free(struct fz_buf *b);

/* True when the n bytes at s hold a CR or an LF. */
int fz_has_crlf(const char *s, size_t n);

#endif
