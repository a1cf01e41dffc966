/*
 * sipcodes.h - declarations shared by the C files of sipcodes.core.
 *
 * Everything here is read-only data or a function over it: the core keeps
 * no mutable state in C, because hosts such as FreeSWITCH run many Lua
 * states in parallel threads.  Per-state data lives in Lua tables.
 */
#ifndef SIPCODES_H
#define SIPCODES_H

#include <stddef.h>

#include "compat.h"

/* Where a code stands in the IANA registry. */
enum sipc_status {
  SIPC_CURRENT = 0,
  SIPC_DEPRECATED = 1,  /* the registry marks it deprecated */
  SIPC_HISTORIC = 2     /* only an obsolete SIP RFC defined it */
};

struct sipc_code {
  const char *reason;       /* canonical phrase, as its RFC spells it */
  const char *name;         /* constant name, unique */
  const char *description;  /* one plain sentence */
  unsigned short code;
  unsigned short rfc;       /* the RFC that defines it now */
  unsigned char status;     /* enum sipc_status */
};

/* codes.c: the table, in ascending order of code. */
extern const struct sipc_code sipc_codes[];
extern const size_t sipc_ncodes;

/* Smallest and largest value of a SIP status code (RFC 3261 §7.2). */
#define SIPC_MIN 100
#define SIPC_MAX 699

/* The version: the one place it is written.  The Makefile, the rockspecs,
   debian/changelog and `sipcode --version` take it from here, and
   tools/rockspec-check.sh fails when one of them differs. */
#define SIPC_VERSION "1.1.0"

/* The registered entry for code, or NULL. */
const struct sipc_code *sipc_find(int code);

/* Index of the first entry whose code is greater than code. */
size_t sipc_after(int code);

/* check.c: the one way to read a code, to name a value and to fail. */

/* Stores the code at idx in *code and returns 1 when the value is a SIP
 * status code (an integer-valued number or a three-digit string, 100..699);
 * returns 0 otherwise. */
int sipc_tocode(lua_State *L, int idx, int *code);

/* The value of the len decimal digits at s (1 to 3 of them), or -1. */
int sipc_digits(const char *s, size_t len);

/* Pushes a short printable description of the value at idx: at most
 * SIPC_QUOTE_MAX printable bytes of a string, a number as written in the C
 * locale, the type of anything else. */
void sipc_pushvalue_desc(lua_State *L, int idx);

/* The failure helper: pushes nil and the message fmt formats (as
 * lua_pushfstring does), followed by ", got V" where V describes the value
 * at the absolute index idx, unless idx is 0; returns 2, the count a Lua
 * function returns them with. */
int sipc_fail(lua_State *L, int idx, const char *fmt, ...);

/* What a function says of a value that is no status code. */
#define SIPC_NOT_A_CODE "expected a SIP status code (100..699)"

/* What the Q.850 functions say of a value sipc_q850_tocause refuses. */
#define SIPC_NOT_A_CAUSE "expected a Q.850 cause (1..127) or a hangup-cause name"

/* The open functions: each C file sets its functions in the table on top
 * of the stack, each under the Lua name its luaL_Reg gives it (parse.h
 * declares sipc_open_parse).  core.open(part) calls them. */
void sipc_open_build(lua_State *L);
void sipc_open_q850_build(lua_State *L);
void sipc_open_q850(lua_State *L);

/* core.c: sets the functions of l in the table on top. */
void sipc_setfuncs(lua_State *L, const luaL_Reg *l);

/* q850.c, for the builders: the Q.850 wording of a cause, or NULL, and the
 * cause a value names (1, *cause set) or 0. */
const char *sipc_q850_text(int cause);
int sipc_q850_tocause(lua_State *L, int idx, int *cause);

#endif
