/*
 * parse.h - parsers for what a SIP script reads off the wire about a
 * response: the Status-Line (RFC 3261 §7.2) and the Reason header field
 * (RFC 3326, updated by RFC 9366).  See parse.c for the rules applied.
 */
#ifndef SIPCODES_PARSE_H
#define SIPCODES_PARSE_H

#include <stddef.h>

#include "compat.h"

/* sipcodes.parse_status_line(s [, {lenient = true}]) -> code, reason, version
 *                                                  | nil, message */
int sipc_parse_status_line(lua_State *L);

/* sipcodes.parse_reason(value) -> list of reason-values | nil, message */
int sipc_parse_reason(lua_State *L);

/*
 * Checks the len bytes at s against the RFC 3261 §25 Reason-Phrase grammar,
 * with UTF-8 held to RFC 3629 and no control characters but HTAB.  Returns
 * NULL when they form a valid phrase (the empty phrase is valid).  Otherwise
 * stores the 0-based offset of the first offending byte in *at and returns
 * a short description of the problem, meant to be followed by a name of
 * that byte: "control character", "invalid UTF-8 byte", "incomplete escape"
 * or "disallowed character".  For builders that must not emit a bad phrase.
 */
const char *sipc_check_phrase(const char *s, size_t len, size_t *at);

#endif
