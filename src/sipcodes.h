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

/* check.c: reading codes from Lua values. */

/* Stores the code at idx in *code and returns 1 when the value is a SIP
 * status code (an integer-valued number or a three-digit string, 100..699);
 * returns 0 otherwise. */
int sipc_tocode(lua_State *L, int idx, int *code);

/* Pushes a short printable description of the value at idx. */
void sipc_pushvalue_desc(lua_State *L, int idx);

/* Pushes nil and "fname: expected a SIP status code ..., got X"; returns 2. */
int sipc_badcode(lua_State *L, int idx, const char *fname);

/* q850.c: Q.850 causes and their mapping to SIP responses. */
extern const luaL_Reg sipc_q850_funcs[];
const char *sipc_q850_text(int cause);
int sipc_q850_tocause(lua_State *L, int idx, int *cause);

/* What the Q.850 functions say of a value sipc_q850_tocause refuses. */
#define SIPC_NOT_A_CAUSE "expected a Q.850 cause (1..127) or a hangup-cause name"

/* build.c: the status-line and Reason-header builders. */
extern const luaL_Reg sipc_build_funcs[];

#endif
